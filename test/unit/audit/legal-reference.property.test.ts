import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LegalReferenceSchema,
  looksLikePhoneNumber,
  maskPhoneNumbers,
  ReasonTextSchema,
} from '../../../functions/core/audit/free-text.js';

const digits = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

/** A Dutch mobile number (06 and eight digits) in the ways people write one. */
const dutchMobile = fc.tuple(digits(8, 8), fc.integer({ min: 0, max: 6 })).map(([n, style]) => {
  const [a, b] = [n.slice(0, 4), n.slice(4)];
  return [`06${n}`, `06-${n}`, `06 ${a} ${b}`, `06-${a} ${b}`, `+316${n}`, `+31 6 ${a} ${b}`, `00316${n}`][
    style
  ]!;
});

const word = fc.constantFrom('Parket', 'parketnummer', 'PARKET', 'zaak', 'Rechtbank', 'kenmerk');

/** "<word> NN/NNN[NNN][-NN]": a case number of a court or the prosecution. */
const caseNumber = fc
  .tuple(word, fc.integer({ min: 10, max: 99 }), digits(3, 6), fc.option(digits(2, 2), { nil: undefined }))
  .map(([w, court, serial, year]) => `${w} ${court}/${serial}${year === undefined ? '' : `-${year}`}`);

describe('legal references and phone numbers', () => {
  it('refuses or masks every Dutch mobile number, however written and wherever in the text', () => {
    fc.assert(
      fc.property(word, dutchMobile, fc.constantFrom('', ' kenmerk', ' 13/654321-22'), (w, phone, tail) => {
        const text = `${w} ${phone}${tail}`;
        expect(looksLikePhoneNumber(text)).toBe(true);
        expect(LegalReferenceSchema.safeParse(text).success).toBe(false);
        expect(ReasonTextSchema.safeParse(text).success).toBe(false);
        expect(maskPhoneNumbers(text)).not.toContain(phone);
      }),
    );
  });

  it('refuses a case number whose digits together spell a mobile number', () => {
    fc.assert(
      fc.property(word, digits(6, 6), digits(2, 2), (w, serial, year) => {
        expect(LegalReferenceSchema.safeParse(`${w} 06/${serial}-${year}`).success).toBe(false);
      }),
    );
  });

  it('accepts every reference of the form "<word> NN/NNN[NNN][-NN]" and stores it unchanged', () => {
    fc.assert(
      fc.property(caseNumber, (reference) => {
        const parsed = LegalReferenceSchema.safeParse(reference);
        expect(parsed.success).toBe(true);
        expect(parsed.data).toBe(reference);
        expect(maskPhoneNumbers(reference)).toBe(reference);
      }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formProblem } from '../../functions/http/form-action.js';
import {
  AreaForm,
  RoundForm,
  StreetActionForm,
  StreetsForm,
  SubmitForm,
  text,
  texts,
} from '../../functions/http/routes/letters/forms.js';
import { streetValue } from '../../functions/http/views/letters.js';

const street = fc.record({ street: fc.string({ minLength: 1 }), city: fc.string({ minLength: 1 }) });

describe('letter forms', () => {
  it('reads a text field as its first value and an absent or file field as empty', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 4 }), (values) => {
        expect(text.parse(values.length === 1 ? values[0] : values)).toBe(values[0]);
      }),
    );
    expect(text.parse(undefined)).toBe('');
    expect(text.parse(new File(['x'], 'x.txt'))).toBe('');
  });

  it('reads a repeated field as every text value in order', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 5 }), (values) => {
        const posted = values.length === 0 ? undefined : values.length === 1 ? values[0] : values;
        expect(texts.parse(posted)).toEqual(values);
      }),
    );
  });

  it('gives back the streets of the street form exactly as the page encoded them', () => {
    fc.assert(
      fc.property(fc.array(street, { maxLength: 4 }), fc.nat(), (streets, version) => {
        const parsed = StreetsForm.parse({ straat: streets.map(streetValue), versie: String(version) });
        expect(parsed.straat).toEqual(streets);
        expect(parsed.versie).toBe(version);
        expect(parsed.modus).toBe('whole_streets');
      }),
    );
  });

  it('refuses an unknown street or a missing version with the page’s Dutch message', () => {
    const unknown = StreetsForm.safeParse({ straat: ['geen-straat'], versie: '1' });
    expect(unknown.success).toBe(false);
    if (!unknown.success)
      expect(formProblem(unknown.error)).toBe('Onbekende straat in het formulier. Laad de pagina opnieuw.');
    const noVersion = StreetsForm.safeParse({ straat: [] });
    expect(noVersion.success).toBe(false);
    if (!noVersion.success)
      expect(formProblem(noVersion.error)).toBe(
        'Het formulier is onvolledig verzonden. Laad de pagina opnieuw.',
      );
  });

  it('asks for both delivery days before submitting', () => {
    const result = SubmitForm.safeParse({ from: '2026-05-01', until: '' });
    expect(result.success).toBe(false);
    if (!result.success) expect(formProblem(result.error)).toBe('Vul de eerste en de laatste bezorgdag in.');
    expect(SubmitForm.parse({ from: '2026-05-01', until: '2026-05-02' }).zaaktekst).toBeUndefined();
  });

  it('reads a radius with a decimal comma, and an empty one as not a number for the use case to refuse', () => {
    expect(AreaForm.parse({ straal: '250,5' }).straal).toBe(250.5);
    expect(AreaForm.parse({}).straal).toBeNaN();
  });

  it('leaves unreadable streets out of a round and asks the distributor to choose a street', () => {
    const round = RoundForm.parse({
      straat: ['kapot', streetValue({ street: 'Lange Nieuwstraat', city: 'Utrecht' })],
    });
    expect(round.straat).toEqual([{ street: 'Lange Nieuwstraat', city: 'Utrecht' }]);
    const action = StreetActionForm.safeParse({ straat: '' });
    expect(action.success).toBe(false);
    if (!action.success) expect(formProblem(action.error)).toBe('Kies een straat.');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../functions/core/errors.js';
import { assertLetterTextClean, screenLetterText } from '../../../functions/core/letters/free-text-screen.js';

const WORDS = [
  'er',
  'zijn',
  'drie',
  'mensen',
  'aangehouden',
  'in',
  'de',
  'buurt',
  'op',
  'maandag',
  'politie',
];
/** Plain Dutch prose without digits or @: what a case text normally is. */
const prose = fc
  .array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 30 })
  .map((w) => `${w.join(' ')}.`);
const mobile = fc
  .tuple(fc.constantFrom('06', '+31 6 ', '0031 6', '06-'), fc.stringMatching(/^[1-9]\d{7}$/))
  .map(([prefix, rest]) => `${prefix}${rest}`);
const landline = fc
  .tuple(fc.constantFrom('030 ', '020-', '010 ', '+31 30 '), fc.stringMatching(/^[2-9]\d{6}$/))
  .map(([prefix, rest]) => `${prefix}${rest}`);
const email = fc
  .tuple(
    fc.stringMatching(/^[a-z][a-z.]{0,10}[a-z]$/),
    fc.constantFrom('utrecht.nl', 'politie.nl', 'gmail.com'),
  )
  .map(([local, domain]) => `${local}@${domain}`);
const postcode = fc
  .tuple(fc.integer({ min: 1000, max: 9999 }), fc.stringMatching(/^[A-RT-Z][A-Z]$/), fc.boolean())
  .map(([n, letters, space]) => `${n}${space ? ' ' : ''}${letters}`);
const address = fc
  .tuple(
    fc.constantFrom('Proef', 'Brug', 'Kerk', 'Oude', 'Nieuwe', 'Van Limburg Stirum'),
    fc.constantFrom('straat', 'laan', 'weg', 'gracht', 'plein', 'kade', 'singel'),
    fc.integer({ min: 1, max: 999 }),
    fc.constantFrom('', 'a', ' b', '-2'),
  )
  .map(([name, suffix, n, extra]) => `${name}${suffix} ${n}${extra}`);

function around(value: fc.Arbitrary<string>) {
  return fc
    .tuple(prose, value, prose)
    .map(([before, v, after]) => ({ text: `${before} ${v}, ${after}`, value: v }));
}

describe('screenLetterText', () => {
  it('finds nothing in plain prose', () => {
    fc.assert(
      fc.property(prose, (text) => {
        expect(screenLetterText(text)).toEqual([]);
      }),
    );
  });

  it.each([
    ['phone', mobile],
    ['phone', landline],
    ['email', email],
    ['postcode', postcode],
    ['address', address],
  ] as const)('finds a %s anywhere in prose, and never repeats it whole', (kind, value) => {
    fc.assert(
      fc.property(around(value), ({ text, value: v }) => {
        const findings = screenLetterText(text);
        expect(findings.map((f) => f.kind)).toContain(kind);
        for (const f of findings) expect(f.masked).not.toContain(v);
        expect(() => assertLetterTextClean([{ label: 'Wat er is gebeurd', text }])).toThrow(ValidationError);
      }),
    );
  });

  it('allows the generic numbers every letter carries', () => {
    const text =
      'Meld het bij de politie via 0900-8844, anoniem via Meld Misdaad Anoniem: 0800-7000, bel 14 030 of in nood 112.';
    expect(screenLetterText(text)).toEqual([]);
  });

  it('names what it found in Dutch, masked, and the text it was in', () => {
    let message = '';
    try {
      assertLetterTextClean([
        {
          label: 'Wat er is gebeurd',
          text: 'Aangehouden: Jan Jansen, Proefstraat 12, bel 06-12345678 of j.jansen@example.nl.',
        },
      ]);
    } catch (error) {
      message = error instanceof ValidationError ? error.userMessage : '';
    }
    expect(message).toContain('Wat er is gebeurd');
    expect(message).toContain('een straat met huisnummer (Proefstraat ••)');
    expect(message).toContain('een telefoonnummer (•••• 78)');
    expect(message).toContain('een e-mailadres (j•••@•••.nl)');
    expect(message).not.toMatch(/12345678|jansen@/);
  });
});

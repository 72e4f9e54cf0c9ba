import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Normaliser, numberKey } from '../../../functions/core/contacts/index.js';

describe('Normaliser', () => {
  const normaliser = new Normaliser('NL');

  it.each([
    ['06-12345678', '+31612345678', 'MOBILE', 'NL'],
    ['+31 (0)6 12345678', '+31612345678', 'MOBILE', 'NL'],
    ['0031 6 1234 5678', '+31612345678', 'MOBILE', 'NL'],
    ['030-1234567', '+31301234567', 'FIXED_LINE', 'NL'],
    ['0800-0432', '+318000432', 'TOLL_FREE', 'NL'],
    ['0900-1234567', '+319001234567', 'PREMIUM_RATE', 'NL'],
    ['085-0123456', '+31850123456', 'VOIP', 'NL'],
    ['066-1234567', '+31661234567', 'PAGER', 'NL'],
    ['097012345678', '+3197012345678', 'M2M', 'NL'],
    ['+32 470 12 34 56', '+32470123456', 'MOBILE', 'BE'],
    ['+1 212 555 7777', '+12125557777', 'FIXED_LINE_OR_MOBILE', 'US'],
  ])('%s is %s, %s in %s', (raw, e164, type, country) => {
    expect(normaliser.normalise(raw)).toEqual({ valid: true, e164, type, country });
  });

  it.each(['112', '06-123', '+1 (212) 204-34456', '1-800-ELEPHANT', '0612'])(
    '%s is invalid, with a Dutch reason',
    (raw) => {
      const result = normaliser.normalise(raw);

      expect(result.valid).toBe(false);
      expect(result.valid ? '' : result.reason).toMatch(/telefoonnummer/);
    },
  );

  it('uses the configured region for numbers without a country code', () => {
    expect(new Normaliser('BE').normalise('0470 12 34 56')).toMatchObject({
      e164: '+32470123456',
      country: 'BE',
    });
  });

  it('is idempotent: normalising an E.164 result gives the same result', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^(\+31|0031|0)[1-9][0-9 -]{7,12}$/), (raw) => {
        const first = normaliser.normalise(raw);
        if (!first.valid) return;
        expect(normaliser.normalise(first.e164)).toEqual(first);
      }),
    );
  });

  it('answers the same with a cold and a warm cache', () => {
    fc.assert(
      fc.property(fc.string(), (raw) => {
        expect(new Normaliser('NL', 1).normalise(raw)).toEqual(normaliser.normalise(raw));
      }),
    );
  });
});

describe('numberKey', () => {
  it('keeps digits, a leading plus, and reads 00 as plus', () => {
    expect(numberKey(' +31 (0)6-12.34')).toBe('+31061234');
    expect(numberKey('0031 6 12')).toBe('+31612');
    expect(numberKey('06 12')).toBe('0612');
  });
});

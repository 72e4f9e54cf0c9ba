import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskPhoneNumbers } from '../../../functions/core/audit/free-text.js';

describe('masking phone numbers in kept free text', () => {
  it.each([
    ['bel 0612345678 bij de achterdeur', 'bel ••• bij de achterdeur'],
    ['bewoner: 06-1234 5678', 'bewoner: •••'],
    ['+31 6 12345678 of 0031612345678', '••• of •••'],
    ['brievenbus dichtgeplakt, nr 12-14', 'brievenbus dichtgeplakt, nr 12-14'],
    ['parket 13/654321-22', 'parket 13/654321-22'],
  ])('%s', (text, masked) => {
    expect(maskPhoneNumbers(text)).toBe(masked);
  });

  it('leaves no phone number in any text with a Dutch mobile number in it', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.integer({ min: 10_000_000, max: 99_999_999 }),
        fc.constantFrom('', ' ', '-'),
        fc.string({ maxLength: 40 }),
        (before, digits, separator, after) => {
          const masked = maskPhoneNumbers(`${before} 06${separator}${digits} ${after}`);
          expect(masked).not.toContain(`06${separator}${digits}`);
        },
      ),
    );
  });
});

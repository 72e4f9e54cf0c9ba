import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VariantIdSchema } from '../../../functions/core/campaigns/campaign.schema.js';
import {
  describeTestNumber,
  isTestVariantId,
  TestNumberLabelSchema,
  TestSmsRequestSchema,
  testVariantId,
} from '../../../functions/core/sending/test-sms.js';

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n });
const words = fc.stringMatching(/^[A-Za-zé ]{1,30}$/).filter((s) => s.trim().length > 0);

describe('test numbers', () => {
  it('shows a Dutch mobile number only masked: its label, country, first digit and last four digits', () => {
    fc.assert(
      fc.property(digits(8), words, (rest, label) => {
        const subscriber = rest.join('');
        const shown = describeTestNumber({ e164: `+316${subscriber}`, label: label.trim() });
        expect(shown).toBe(`${label.trim()} (+31 6 •••• ${subscriber.slice(-4)})`);
        expect(shown).not.toContain(subscriber.slice(0, 5));
      }),
    );
  });

  it('refuses a label holding a run of six or more digits (a number would show unmasked)', () => {
    fc.assert(
      fc.property(words, digits(6), words, (before, run, after) => {
        expect(TestNumberLabelSchema.safeParse(`${before} ${run.join('')} ${after}`).success).toBe(false);
        expect(
          TestNumberLabelSchema.safeParse(`${before} ${run.slice(0, 3).join('')}-${run.slice(3).join('')}`)
            .success,
        ).toBe(false);
      }),
    );
  });

  it('keeps a plain label, trimmed, and refuses an empty or too long one', () => {
    fc.assert(
      fc.property(words, (label) => {
        expect(TestNumberLabelSchema.parse(`  ${label}  `)).toBe(label.trim());
      }),
    );
    expect(TestNumberLabelSchema.safeParse('   ').success).toBe(false);
    expect(TestNumberLabelSchema.safeParse('a'.repeat(81)).success).toBe(false);
  });
});

describe('test SMS requests', () => {
  const valid = {
    id: 'req1',
    campaignId: 'camp1',
    variantId: 'v1',
    testNumberId: 'tn1',
    text: 'Tekst https://voorbeeld.nl/r/abcdefgh',
    requestedAt: '2026-12-05T01:00:00.000Z',
    requestedBy: 'user-adviser',
    status: 'pending',
  };

  it('takes only a test number id and a known status, never a number field', () => {
    expect(TestSmsRequestSchema.parse(valid).testNumberId).toBe('tn1');
    expect(TestSmsRequestSchema.safeParse({ ...valid, testNumberId: '' }).success).toBe(false);
    expect(TestSmsRequestSchema.safeParse({ ...valid, status: 'queued' }).success).toBe(false);
    expect('e164' in TestSmsRequestSchema.parse({ ...valid, e164: '+31612345678' })).toBe(false);
  });

  it('marks a test link with a variant id no real variant can have', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,23}$/), (variantId) => {
        expect(isTestVariantId(testVariantId(variantId))).toBe(true);
        expect(isTestVariantId(variantId)).toBe(false);
        expect(VariantIdSchema.safeParse(testVariantId(variantId)).success).toBe(false);
      }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignVariants, variantCounts } from '../../../functions/core/sending/variant-rotation.js';

const ids = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 400 });
const variants = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 10 });

describe('assignVariants', () => {
  it('property: every recipient gets one known variant and counts differ by at most one', () => {
    fc.assert(
      fc.property(ids, variants, fc.string(), (recipientIds, variantIds, seed) => {
        // Act
        const assignment = assignVariants(recipientIds, variantIds, seed);
        const counts = Object.values(variantCounts(assignment, variantIds));
        // Assess
        expect(assignment.size).toBe(recipientIds.length);
        for (const id of recipientIds) expect(variantIds).toContain(assignment.get(id));
        expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('property: the same seed gives the same assignment whatever the input order', () => {
    fc.assert(
      fc.property(ids, variants, fc.string(), fc.integer(), (recipientIds, variantIds, seed, shuffleSeed) => {
        // Prepare
        const shuffled = [...recipientIds].sort(
          (a, b) => ((a.charCodeAt(0) * shuffleSeed) % 7) - ((b.charCodeAt(0) * shuffleSeed) % 7),
        );
        // Act
        const a = assignVariants(recipientIds, variantIds, seed);
        const b = assignVariants(shuffled, [...variantIds].reverse(), seed);
        // Assess
        for (const id of recipientIds) expect(b.get(id)).toBe(a.get(id));
      }),
    );
  });

  it('a different fingerprint gives a different assignment', () => {
    // Prepare
    const recipientIds = Array.from({ length: 600 }, (_, i) => `r${i}`);
    const variantIds = ['a', 'b', 'c', 'd'];
    // Act
    const one = assignVariants(recipientIds, variantIds, 'sha256:one');
    const two = assignVariants(recipientIds, variantIds, 'sha256:two');
    // Assess
    const differing = recipientIds.filter((id) => one.get(id) !== two.get(id)).length;
    expect(differing).toBeGreaterThan(300);
  });

  it('spreads variants over the upload order instead of blocks', () => {
    // Prepare
    const recipientIds = Array.from({ length: 400 }, (_, i) => `r${i}`);
    // Act
    const assignment = assignVariants(recipientIds, ['a', 'b'], 'seed');
    const firstHalf = recipientIds.slice(0, 200).filter((id) => assignment.get(id) === 'a').length;
    // Assess
    expect(firstHalf).toBeGreaterThan(70);
    expect(firstHalf).toBeLessThan(130);
  });

  it('refuses duplicates and an empty variant list with Dutch messages', () => {
    // Act / Assess
    expect(() => assignVariants(['x', 'x'], ['a'], 's')).toThrow(
      expect.objectContaining({ userMessage: expect.stringContaining('ontvanger') }),
    );
    expect(() => assignVariants(['x'], [], 's')).toThrow(
      expect.objectContaining({ userMessage: expect.stringContaining('variant') }),
    );
  });
});

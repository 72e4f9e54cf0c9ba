import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SUPPRESSED,
  shown,
  suppressCount,
  suppressGroup,
} from '../../../functions/core/results/suppression.js';

describe('small-cell suppression', () => {
  it('shows every count below 5 as "< 5", zero included, and larger counts as they are', () => {
    expect([0, 1, 4, 5, 1240].map((n) => shown(suppressCount(n)))).toEqual([
      SUPPRESSED,
      SUPPRESSED,
      SUPPRESSED,
      '5',
      '1240',
    ]);
  });

  it('hides a second cell when only one of a group with a shown total is small', () => {
    const { cells, total } = suppressGroup([40, 3, 12, 9]);
    expect(cells.map((c) => shown(c))).toEqual(['40', SUPPRESSED, '12', SUPPRESSED]);
    expect(shown(total)).toBe('64');
  });

  it('hides nothing extra when two or more cells are small already, and everything when the total is', () => {
    expect(suppressGroup([30, 2, 1]).cells.map((c) => shown(c))).toEqual(['30', SUPPRESSED, SUPPRESSED]);
    const tiny = suppressGroup([1, 2, 0]);
    expect([...tiny.cells, tiny.total].every((c) => c.suppressed)).toBe(true);
  });

  it('never lets a hidden cell below 5 be recomputed from the shown figures', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 60 }), { minLength: 1, maxLength: 12 }), (values) => {
        const { cells, total } = suppressGroup(values);
        // Every shown figure is at least 5.
        for (const c of [...cells, total]) if (!c.suppressed) expect(c.value).toBeGreaterThanOrEqual(5);
        // Every small figure is hidden.
        for (const c of [...cells, total]) if (c.value < 5) expect(c.suppressed).toBe(true);
        // With the total shown, a reader can only learn the sum of the hidden cells: never one of them alone.
        if (!total.suppressed) expect(cells.filter((c) => c.suppressed).length).not.toBe(1);
        expect(cells.map((c) => c.value)).toEqual(values);
      }),
      { numRuns: 500 },
    );
  });
});

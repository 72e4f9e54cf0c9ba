import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatInterval,
  formatPercent,
  formatPValue,
  verdictText,
} from '../../../functions/core/results/format.js';
import {
  chiSquareSurvival,
  chiSquareTest,
  compareVariants,
  exactTest,
  wilsonInterval,
} from '../../../functions/core/results/statistics.js';

/*
 * Reference values computed once, independently, with SciPy 1.10.1 from Debian's python3-scipy
 * (`/usr/bin/python3`), and hard-coded here:
 *
 *   from scipy import stats
 *   stats.binomtest(k, n).proportion_ci(confidence_level=0.95, method='wilson')   # Wilson interval
 *   stats.chi2.sf(x, df)                                                          # chi-square tail
 *   stats.chi2_contingency(table, correction=False)  # -> (statistic, p, dof, expected)
 *   stats.fisher_exact(table)[1]                     # two-sided Fisher, 2 × 2
 *
 * Freeman–Halton (k × 2, k > 2) by brute force over every table with the observed margins:
 *
 *   obs = stats.multivariate_hypergeom.pmf(clicks, m=sends, n=sum(clicks))
 *   ps  = [stats.multivariate_hypergeom.pmf(x, m=sends, n=sum(clicks))
 *          for x in itertools.product(*[range(s + 1) for s in sends]) if sum(x) == sum(clicks)]
 *   p   = sum(q for q in ps if q <= obs * (1 + 1e-7))
 *   min_attainable = sum(q for q in ps if q <= min(ps) * (1 + 1e-7))
 */

const WILSON: [number, number, number, number][] = [
  [0, 10, 0.0, 0.27753279986288926],
  [3, 141, 0.007261943876534137, 0.06068447768552233],
  [51, 1240, 0.03141937484418861, 0.05367302826725302],
  [10, 10, 0.7224672001371109, 1.0],
  [1, 2, 0.09453120573423074, 0.9054687942657693],
  [2, 47, 0.01174827596678936, 0.14248527677899447],
];

const CHI2_SF: [number, number, number][] = [
  [3.84, 1, 0.05004352124870519],
  [0.5, 2, 0.7788007830714049],
  [12.3, 5, 0.03090046463546092],
  [40.0, 7, 1.258790387371308e-6],
  [1e-6, 3, 0.9999999997340385],
];

const CONTINGENCY: { table: [number, number][]; statistic: number; df: number; p: number }[] = [
  {
    table: [
      [51, 1189],
      [30, 1210],
      [62, 1178],
    ],
    statistic: 11.534297405138894,
    df: 2,
    p: 0.003128665564464421,
  },
  {
    table: [
      [20, 180],
      [35, 165],
    ],
    statistic: 4.743083003952569,
    df: 1,
    p: 0.029416310406348067,
  },
  {
    table: [
      [12, 300],
      [14, 290],
      [9, 310],
      [25, 280],
    ],
    statistic: 10.992283296379163,
    df: 3,
    p: 0.01176767597933656,
  },
];

const FISHER_2X2: { table: [number, number][]; p: number }[] = [
  {
    table: [
      [2, 45],
      [1, 46],
    ],
    p: 1.0,
  },
  {
    table: [
      [8, 2],
      [1, 5],
    ],
    p: 0.034965034965034975,
  },
  {
    table: [
      [0, 20],
      [6, 14],
    ],
    p: 0.0201960201960202,
  },
  {
    table: [
      [3, 17],
      [9, 11],
    ],
    p: 0.08235877701951116,
  },
];

const FREEMAN_HALTON: { clicks: number[]; sends: number[]; p: number; minAttainable: number }[] = [
  { clicks: [2, 1, 0], sends: [47, 47, 47], p: 0.7729701952723547, minAttainable: 0.10637204522096622 },
  { clicks: [5, 0, 1], sends: [30, 30, 30], p: 0.044060007070505204, minAttainable: 0.0028610394201626717 },
  { clicks: [2, 1], sends: [47, 47], p: 0.9999999999999996, minAttainable: 0.2419354838709676 },
  {
    clicks: [4, 0, 0, 1],
    sends: [12, 12, 12, 12],
    p: 0.04347826086956529,
    minAttainable: 0.0018501387604070356,
  },
];

const groupsOf = (table: [number, number][]) => table.map(([c, m]) => ({ clicks: c, sends: c + m }));

describe('statistics against SciPy reference values', () => {
  it.each(WILSON)('Wilson interval of %i of %i', (k, n, low, high) => {
    const interval = wilsonInterval(k, n);
    expect(interval.low).toBeCloseTo(low, 12);
    expect(interval.high).toBeCloseTo(high, 12);
    expect(interval.estimate).toBe(k / n);
  });

  it.each(CHI2_SF)('chi-square survival at %d with %i degrees of freedom', (x, df, p) => {
    expect(Math.abs(chiSquareSurvival(x, df) - p) / p).toBeLessThan(1e-9);
  });

  it.each(CONTINGENCY)('chi-square test of independence, df $df', ({ table, statistic, df, p }) => {
    const result = chiSquareTest(groupsOf(table));
    expect(result.statistic).toBeCloseTo(statistic, 9);
    expect(result.df).toBe(df);
    expect(Math.abs(result.pValue - p) / p).toBeLessThan(1e-8);
  });

  it.each(FISHER_2X2)('two-sided Fisher exact test of $table', ({ table, p }) => {
    expect(exactTest(groupsOf(table))!.pValue).toBeCloseTo(p, 12);
  });

  it.each(FREEMAN_HALTON)(
    'Freeman–Halton exact test of $clicks of $sends',
    ({ clicks, sends, p, minAttainable }) => {
      const result = exactTest(clicks.map((c, i) => ({ clicks: c, sends: sends[i]! })))!;
      expect(result.pValue).toBeCloseTo(p, 12);
      expect(result.minAttainable).toBeCloseTo(minAttainable, 12);
    },
  );
});

describe('the verdict on variants', () => {
  it('says "te weinig gegevens" for 2 clicks against 1 in a 141-message campaign', () => {
    const verdict = compareVariants([
      { clicks: 2, sends: 47 },
      { clicks: 1, sends: 47 },
      { clicks: 0, sends: 47 },
    ]);
    expect(verdict).toEqual({ kind: 'insufficient', reason: 'too_few' });
    expect(verdictText(verdict)).toMatch(/^Te weinig gegevens/);
  });

  it('uses the exact test for small tables and the chi-square test for large ones', () => {
    const small = compareVariants([
      { clicks: 5, sends: 30 },
      { clicks: 0, sends: 30 },
      { clicks: 1, sends: 30 },
    ]);
    expect(small).toMatchObject({ kind: 'differ', test: 'exact' });
    const large = compareVariants(groupsOf(CONTINGENCY[0]!.table));
    expect(large).toMatchObject({ kind: 'differ', test: 'chi_square' });
    expect(verdictText(large, 'Geldzorgen')).toContain('p = 0,0031, chikwadraattoets');
    const alike = compareVariants([
      { clicks: 40, sends: 1000 },
      { clicks: 44, sends: 1000 },
    ]);
    expect(alike.kind).toBe('no_difference');
    expect(verdictText(alike)).toMatch(/^Geen aantoonbaar verschil/);
  });

  it('has too few data without clicks or with one variant', () => {
    expect(
      compareVariants([
        { clicks: 0, sends: 300 },
        { clicks: 0, sends: 300 },
      ]),
    ).toMatchObject({ reason: 'no_clicks' });
    expect(
      compareVariants([
        { clicks: 9, sends: 300 },
        { clicks: 0, sends: 0 },
      ]),
    ).toMatchObject({ reason: 'one_variant' });
  });
});

describe('Dutch number formatting', () => {
  it('writes decimal commas and thousands dots', () => {
    expect(formatPercent(0.041)).toBe('4,1 %');
    expect(formatCount(1240)).toBe('1.240');
    expect(formatInterval({ low: 0.0314, high: 0.0537 })).toBe('3,1–5,4 %');
    expect(formatPValue(0.0123)).toBe('p = 0,012');
    expect(formatPValue(0.00001)).toBe('p < 0,001');
  });
});

describe('statistics properties', () => {
  const counts = fc
    .integer({ min: 0, max: 5000 })
    .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));

  it('keeps the Wilson interval inside [0, 1] and around the observed share', () => {
    fc.assert(
      fc.property(counts, ([k, n]) => {
        const { low, high, estimate } = wilsonInterval(k, n);
        expect(low).toBeGreaterThanOrEqual(0);
        expect(high).toBeLessThanOrEqual(1);
        expect(low).toBeLessThanOrEqual(estimate);
        expect(high).toBeGreaterThanOrEqual(estimate);
      }),
    );
  });

  it('gives p-values in [0, 1], never below the smallest attainable one', () => {
    const group = fc
      .integer({ min: 1, max: 25 })
      .chain((n) => fc.record({ clicks: fc.integer({ min: 0, max: n }), sends: fc.constant(n) }));
    fc.assert(
      fc.property(fc.array(group, { minLength: 2, maxLength: 4 }), (groups) => {
        const exact = exactTest(groups)!;
        expect(exact.pValue).toBeGreaterThan(0);
        expect(exact.pValue).toBeLessThanOrEqual(1);
        expect(exact.pValue).toBeGreaterThanOrEqual(exact.minAttainable * (1 - 1e-9));
        const chi = chiSquareTest(groups);
        if (Number.isFinite(chi.statistic)) {
          expect(chi.pValue).toBeGreaterThanOrEqual(0);
          expect(chi.pValue).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 200 },
    );
  });
});

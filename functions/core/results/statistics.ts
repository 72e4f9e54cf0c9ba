/**
 * The statistics of the results report: pure functions of counts, no randomness, so the same figures give
 * the same verdict every time (a simulation would not).
 */

/** The 0.975 quantile of the standard normal distribution: a two-sided 95 % interval. */
export const Z_95 = 1.959963984540054;

export interface Proportion {
  /** Observed share, successes / trials (0 when there are no trials). */
  estimate: number;
  low: number;
  high: number;
}

/**
 * Wilson score interval for a binomial proportion. Unlike the textbook "p ± 1.96·se" it stays inside [0, 1]
 * and says something sensible for 0 of 40 clicks, which is what small campaigns produce.
 */
export function wilsonInterval(successes: number, trials: number, z = Z_95): Proportion {
  if (!Number.isInteger(successes) || !Number.isInteger(trials) || successes < 0 || successes > trials) {
    throw new RangeError('wilsonInterval needs integers 0 ≤ successes ≤ trials');
  }
  if (trials === 0) return { estimate: 0, low: 0, high: 1 };
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  // The exact ends are 0 and 1 at p = 0 and p = 1; rounding may otherwise leave them a hair outside p̂.
  const low = successes === 0 ? 0 : Math.max(0, Math.min(p, centre - half));
  const high = successes === trials ? 1 : Math.min(1, Math.max(p, centre + half));
  return { estimate: p, low, high };
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error below 1e-13 in the range we use). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const y = x - 1;
  let a = LANCZOS[0]!;
  const t = y + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (y + i);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

/** ln C(n, k). */
export function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/**
 * The regularised upper incomplete gamma function Q(a, x): the series for x < a + 1, Lentz's continued
 * fraction otherwise (Numerical Recipes §6.2).
 */
export function upperRegularizedGamma(a: number, x: number): number {
  if (x <= 0) return 1;
  const lead = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 10_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return Math.max(0, 1 - sum * Math.exp(lead));
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.min(1, Math.exp(lead) * h);
}

/** P(X ≥ x) for X chi-square distributed with `df` degrees of freedom. */
export function chiSquareSurvival(x: number, df: number): number {
  return upperRegularizedGamma(df / 2, x / 2);
}

/** Clicks and sends of one group (a variant): the row `[clicks, sends − clicks]` of a 2-column table. */
export interface Group {
  clicks: number;
  sends: number;
}

export interface ChiSquareResult {
  statistic: number;
  df: number;
  pValue: number;
  /** The smallest expected cell count: the test is only trusted when it is at least 5. */
  minExpected: number;
}

/**
 * Pearson's chi-square test of independence on the k × 2 table of clicks and non-clicks per group, without
 * continuity correction.
 */
export function chiSquareTest(groups: readonly Group[]): ChiSquareResult {
  const clicks = groups.reduce((s, g) => s + g.clicks, 0);
  const sends = groups.reduce((s, g) => s + g.sends, 0);
  const misses = sends - clicks;
  let statistic = 0;
  let minExpected = Number.POSITIVE_INFINITY;
  for (const g of groups) {
    for (const [observed, columnTotal] of [
      [g.clicks, clicks],
      [g.sends - g.clicks, misses],
    ] as const) {
      const expected = (g.sends * columnTotal) / sends;
      minExpected = Math.min(minExpected, expected);
      if (expected > 0) statistic += (observed - expected) ** 2 / expected;
    }
  }
  const df = groups.length - 1;
  return { statistic, df, pValue: chiSquareSurvival(statistic, df), minExpected };
}

export interface ExactResult {
  pValue: number;
  /** The smallest p-value any table with these margins could give: above 0.05 the data cannot decide. */
  minAttainable: number;
}

/** Tables with more arrangements than this are left to the chi-square test (bounded time). */
export const MAX_EXACT_TABLES = 200_000;

/** How many ways `total` clicks can be spread over groups of these sizes, capped at `cap`. */
function arrangements(sizes: readonly number[], total: number, cap: number): number {
  let ways = new Array<number>(total + 1).fill(0);
  ways[0] = 1;
  for (const size of sizes) {
    const next = new Array<number>(total + 1).fill(0);
    for (let t = 0; t <= total; t++) {
      const w = ways[t]!;
      if (w === 0) continue;
      for (let x = 0; x <= size && t + x <= total; x++) next[t + x] = Math.min(cap, next[t + x]! + w);
    }
    ways = next;
  }
  return ways[total]!;
}

/**
 * Fisher's exact test on the k × 2 table of clicks and non-clicks (Freeman–Halton for k > 2): the
 * probability, with every margin fixed, of a table at most as likely as the observed one. For k = 2 this is
 * the two-sided Fisher test. Undefined when there are more than MAX_EXACT_TABLES tables to weigh.
 */
export function exactTest(groups: readonly Group[]): ExactResult | undefined {
  const sizes = groups.map((g) => g.sends);
  const clicks = groups.reduce((s, g) => s + g.clicks, 0);
  const sends = sizes.reduce((s, n) => s + n, 0);
  if (arrangements(sizes, clicks, MAX_EXACT_TABLES + 1) > MAX_EXACT_TABLES) return undefined;
  const logTotal = logChoose(sends, clicks);
  const logObserved = groups.reduce((s, g) => s + logChoose(g.sends, g.clicks), 0) - logTotal;
  // The same relative tolerance as R and SciPy, so tables equally likely up to rounding count as "as extreme".
  const threshold = logObserved + Math.log1p(1e-7);
  let pValue = 0;
  let minLog = Number.POSITIVE_INFINITY;
  let atMin = 0;
  // Remaining capacity of the groups after index i, to prune branches that cannot place every click.
  const capacityAfter = sizes.map((_, i) => sizes.slice(i + 1).reduce((s, n) => s + n, 0));
  const visit = (index: number, left: number, logSoFar: number): void => {
    const size = sizes[index]!;
    if (index === sizes.length - 1) {
      if (left > size) return;
      const logP = logSoFar + logChoose(size, left) - logTotal;
      const p = Math.exp(logP);
      if (logP <= threshold) pValue += p;
      if (logP < minLog - 1e-9) {
        minLog = logP;
        atMin = p;
      } else if (Math.abs(logP - minLog) <= 1e-9) atMin += p;
      return;
    }
    const from = Math.max(0, left - capacityAfter[index]!);
    for (let x = from; x <= Math.min(size, left); x++) {
      visit(index + 1, left - x, logSoFar + logChoose(size, x));
    }
  };
  if (sizes.length > 0) visit(0, clicks, 0);
  return { pValue: Math.min(1, pValue), minAttainable: Math.min(1, atMin) };
}

/** How a comparison of variants came out. */
export type VariantVerdict =
  | { kind: 'insufficient'; reason: 'one_variant' | 'no_clicks' | 'too_few' }
  | { kind: 'differ' | 'no_difference'; test: 'chi_square' | 'exact'; pValue: number; statistic?: number };

/** The significance level the verdict uses. */
export const ALPHA = 0.05;

/**
 * Whether the click rates of the variants differ. The chi-square test when every expected cell is at least
 * 5 (Cochran's rule), Fisher's exact test otherwise. "Too few data" when fewer than two variants were sent,
 * nobody clicked, or even the most lopsided outcome these counts allow could not reach 5 % significance:
 * then a p-value would only say the data cannot tell, not that the variants are alike.
 */
export function compareVariants(groups: readonly Group[]): VariantVerdict {
  const sent = groups.filter((g) => g.sends > 0);
  if (sent.length < 2) return { kind: 'insufficient', reason: 'one_variant' };
  const clicks = sent.reduce((s, g) => s + g.clicks, 0);
  if (clicks === 0) return { kind: 'insufficient', reason: 'no_clicks' };
  const chi = chiSquareTest(sent);
  if (chi.minExpected >= 5) {
    return {
      kind: chi.pValue < ALPHA ? 'differ' : 'no_difference',
      test: 'chi_square',
      pValue: chi.pValue,
      statistic: chi.statistic,
    };
  }
  const exact = exactTest(sent);
  if (exact === undefined || exact.minAttainable >= ALPHA) return { kind: 'insufficient', reason: 'too_few' };
  return { kind: exact.pValue < ALPHA ? 'differ' : 'no_difference', test: 'exact', pValue: exact.pValue };
}

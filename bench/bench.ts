import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** A benchmark: runs, prints readable progress through `log`, and returns the JSON summary its issue names. */
export interface Benchmark {
  name: string;
  description: string;
  run(log: (line: string) => void): Promise<Record<string, unknown>>;
}

/** Median, lowest and highest of a series. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

export function spread(values: readonly number[], digits = 2): Spread {
  if (values.length === 0) throw new Error('spread of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return {
    median: round(median, digits),
    min: round(sorted[0]!, digits),
    max: round(sorted.at(-1)!, digits),
  };
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export interface InterleavedOptions<Name extends string> {
  /** Rounds measured after the warm-up round; at least 5 is what the figures in BENCHMARKS.md use. */
  rounds: number;
  /** Each contestant's measurement: a rate (higher is better) for one round. */
  contestants: Record<Name, () => Promise<number>>;
  /** Called after every measured round with that round's figures. */
  onRound?: (round: number, rates: Record<Name, number>) => void;
  /**
   * Runs every contestant once before measuring (default). Off for contestants that take minutes and run warm
   * code already (a whole upload path after the pipeline benchmark).
   */
  warmUp?: boolean;
}

/**
 * Runs every contestant once as a warm-up, then `rounds` rounds in which each contestant runs once, the order
 * alternating between rounds. Why: on a shared machine the load changes from second to second; a reference
 * measured right next to its subject, and the ratio taken per round, cancel most of that out.
 */
export async function interleaved<Name extends string>(
  options: InterleavedOptions<Name>,
): Promise<Record<Name, number[]>> {
  const names = Object.keys(options.contestants) as Name[];
  if (options.warmUp !== false) for (const name of names) await options.contestants[name]();
  const rates = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<Name, number[]>;
  for (let r = 0; r < options.rounds; r++) {
    const order = r % 2 === 0 ? names : [...names].reverse();
    const thisRound = {} as Record<Name, number>;
    for (const name of order) {
      const rate = await options.contestants[name]();
      thisRound[name] = rate;
      rates[name].push(rate);
    }
    options.onRound?.(r + 1, thisRound);
  }
  return rates;
}

/** Per-round ratios a[i] / b[i]. */
export function ratios(a: readonly number[], b: readonly number[]): number[] {
  return a.map((x, i) => x / b[i]!);
}

/** The commit the figures belong to (with `+dirty` when the work tree has changes), and the 1-minute load. */
export function environment(): { commit: string; load_1m: number } {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    // BENCHMARKS.md changes with every run (the runs table): it does not make the measured code dirty.
    const dirty = execFileSync(
      'git',
      ['status', '--porcelain', '--untracked-files=no', '--', '.', ':!BENCHMARKS.md'],
      { encoding: 'utf8' },
    ).trim();
    if (dirty !== '') commit += '+dirty';
  } catch {
    // Not a git checkout (an unpacked release): the commit stays unknown.
  }
  return { commit, load_1m: loadAverage() };
}

export function loadAverage(): number {
  try {
    return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  } catch {
    return Number.NaN;
  }
}

/** Time and identity are ports so that the domain stays deterministic under test. */
export interface Clock {
  now(): Date;
  /**
   * Waits `ms` of this clock's time. Optional: without it, a job waits in real time. A clock that runs faster
   * than real time (a simulation of a long campaign) supplies its own, so waits and readings agree.
   */
  sleep?(ms: number): Promise<void>;
}

export interface Ids {
  /** A new unique, URL-safe identifier. */
  next(): string;
}

export const MS_PER_DAY = 86_400_000;

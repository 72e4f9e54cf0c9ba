/** Time and identity are ports so that the domain stays deterministic under test. */
export interface Clock {
  now(): Date;
}

export interface Ids {
  /** A new unique, URL-safe identifier. */
  next(): string;
}

export const MS_PER_DAY = 86_400_000;

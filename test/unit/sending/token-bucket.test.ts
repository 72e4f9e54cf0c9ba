import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  availableTokens,
  continuousBurst,
  createTokenBucket,
  takeTokens,
  tokenBucketConfig,
  tokensWithin,
} from '../../../functions/core/sending/token-bucket.js';

/** A sender that sleeps until the next token and wakes up late by a random 0–`lateMs` ms, like a real timer. */
function simulate(rate: number, durationMs: number, lateMs: number, seed: number): number {
  const config = tokenBucketConfig(rate);
  let state = createTokenBucket(0, config);
  let now = 0;
  let sent = 0;
  let x = seed >>> 0 || 1;
  const random = (): number => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
  while (now < durationMs) {
    const take = takeTokens(state, now, 1, config);
    state = take.state;
    sent += take.granted;
    now = Math.max(take.nextTokenAtMs, now) + random() * lateMs;
  }
  return sent;
}

describe('token bucket', () => {
  it('keeps 50 msg/s within ±3 % over 60 s, even when the sender wakes up to 5 ms late', () => {
    // Act
    const sent = simulate(50, 60_000, 5, 42);
    // Assess
    expect(Math.abs(sent - 3_000) / 3_000).toBeLessThan(0.03);
  });

  it('property: any rate from 1 to 200/s and any lateness up to a fifth of the interval stays within ±3 %', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.double({ min: 0, max: 0.2, noNaN: true }),
        fc.integer(),
        (rate, lateShare, seed) => {
          // Prepare
          const expected = rate * 60;
          // Act
          const sent = simulate(rate, 60_000, (1000 / rate) * lateShare, seed);
          // Assess
          expect(Math.abs(sent - expected) / expected).toBeLessThan(0.03);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('starts with one token and never holds more than the burst', () => {
    // Prepare
    const config = tokenBucketConfig(50);
    const fresh = createTokenBucket(1_000, config);
    // Act
    const afterAnHour = availableTokens(fresh, 1_000 + 3_600_000, config);
    // Assess
    expect(availableTokens(fresh, 1_000, config)).toBe(1);
    expect(config.burst).toBe(10);
    expect(afterAnHour).toBe(10);
  });

  it('grants only whole tokens and tells when the next one arrives', () => {
    // Prepare
    const config = tokenBucketConfig(10, 5);
    const state = createTokenBucket(0, config);
    // Act
    const first = takeTokens(state, 0, 3, config);
    const second = takeTokens(first.state, 50, 1, config);
    // Assess
    expect(first.granted).toBe(1);
    expect(first.nextTokenAtMs).toBe(100);
    expect(second.granted).toBe(0);
    expect(second.nextTokenAtMs).toBe(100);
  });

  it('ignores a clock that runs backwards', () => {
    // Prepare
    const config = tokenBucketConfig(10, 5);
    const later = takeTokens(createTokenBucket(1_000, config), 1_000, 1, config).state;
    // Act
    const back = takeTokens(later, 500, 1, config);
    // Assess
    expect(back.granted).toBe(0);
  });

  it('tokensWithin counts what the horizon adds to what is there', () => {
    // Prepare
    const config = tokenBucketConfig(50);
    const state = createTokenBucket(0, config);
    // Act / Assess
    expect(tokensWithin(state, 0, 1_000, config)).toBe(51);
    expect(tokensWithin(state, 0, 0, config)).toBe(1);
  });

  it('lets a continuously pacing sender exceed its rate in any one second by at most a twentieth of it (at least two)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2_000 }),
        fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 400 }),
        (rate, gaps) => {
          // Prepare: a greedy sender that asks for every token at moments `gaps` apart
          const config = tokenBucketConfig(rate, continuousBurst(rate));
          let state = createTokenBucket(0, config);
          const granted: number[] = [];
          let at = 0;
          // Act
          for (const gap of gaps) {
            at += gap;
            const taken = takeTokens(state, at, 1_000_000, config);
            state = taken.state;
            for (let i = 0; i < taken.granted; i++) granted.push(at);
          }
          // Assess: the most granted in any window of one second
          let worst = 0;
          let from = 0;
          for (let to = 0; to < granted.length; to++) {
            while (granted[to]! - granted[from]! >= 1000) from++;
            worst = Math.max(worst, to - from + 1);
          }
          expect(worst).toBeLessThanOrEqual(Math.floor(rate + Math.max(2, rate / 20 + 1)));
        },
      ),
      { numRuns: 60 },
    );
  });
});

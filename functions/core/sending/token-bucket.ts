import * as z from 'zod';

export const TokenBucketConfigSchema = z.object({
  /** Messages per second in the long run. */
  ratePerSecond: z.number().positive().max(10_000),
  /**
   * Most tokens the bucket holds. A small burst lets a sender that woke up late catch up, so the long-run rate
   * stays exact even with coarse timers, without allowing a noticeable spike.
   */
  burst: z.number().positive().max(100_000),
});
export type TokenBucketConfig = z.infer<typeof TokenBucketConfigSchema>;

/** Tokens available at `atMs` (epoch milliseconds); serialisable so a job can carry it between batches. */
export const TokenBucketStateSchema = z.object({
  tokens: z.number().min(0),
  atMs: z.number(),
});
export type TokenBucketState = z.infer<typeof TokenBucketStateSchema>;

/** A bucket for `ratePerSecond` with a burst of a fifth of a second's worth, at least two so a late sender can catch up. */
export function tokenBucketConfig(ratePerSecond: number, burst?: number): TokenBucketConfig {
  return TokenBucketConfigSchema.parse({
    ratePerSecond,
    burst: burst ?? Math.max(2, Math.ceil(ratePerSecond / 5)),
  });
}

/**
 * The burst for a sender that paces continuously (the dispatcher: sends start while earlier answers are still
 * out): a twentieth of a second's worth, at least two. Why smaller than the default: the burst is only slack for
 * timers and short stalls, and every token of it can show up as a message above the rate in one second.
 */
export function continuousBurst(ratePerSecond: number): number {
  return Math.max(2, Math.ceil(ratePerSecond / 20));
}

/**
 * A new bucket holding a single token, so the first message goes at once and the first second does not
 * overshoot the rate by a whole burst.
 */
export function createTokenBucket(nowMs: number, config: TokenBucketConfig): TokenBucketState {
  return { tokens: Math.min(1, config.burst), atMs: nowMs };
}

/** The bucket as it stands at `nowMs`; time never runs backwards, so an earlier `nowMs` changes nothing. */
export function refill(state: TokenBucketState, nowMs: number, config: TokenBucketConfig): TokenBucketState {
  if (nowMs <= state.atMs) return state;
  const tokens = Math.min(config.burst, state.tokens + ((nowMs - state.atMs) * config.ratePerSecond) / 1000);
  return { tokens, atMs: nowMs };
}

/** Whole tokens available now. */
export function availableTokens(state: TokenBucketState, nowMs: number, config: TokenBucketConfig): number {
  return Math.floor(refill(state, nowMs, config).tokens + 1e-9);
}

export interface TakeResult {
  granted: number;
  state: TokenBucketState;
  /** When the next token will be there (equal to `nowMs` when one is available already). */
  nextTokenAtMs: number;
}

/**
 * Takes up to `wanted` whole tokens. Why it returns the next token time: the sender sleeps exactly that long
 * instead of polling, which keeps the achieved rate within a few per mille of the configured one.
 */
export function takeTokens(
  state: TokenBucketState,
  nowMs: number,
  wanted: number,
  config: TokenBucketConfig,
): TakeResult {
  const current = refill(state, nowMs, config);
  const granted = Math.max(0, Math.min(Math.floor(wanted), Math.floor(current.tokens + 1e-9)));
  const after: TokenBucketState = { tokens: Math.max(0, current.tokens - granted), atMs: current.atMs };
  return { granted, state: after, nextTokenAtMs: nextTokenAt(after, config) };
}

/** The instant at which at least one whole token is available. */
export function nextTokenAt(state: TokenBucketState, config: TokenBucketConfig): number {
  if (state.tokens + 1e-9 >= 1) return state.atMs;
  return state.atMs + Math.ceil(((1 - state.tokens) * 1000) / config.ratePerSecond);
}

/** How many tokens will have been available by `horizonMs` from now: the dispatcher claims no more than this. */
export function tokensWithin(
  state: TokenBucketState,
  nowMs: number,
  horizonMs: number,
  config: TokenBucketConfig,
): number {
  const current = refill(state, nowMs, config);
  return Math.floor(current.tokens + (Math.max(0, horizonMs) * config.ratePerSecond) / 1000 + 1e-9);
}

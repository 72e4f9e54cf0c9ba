import type { CampaignPolicy } from '../core/campaigns/policy.js';
import type { CampaignPauseCode } from '../core/sending/dispatch-messages.js';
import { DEFAULT_CLAIM_LEASE_MS } from '../core/sending/recipient-status.js';
import type { RandomSource, RetryPolicy } from '../core/sending/retry-policy.js';
import type { SendWindow } from '../core/sending/send-window.js';
import type { TokenBucketConfig, TokenBucketState } from '../core/sending/token-bucket.js';
import type { AppDeps } from './deps.js';

/**
 * What the dispatcher uses: campaigns and their recipients, the opt-out and frequency-cap lists, the
 * gateway with its links and status records, and what committing a campaign step writes.
 */
export type DispatchDeps = Pick<
  AppDeps,
  | 'clock'
  | 'ids'
  | 'logger'
  | 'secrets'
  | 'settings'
  | 'campaigns'
  | 'approvals'
  | 'audit'
  | 'recipients'
  | 'hashLists'
  | 'sending'
>;

/** How the dispatcher runs; every field has a production default, tests and the chaos run override them. */
export interface DispatchOptions {
  /** Unique per process and run: a claim records it, and only its owner may record the outcome. */
  dispatcherId: string;
  /** How long this run may claim; a Lambda stops well before its timeout. */
  runForMs: number;
  /** Sleeps `ms` of the deps' clock (a scaled fake clock in the chaos test). */
  sleep?: (ms: number) => Promise<void>;
  random?: RandomSource;
  retryPolicy?: RetryPolicy;
  /** Most recipients claimed per batch; a pause takes effect at the next batch. */
  maxBatch?: number;
  /** How far ahead one batch plans, at the campaign's rate. */
  horizonMs?: number;
  /** After this a claim without an outcome counts as abandoned and becomes `unknown`. */
  leaseMs?: number;
  /** A send without an answer within this time is `unknown`: the request may have left. */
  sendTimeoutMs?: number;
  /** No send starts this close to the end of the send window. */
  windowGuardMs?: number;
  /** Sends in flight at once within a batch, each still one token of the campaign's rate. */
  lanes?: number;
  /** Only these campaigns (tests, benchmarks); all due SMS campaigns otherwise. */
  campaignIds?: readonly string[];
  /** Wait at most this long at a time when a campaign waits (rate, start, window). */
  idleMs?: number;
  /** Ends the run early (the local server stopping): no send starts after it fires. */
  signal?: AbortSignal;
}

export interface DispatchReport {
  sent: number;
  failed: number;
  unknown: number;
  released: number;
  staleUnknown: number;
  batches: number;
  completed: string[];
  paused: string[];
}

export const DEFAULTS = {
  maxBatch: 50,
  horizonMs: 1_000,
  leaseMs: DEFAULT_CLAIM_LEASE_MS,
  sendTimeoutMs: 20_000,
  windowGuardMs: 5_000,
  lanes: 8,
  idleMs: 1_000,
};

export const SYSTEM_DISPATCHER = { system: 'dispatcher' as const };

export interface Prepared {
  version: number;
  recipientsFingerprint: string | null;
  assignment: ReadonlyMap<string, string>;
  bodies: Map<string, string>;
  optOut: ReadonlySet<string>;
  window: SendWindow;
  /** Recipients in the stored set: whatever is not claimable has (maybe) been sent and counts against the cap. */
  total: number;
  /** The last status written for the dashboard, and when (real time): status writes are throttled. */
  lastStatus: { key: string; at: number } | undefined;
  bucket: TokenBucketState;
  bucketConfig: TokenBucketConfig;
  /** The stored set's numbers, to read the opt-out list again in a later run without reading the set again. */
  e164s: readonly string[];
  /** Set when the provider stopped the campaign (throttling, account limits): no further send starts. */
  pause?: CampaignPauseCode;
  /** Whether a batch has paused the campaign for `pause` already. */
  pauseRecorded?: boolean;
}

export interface Run {
  deps: DispatchDeps;
  aborted: () => boolean;
  options: Required<Omit<DispatchOptions, 'campaignIds' | 'signal'>> & { campaignIds?: readonly string[] };
  deadline: number;
  policy: CampaignPolicy;
  frequencyCapDays: number;
  hash: (e164: string) => string;
  prepared: Map<string, Prepared>;
  /** Campaigns whose opt-out list this run has read. */
  refreshed: Set<string>;
  report: DispatchReport;
  /** Sends in flight across the run's batches, at most `options.lanes`. */
  lanes: Lanes;
  /** Batches whose answers and bookkeeping are still underway. */
  tails: Set<Promise<void>>;
  /** The first error a batch's remaining work met; the run throws it. */
  failure?: { error: unknown };
}

/** A counting semaphore: `acquire` waits until fewer than `size` holders remain. */
export class Lanes {
  private held = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly size: number) {}

  acquire(): Promise<void> {
    if (this.held < this.size) {
      this.held++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Resolves once a lane is free (without taking it). */
  async whenFree(): Promise<void> {
    if (this.held < this.size) return;
    await this.acquire();
    this.release();
  }

  /** Frees a lane, handing it straight to the longest waiter. */
  release(): void {
    const next = this.waiting.shift();
    if (next !== undefined) next();
    else this.held--;
  }
}

export type BatchOutcome = { kind: 'sent' } | { kind: 'wait'; until: number } | { kind: 'idle' };

/**
 * Real milliseconds between housekeeping reads (campaign list, stale claims, status counts). Real time, not the
 * deps' clock: these bound the load on the store, whatever speed a test's fake clock runs at.
 */
export const HOUSEKEEPING_MS = 1_000;

export function elapsedSince(realMs: number): number {
  return performance.now() - realMs;
}

export function realSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

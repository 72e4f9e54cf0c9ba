import { processOutboxReceipts } from '../app/delivery-status.js';
import type { AppDeps } from '../app/deps.js';
import { runDispatcherExclusively } from '../app/dispatch.js';
import { purgeDueCampaigns } from '../app/purge.js';

/** A scheduled platform job: in AWS an EventBridge schedule invokes its Lambda; locally this loop runs it. */
export interface Job {
  name: string;
  intervalMs: number;
  /** `signal` fires when the loop stops: a long run ends early instead of holding the stop up. */
  run(deps: AppDeps, signal: AbortSignal): Promise<void>;
}

/**
 * How long one local dispatcher run sends. Why a minute: the loop starts the next run up to one interval after
 * the last one ends, and each run first reads its campaigns again; over a minute that gap costs about 1 % of
 * the campaign's rate, over 10 s it cost 5 %. Stopping the server still ends a run at once (the signal).
 */
export const LOCAL_DISPATCH_RUN_MS = 60_000;

/** The jobs of the platform; feature modules add theirs here (dispatcher, receipts, purge). */
export const JOBS: Job[] = [
  {
    name: 'dispatcher',
    intervalMs: 1_000,
    run: async (deps, signal) => {
      await runDispatcherExclusively(deps, {
        dispatcherId: `local-${deps.ids.next()}`,
        runForMs: LOCAL_DISPATCH_RUN_MS,
        signal,
      });
    },
  },
  {
    name: 'outbox-receipts',
    intervalMs: 1_000,
    run: async (deps) => {
      await processOutboxReceipts(deps);
    },
  },
  {
    // Hourly rather than nightly: a laptop is rarely on at 03:15, and a run with nothing due costs a few reads.
    name: 'purge',
    intervalMs: 3_600_000,
    run: async (deps) => {
      await purgeDueCampaigns(deps);
    },
  },
];

/**
 * Runs every job on its own interval, one run at a time per job, until stopped. A failing run is logged and
 * retried at the next tick; it never stops the loop.
 */
export function startJobLoop(deps: AppDeps, jobs: readonly Job[] = JOBS): { stop(): Promise<void> } {
  let stopped = false;
  const stopping = new AbortController();
  const running = new Set<Promise<void>>();
  const timers = jobs.map((job) => {
    let busy = false;
    return setInterval(() => {
      if (busy || stopped) return;
      busy = true;
      const run = job
        .run(deps, stopping.signal)
        .catch((error: unknown) => deps.logger.error('job failed', { job: job.name, error }))
        .finally(() => {
          busy = false;
          running.delete(run);
        });
      running.add(run);
    }, job.intervalMs);
  });
  return {
    stop: async () => {
      stopped = true;
      stopping.abort();
      for (const t of timers) clearInterval(t);
      await Promise.allSettled([...running]);
    },
  };
}

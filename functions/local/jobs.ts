import { processOutboxReceipts } from '../app/delivery-status.js';
import type { AppDeps } from '../app/deps.js';
import { runDispatcherExclusively } from '../app/dispatch.js';
import { purgeDueCampaigns } from '../app/purge.js';

/** A scheduled platform job: in AWS an EventBridge schedule invokes its Lambda; locally this loop runs it. */
export interface Job {
  name: string;
  intervalMs: number;
  run(deps: AppDeps): Promise<void>;
}

/** The jobs of the platform; feature modules add theirs here (dispatcher, receipts, purge). */
export const JOBS: Job[] = [
  {
    name: 'dispatcher',
    intervalMs: 1_000,
    // Short runs: the loop starts the next one a second later, and stopping the server never waits long.
    run: async (deps) => {
      await runDispatcherExclusively(deps, { dispatcherId: `local-${deps.ids.next()}`, runForMs: 10_000 });
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
  const running = new Set<Promise<void>>();
  const timers = jobs.map((job) => {
    let busy = false;
    return setInterval(() => {
      if (busy || stopped) return;
      busy = true;
      const run = job
        .run(deps)
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
      for (const t of timers) clearInterval(t);
      await Promise.allSettled([...running]);
    },
  };
}

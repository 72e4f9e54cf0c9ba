import type { Campaign } from '../core/campaigns/campaign.schema.js';
import { keyedHasher } from '../core/contacts/fingerprint.js';
import { ConflictError } from '../core/errors.js';
import { isClaimStale } from '../core/sending/recipient-status.js';
import { DEFAULT_RETRY_POLICY } from '../core/sending/retry-policy.js';
import { loadPolicy } from './campaign-policy.js';
import { dispatchBatch } from './dispatch-batch.js';
import {
  DEFAULTS,
  type DispatchDeps,
  type DispatchOptions,
  type DispatchReport,
  elapsedSince,
  HOUSEKEEPING_MS,
  Lanes,
  type Run,
  realSleep,
} from './dispatch-run.js';
import { drainTails } from './dispatch-send.js';
import { sendPendingTestSms } from './test-sms-send.js';

export type { DispatchDeps, DispatchOptions, DispatchReport } from './dispatch-run.js';

/**
 * How the scheduled dispatcher runs in AWS: the schedule starts a run every minute, and each run sends for the
 * whole minute. Why the whole minute rather than stopping early: the rate users set is the rate they get only
 * when a run is sending almost all the time; a run that stopped after 50 s would deliver 50/60 of it. The run
 * started by the next tick waits for this one's lease (its last answers) and takes over, so the hand-over gap
 * is the lease release and the next run's preparation, not the rest of the minute.
 */
export const SCHEDULED_DISPATCH = {
  periodMs: 60_000,
  /** Counted from the invocation: waiting for the lease shortens the run, so runs do not drift later. */
  runForMs: 60_000,
  waitForLeaseMs: 20_000,
} as const;

/** How often a run that waits for the lease asks for it again. */
const LEASE_POLL_MS = 100;

/** Campaign statuses the dispatcher looks at: the dispatchable ones, and those whose stale claims it settles. */
const WATCHED: readonly Campaign['status'][] = ['scheduled', 'sending', 'paused', 'cancelled'];

/** How long a lease outlives its run's end: time for the last batch and the answers still underway. */
const LEASE_MARGIN_MS = 30_000;

/**
 * Runs the dispatcher unless another run holds the lease, and then sends nothing (undefined). Why: in AWS a
 * late or retried schedule can start a second run while one is still sending; two runs never send a number
 * twice (claims), but each keeps its own pace, so together they would exceed the campaign's rate. A run that
 * is killed leaves a lease that ends by itself shortly after the run would have.
 */
export async function runDispatcherExclusively(
  deps: DispatchDeps,
  options: DispatchOptions & {
    /**
     * How long to wait for a run that still holds the lease (the previous scheduled run finishing its last
     * sends); the wait counts against `runForMs`. 0 (the default): skip at once.
     */
    waitForLeaseMs?: number;
  },
): Promise<DispatchReport | undefined> {
  const { waitForLeaseMs = 0, ...dispatchOptions } = options;
  const lease = deps.sending.dispatchStatus;
  const sleep = options.sleep ?? deps.clock.sleep?.bind(deps.clock) ?? realSleep;
  const invokedAt = deps.clock.now().getTime();
  let polls = 0;
  for (;;) {
    const now = deps.clock.now().getTime();
    const until = invokedAt + options.runForMs + LEASE_MARGIN_MS;
    if (await lease.acquireLease(options.dispatcherId, until, now)) break;
    if (now - invokedAt + LEASE_POLL_MS > waitForLeaseMs || options.signal?.aborted) {
      deps.logger.info('dispatcher run skipped: another run holds the lease', {
        dispatcherId: options.dispatcherId,
      });
      return undefined;
    }
    await sleep(LEASE_POLL_MS);
    polls++;
  }
  // Only a run that had to wait ends earlier: the first request for the lease is part of any run.
  const waited = polls > 0 ? deps.clock.now().getTime() - invokedAt : 0;
  try {
    return await runDispatcher(deps, {
      ...dispatchOptions,
      runForMs: Math.max(0, options.runForMs - waited),
    });
  } finally {
    await lease.releaseLease(options.dispatcherId);
  }
}

/**
 * Runs the dispatcher for up to `runForMs`: picks up due SMS campaigns, settles abandoned claims as
 * `unknown`, and sends claimed recipients through the gateway at each campaign's rate inside its send window.
 * Why one loop of small batches: the approval, the campaign state and the cap are re-checked before every
 * batch, so a pause, cancel or withdrawal stops sending within one batch; and a recipient is claimed just
 * before its own send, so a crash leaves at most the few in-flight claims `unknown`.
 */
export async function runDispatcher(deps: DispatchDeps, options: DispatchOptions): Promise<DispatchReport> {
  const { settings, policy } = await loadPolicy(deps);
  const runOptions = {
    sleep: deps.clock.sleep?.bind(deps.clock) ?? realSleep,
    random: Math.random,
    retryPolicy: DEFAULT_RETRY_POLICY,
    ...DEFAULTS,
    ...options,
  };
  const run: Run = {
    deps,
    aborted: () => options.signal?.aborted === true,
    options: runOptions,
    lanes: new Lanes(Math.max(1, runOptions.lanes)),
    deadline: deps.clock.now().getTime() + options.runForMs,
    policy,
    frequencyCapDays: settings.frequencyCapDays,
    hash: keyedHasher(deps.secrets.hmacKey),
    // Every run prepares afresh from the stored recipient set: a preparation carried over from an earlier run
    // would keep the fingerprint of a set that may have changed in the store since, and the guard must see
    // exactly what is stored.
    prepared: new Map(),
    refreshed: new Set(),
    tails: new Set(),
    report: {
      sent: 0,
      failed: 0,
      unknown: 0,
      released: 0,
      staleUnknown: 0,
      batches: 0,
      completed: [],
      paused: [],
    },
  };
  try {
    await dispatchLoop(run);
  } finally {
    // Batches still underway when the loop ends (or throws) finish first: their outcomes and audit events.
    await drainTails(run).catch((error: unknown) => {
      run.failure ??= { error };
    });
  }
  if (run.failure !== undefined) throw run.failure.error;
  return run.report;
}

async function dispatchLoop(run: Run): Promise<void> {
  const { deps } = run;
  let campaigns: Campaign[] = [];
  let listedAt = Number.NEGATIVE_INFINITY;
  const sweptAt = new Map<string, number>();
  while (deps.clock.now().getTime() < run.deadline && !run.aborted()) {
    if (elapsedSince(listedAt) >= HOUSEKEEPING_MS) {
      // Also while a campaign sends for the whole minute: a waiting test goes within a second, not next run.
      await sendTestMessages(run, run.options.dispatcherId);
      campaigns = await watchedCampaigns(run);
      listedAt = performance.now();
      const watched = new Set(campaigns.map((c) => c.id));
      for (const id of run.prepared.keys()) if (!watched.has(id)) run.prepared.delete(id);
    }
    let soonest = Number.POSITIVE_INFINITY;
    let active = false;
    for (const campaign of campaigns) {
      if (elapsedSince(sweptAt.get(campaign.id) ?? Number.NEGATIVE_INFINITY) >= HOUSEKEEPING_MS) {
        await settleStaleClaims(run, campaign.id);
        sweptAt.set(campaign.id, performance.now());
      }
      if (campaign.status !== 'scheduled' && campaign.status !== 'sending') continue;
      const outcome = await dispatchBatch(run, campaign.id);
      if (outcome.kind === 'sent') active = true;
      if (outcome.kind === 'wait') soonest = Math.min(soonest, outcome.until);
    }
    if (active) continue;
    if (run.tails.size > 0) {
      // Whatever is still answering decides the next step (completion, a pause): wait for it, then look again.
      await drainTails(run);
      continue;
    }
    const now = deps.clock.now().getTime();
    if (!Number.isFinite(soonest) || soonest >= run.deadline) break;
    listedAt = Number.NEGATIVE_INFINITY;
    await run.options.sleep(Math.min(Math.max(1, soonest - now), run.options.idleMs, run.deadline - now));
  }
}

/** Test messages at every housekeeping step: few, asked for by a person waiting, never part of a campaign's sending. */
async function sendTestMessages(run: Run, dispatcherId: string): Promise<void> {
  try {
    await sendPendingTestSms(run.deps, dispatcherId);
  } catch (error) {
    run.deps.logger.error('test SMS run failed', { error: error instanceof Error ? error.name : 'unknown' });
  }
}

async function watchedCampaigns(run: Run): Promise<Campaign[]> {
  const { deps, options } = run;
  if (options.campaignIds !== undefined) {
    const found = await Promise.all(options.campaignIds.map((id) => deps.campaigns.get(id)));
    return found.filter(
      (c): c is Campaign => c !== undefined && c.kind === 'sms' && WATCHED.includes(c.status),
    );
  }
  const lists = await Promise.all(WATCHED.map((s) => deps.campaigns.listByStatus(s)));
  return lists.flat().filter((c) => c.kind === 'sms');
}

/** Claims whose dispatcher died become `unknown`: it may have published just before it died. */
async function settleStaleClaims(run: Run, campaignId: string): Promise<void> {
  const { deps, options } = run;
  const claimed = await deps.recipients.listByStatus(campaignId, 'claimed', 500);
  const now = deps.clock.now();
  let settled = 0;
  for (const r of claimed) {
    if (r.state.status !== 'claimed' || !isClaimStale(r.state, now, options.leaseMs)) continue;
    try {
      await deps.recipients.transition(
        campaignId,
        r.id,
        { type: 'mark_unknown', reason: 'claim abandoned by a dispatcher that stopped' },
        now,
        { claimedBy: r.state.claimedBy, claimedAt: r.state.claimedAt },
      );
      settled++;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  if (settled > 0) {
    run.report.staleUnknown += settled;
    deps.logger.warn('stale claims settled as unknown', { campaignId, count: settled });
  }
}

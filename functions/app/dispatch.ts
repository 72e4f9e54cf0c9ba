import { createHash } from 'node:crypto';
import { approvalRefusal, assertDispatchAllowed, remainingCap } from '../core/campaigns/approval.js';
import { DispatchRefusedError } from '../core/campaigns/campaign.errors.js';
import type { Campaign } from '../core/campaigns/campaign.schema.js';
import { dispatchFingerprint } from '../core/campaigns/fingerprint.js';
import { applyCampaignAction } from '../core/campaigns/lifecycle.js';
import type { CampaignPolicy } from '../core/campaigns/policy.js';
import { TRACKED_LINK_CODE_LENGTH } from '../core/campaigns/sms-text.js';
import { renderSmsText } from '../core/campaigns/variants.js';
import { keyedHasher, recipientFingerprint } from '../core/contacts/fingerprint.js';
import { ConflictError } from '../core/errors.js';
import { CAMPAIGN_PAUSE_MESSAGES, type CampaignPauseCode } from '../core/sending/dispatch-messages.js';
import { type DispatchCampaign, planBatch } from '../core/sending/dispatch-plan.js';
import { frequencyCapEntry } from '../core/sending/frequency-cap.js';
import type { DispatchStatus, RecipientDispatchRecord } from '../core/sending/ports.js';
import {
  DEFAULT_CLAIM_LEASE_MS,
  isClaimStale,
  type RecipientStatus,
} from '../core/sending/recipient-status.js';
import {
  DEFAULT_RETRY_POLICY,
  eventForDisposition,
  type RandomSource,
  type RetryPolicy,
  type SendDisposition,
  sendWithRetry,
} from '../core/sending/retry-policy.js';
import { isSendingAllowed, parseSendWindow, type SendWindow } from '../core/sending/send-window.js';
import type { GatewayOutcome, SmsGateway, SmsMessage } from '../core/sending/sms-gateway.js';
import {
  createTokenBucket,
  type TokenBucketConfig,
  type TokenBucketState,
  takeTokens,
  tokenBucketConfig,
  tokensWithin,
} from '../core/sending/token-bucket.js';
import { assignVariants } from '../core/sending/variant-rotation.js';
import { audit, systemActing } from './audit.js';
import { commitCampaignAction } from './campaign-commit.js';
import { loadPolicy } from './campaign-policy.js';
import type { AppDeps } from './deps.js';
import { underCurrentKey } from './keyed-hash-lists.js';

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

const DEFAULTS = {
  maxBatch: 50,
  horizonMs: 1_000,
  leaseMs: DEFAULT_CLAIM_LEASE_MS,
  sendTimeoutMs: 20_000,
  windowGuardMs: 5_000,
  lanes: 8,
  idleMs: 1_000,
};

/** Campaign statuses the dispatcher looks at: the dispatchable ones, and those whose stale claims it settles. */
const WATCHED: readonly Campaign['status'][] = ['scheduled', 'sending', 'paused', 'cancelled'];
const SYSTEM_DISPATCHER = { system: 'dispatcher' as const };

interface Prepared {
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
}

interface Run {
  deps: AppDeps;
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
}

/**
 * Real milliseconds between housekeeping reads (campaign list, stale claims, status counts). Real time, not the
 * deps' clock: these bound the load on the store, whatever speed a test's fake clock runs at.
 */
const HOUSEKEEPING_MS = 1_000;

function elapsedSince(realMs: number): number {
  return performance.now() - realMs;
}

function realSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/**
 * Runs the dispatcher for up to `runForMs`: picks up due SMS campaigns, settles abandoned claims as
 * `unknown`, and sends claimed recipients through the gateway at each campaign's rate inside its send window.
 * Why one loop of small batches: the approval, the campaign state and the cap are re-checked before every
 * batch, so a pause, cancel or withdrawal stops sending within one batch; and a recipient is claimed just
 * before its own send, so a crash leaves at most the few in-flight claims `unknown`.
 */
/** How long a lease outlives its run's end: time for the last batch and the answers still underway. */
const LEASE_MARGIN_MS = 30_000;

/**
 * Runs the dispatcher unless another run holds the lease, and then sends nothing (undefined). Why: in AWS a
 * late or retried schedule can start a second run while one is still sending; two runs never send a number
 * twice (claims), but each keeps its own pace, so together they would exceed the campaign's rate. A run that
 * is killed leaves a lease that ends by itself shortly after the run would have.
 */
export async function runDispatcherExclusively(
  deps: AppDeps,
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

export async function runDispatcher(deps: AppDeps, options: DispatchOptions): Promise<DispatchReport> {
  const { settings, policy } = await loadPolicy(deps);
  const run: Run = {
    deps,
    aborted: () => options.signal?.aborted === true,
    options: {
      sleep: deps.clock.sleep?.bind(deps.clock) ?? realSleep,
      random: Math.random,
      retryPolicy: DEFAULT_RETRY_POLICY,
      ...DEFAULTS,
      ...options,
    },
    deadline: deps.clock.now().getTime() + options.runForMs,
    policy,
    frequencyCapDays: settings.frequencyCapDays,
    hash: keyedHasher(deps.secrets.hmacKey),
    // Every run prepares afresh from the stored recipient set: a preparation carried over from an earlier run
    // would keep the fingerprint of a set that may have changed in the store since, and the guard must see
    // exactly what is stored.
    prepared: new Map(),
    refreshed: new Set(),
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
  let campaigns: Campaign[] = [];
  let listedAt = Number.NEGATIVE_INFINITY;
  const sweptAt = new Map<string, number>();
  while (deps.clock.now().getTime() < run.deadline && !run.aborted()) {
    if (elapsedSince(listedAt) >= HOUSEKEEPING_MS) {
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
    const now = deps.clock.now().getTime();
    if (!Number.isFinite(soonest) || soonest >= run.deadline) break;
    listedAt = Number.NEGATIVE_INFINITY;
    await run.options.sleep(Math.min(Math.max(1, soonest - now), run.options.idleMs, run.deadline - now));
  }
  return run.report;
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

/** A short, unguessable link code from a fresh id. */
function newLinkCode(id: string): string {
  return createHash('sha256').update(id).digest('base64url').slice(0, TRACKED_LINK_CODE_LENGTH);
}

/**
 * What a campaign's sends need, read once per run: the stored recipient set's fingerprint, the variant
 * assignment (seeded with the approved fingerprint, so every run and every dispatcher derives the same one),
 * the tracked link per variant and the opt-out list. Recomputed when the campaign's version changes, because
 * the recipient set can only change through a campaign write.
 */
async function prepare(run: Run, campaign: Campaign): Promise<Prepared> {
  const { deps } = run;
  const existing = run.prepared.get(campaign.id);
  if (existing && existing.version === campaign.version) {
    if (!run.refreshed.has(campaign.id)) {
      // Prepared by an earlier run: the opt-out list may have grown since (STOP replies during the campaign).
      const now = deps.clock.now();
      existing.optOut = underCurrentKey(
        await deps.hashLists.hashes('opt_out', now),
        existing.e164s,
        deps.secrets,
      );
      // A bucket dated after now comes from another clock (a test's, a simulation's): start it again.
      if (existing.bucket.atMs > now.getTime())
        existing.bucket = createTokenBucket(now.getTime(), existing.bucketConfig);
      run.refreshed.add(campaign.id);
    }
    return existing;
  }
  const entries = await deps.recipients.list(campaign.id);
  const variantIds = campaign.variants.map((v) => v.id);
  const seed = campaign.approval?.requestFingerprint ?? 'unapproved';
  const assignment =
    entries.length > 0 && variantIds.length > 0
      ? assignVariants(
          entries.map((e) => e.id),
          variantIds,
          seed,
        )
      : new Map<string, string>();
  const now = deps.clock.now();
  const bodies = new Map<string, string>();
  for (const variant of campaign.variants) {
    const link = await deps.sending.links.codeFor(campaign.id, variant.id, newLinkCode(deps.ids.next()), now);
    bodies.set(
      variant.id,
      renderSmsText(variant.text, {
        link: `${deps.sending.publicBaseUrl}/r/${link.code}`,
        stop: `${deps.sending.publicBaseUrl}/stop`,
      }),
    );
  }
  const bucketConfig = tokenBucketConfig(Math.min(campaign.ratePerSecond, run.policy.maxRatePerSecond));
  const prepared: Prepared = {
    version: campaign.version,
    recipientsFingerprint: entries.length === 0 ? null : recipientFingerprint(entries.map((e) => e.e164)),
    assignment,
    bodies,
    optOut: underCurrentKey(
      await deps.hashLists.hashes('opt_out', now),
      entries.map((e) => e.e164),
      deps.secrets,
    ),
    window: parseSendWindow(campaign.quietHours),
    total: entries.length,
    lastStatus: existing?.lastStatus,
    bucket:
      existing !== undefined && existing.bucket.atMs <= now.getTime()
        ? existing.bucket
        : createTokenBucket(now.getTime(), bucketConfig),
    bucketConfig,
    e164s: entries.map((e) => e.e164),
  };
  run.prepared.set(campaign.id, prepared);
  run.refreshed.add(campaign.id);
  return prepared;
}

type BatchOutcome = { kind: 'sent' } | { kind: 'wait'; until: number } | { kind: 'idle' };

async function dispatchBatch(run: Run, campaignId: string): Promise<BatchOutcome> {
  const { deps, options } = run;
  let campaign = await deps.campaigns.get(campaignId);
  if (!campaign || (campaign.status !== 'scheduled' && campaign.status !== 'sending'))
    return { kind: 'idle' };
  if (!/^https?:\/\/[^/]+/.test(deps.sending.publicBaseUrl)) {
    // Without the public address every link in the texts would be broken: send nothing rather than that.
    await recordStatus(
      run,
      campaignId,
      'not_dispatchable',
      'Het publieke webadres van het platform is niet ingesteld (PERSPECTIEF_PUBLIC_URL); er wordt niets verstuurd.',
      null,
    );
    return { kind: 'idle' };
  }
  const prepared = await prepare(run, campaign);
  const fingerprint = dispatchFingerprint(campaign, prepared.recipientsFingerprint);
  const now = deps.clock.now();
  // A bounded read instead of a count: a batch never needs more, and a short list is exact. When the list is
  // cut off, `used` is overestimated, so the cap check errs on the side of sending less. Bounded by what the
  // rate allows within the batch's horizon too: at 2 messages/s a batch needs a handful, not a hundred.
  const wanted = Math.max(
    1,
    Math.min(
      options.maxBatch,
      tokensWithin(prepared.bucket, now.getTime(), options.horizonMs, prepared.bucketConfig),
    ),
  );
  const pending = await deps.recipients.listByStatus(campaignId, 'pending', wanted * 2 + 10);
  const resent = await deps.recipients.listByStatus(campaignId, 'resent', wanted + 10);
  const claimable = pending.length + resent.length;
  const used = Math.max(0, prepared.total - claimable);
  const refusal = approvalRefusal(campaign, fingerprint, now);
  const dispatchCampaign: DispatchCampaign = {
    status: campaign.status,
    withdrawn: campaign.withdrawal !== null && campaign.approval === null,
    approvalValid: refusal === null,
    scheduledStart: campaign.scheduledAt === null ? null : new Date(campaign.scheduledAt),
  };
  const plan = planBatch({
    now,
    campaign: dispatchCampaign,
    window: prepared.window,
    claimable,
    remainingCap: remainingCap(campaign, used),
    bucket: { state: prepared.bucket, config: prepared.bucketConfig },
    maxBatch: options.maxBatch,
    horizonMs: options.horizonMs,
    deadline: new Date(run.deadline),
  });
  if (plan.action === 'wait') {
    await recordStatus(run, campaignId, plan.reason, plan.message, plan.until);
    return { kind: 'wait', until: plan.until.getTime() };
  }
  if (plan.action === 'stop') {
    if (plan.reason === 'nothing_pending' || plan.reason === 'cap_reached') {
      await completeIfDone(run, campaign, await deps.recipients.countByStatus(campaignId));
    } else {
      const message =
        plan.reason === 'approval_invalid' && refusal !== null
          ? `${plan.message} (${refusalText(campaign, fingerprint, now)})`
          : plan.message;
      await recordStatus(run, campaignId, plan.reason, message, null);
    }
    return { kind: 'idle' };
  }
  if (plan.startsCampaign) {
    const started = await startCampaign(run, campaign, fingerprint);
    if (!started) return { kind: 'idle' };
    campaign = started;
  }
  try {
    assertDispatchAllowed(campaign, fingerprint, now);
  } catch (error) {
    if (!(error instanceof DispatchRefusedError)) throw error;
    await recordStatus(run, campaignId, 'approval_invalid', error.userMessage, null);
    return { kind: 'idle' };
  }
  const candidates = shuffle([...resent, ...pending], options.random);
  return sendBatch(run, campaign, prepared, plan.count, plan.windowEndsAt.getTime(), candidates);
}

function refusalText(campaign: Campaign, fingerprint: string, now: Date): string {
  try {
    assertDispatchAllowed({ ...campaign, status: 'sending' }, fingerprint, now);
    return 'onbekende reden';
  } catch (error) {
    return error instanceof DispatchRefusedError ? error.userMessage : 'onbekende reden';
  }
}

async function startCampaign(
  run: Run,
  campaign: Campaign,
  fingerprint: string,
): Promise<Campaign | undefined> {
  const { deps } = run;
  try {
    const result = applyCampaignAction(
      campaign,
      { type: 'start', currentFingerprint: fingerprint },
      { actor: SYSTEM_DISPATCHER, now: deps.clock.now(), policy: run.policy },
    );
    return await commitCampaignAction(deps, campaign, result);
  } catch (error) {
    if (error instanceof DispatchRefusedError) {
      await recordStatus(run, campaign.id, 'approval_invalid', error.userMessage, null);
      return undefined;
    }
    if (!(error instanceof ConflictError)) throw error;
    const latest = await deps.campaigns.get(campaign.id);
    return latest?.status === 'sending' ? latest : undefined;
  }
}

/**
 * Completes the campaign when nothing is left to send and no claim is open. Recipients with an unknown
 * outcome keep it open for the adviser's decision until the approved sending period ends.
 */
async function completeIfDone(
  run: Run,
  campaign: Campaign,
  counts: Record<RecipientStatus, number>,
): Promise<void> {
  const { deps } = run;
  const now = deps.clock.now();
  const windowOver =
    campaign.approvalRequest !== null &&
    now.getTime() >= Date.parse(campaign.approvalRequest.plannedWindow.until);
  const open = counts.pending + counts.resent + counts.claimed;
  if (campaign.status !== 'sending' || open > 0 || (counts.unknown > 0 && !windowOver)) {
    const message =
      counts.unknown > 0
        ? `Er staan geen ontvangers meer klaar. Van ${counts.unknown} bericht(en) is de uitkomst onbekend: beslis of u die opnieuw verstuurt.`
        : 'Er staan geen ontvangers meer klaar.';
    await recordStatus(run, campaign.id, 'nothing_pending', message, null);
    return;
  }
  try {
    const result = applyCampaignAction(
      campaign,
      { type: 'complete' },
      { actor: SYSTEM_DISPATCHER, now, policy: run.policy },
    );
    await commitCampaignAction(deps, campaign, result);
    run.report.completed.push(campaign.id);
    await recordStatus(run, campaign.id, null, 'De campagne is voltooid.', null, true);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
  }
}

interface BatchCounts {
  claimed: number;
  sent: number;
  failed: number;
  unknown: number;
  released: number;
}

async function sendBatch(
  run: Run,
  campaign: Campaign,
  prepared: Prepared,
  count: number,
  windowEndsAt: number,
  candidates: RecipientDispatchRecord[],
): Promise<BatchOutcome> {
  const { deps, options } = run;
  const batch: BatchCounts = { claimed: 0, sent: 0, failed: 0, unknown: 0, released: 0 };
  const capEntries: { hash: string; expiresAt: string }[] = [];
  let pause: CampaignPauseCode | undefined;
  let stopped = false;
  let next = 0;
  let started = 0;

  const mayStartSend = (): boolean => {
    const now = deps.clock.now();
    return (
      !stopped &&
      !run.aborted() &&
      pause === undefined &&
      now.getTime() < run.deadline &&
      isSendingAllowed(now, prepared.window) &&
      now.getTime() + options.windowGuardMs < windowEndsAt
    );
  };

  const lane = async (): Promise<void> => {
    while (started < count && next < candidates.length) {
      if (!(await takeToken(run, prepared)) || !mayStartSend()) {
        stopped = true;
        return;
      }
      // Another lane may have taken the last candidate or filled the batch while this one waited for a token.
      const candidate = started < count ? candidates[next++] : undefined;
      if (candidate === undefined) {
        refundToken(prepared);
        return;
      }
      started++;
      const result = await sendOne(run, campaign, prepared, candidate, mayStartSend);
      if (result === 'skipped') {
        started--;
        refundToken(prepared);
        continue;
      }
      batch.claimed++;
      if (result.kind === 'sent') {
        batch.sent++;
        const entry = frequencyCapEntry(
          run.hash(candidate.e164),
          campaign.id,
          deps.clock.now(),
          run.frequencyCapDays,
        );
        capEntries.push({ hash: entry.hash, expiresAt: entry.expiresAt });
      } else if (result.kind === 'failed') batch.failed++;
      else if (result.kind === 'unknown') batch.unknown++;
      else {
        batch.released++;
        if (result.pause !== undefined) pause = result.pause;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.lanes, count)) }, lane));

  if (capEntries.length > 0) {
    await deps.hashLists.add('recently_messaged', capEntries, deps.clock.now().toISOString());
  }
  run.report.batches++;
  run.report.sent += batch.sent;
  run.report.failed += batch.failed;
  run.report.unknown += batch.unknown;
  run.report.released += batch.released;
  if (batch.claimed > 0) {
    await audit(deps, systemActing('dispatcher'), {
      action: 'sending.batch_dispatched',
      subjectType: 'campaign',
      subjectId: campaign.id,
      caseId: campaign.caseId,
      campaignId: campaign.id,
      fingerprint: campaign.approval?.requestFingerprint ?? null,
      details: { counts: { ...batch } },
    });
  }
  if (pause !== undefined) {
    await pauseCampaign(run, campaign.id, pause);
    return { kind: 'idle' };
  }
  await recordStatus(run, campaign.id, null, null, null);
  return batch.claimed > 0
    ? { kind: 'sent' }
    : { kind: 'wait', until: deps.clock.now().getTime() + options.idleMs };
}

/** Gives back the token of a recipient another dispatcher claimed first: nothing was sent for it. */
function refundToken(prepared: Prepared): void {
  prepared.bucket = {
    tokens: Math.min(prepared.bucketConfig.burst, prepared.bucket.tokens + 1),
    atMs: prepared.bucket.atMs,
  };
}

/** Waits for one token of the campaign's rate; false when the run ends first. */
async function takeToken(run: Run, prepared: Prepared): Promise<boolean> {
  const { deps, options } = run;
  for (;;) {
    const nowMs = deps.clock.now().getTime();
    const taken = takeTokens(prepared.bucket, nowMs, 1, prepared.bucketConfig);
    prepared.bucket = taken.state;
    if (taken.granted === 1) return true;
    if (taken.nextTokenAtMs >= run.deadline || run.aborted()) return false;
    await options.sleep(Math.max(1, taken.nextTokenAtMs - nowMs));
  }
}

/**
 * Claims one recipient and sends its message at most once. Returns `skipped` when another dispatcher holds
 * it; otherwise the disposition that was recorded on the recipient.
 */
async function sendOne(
  run: Run,
  campaign: Campaign,
  prepared: Prepared,
  candidate: RecipientDispatchRecord,
  mayContinue: () => boolean,
): Promise<SendDisposition | 'skipped'> {
  const { deps, options } = run;
  const variantId = prepared.assignment.get(candidate.id) ?? candidate.variantId ?? campaign.variants[0]?.id;
  const body = variantId === undefined ? undefined : prepared.bodies.get(variantId);
  const claimedAt = deps.clock.now();
  try {
    await deps.recipients.transition(
      campaign.id,
      candidate.id,
      { type: 'claim', by: options.dispatcherId },
      claimedAt,
      variantId === undefined ? {} : { variantId },
    );
  } catch (error) {
    if (error instanceof ConflictError) return 'skipped';
    throw error;
  }
  const guard = { claimedBy: options.dispatcherId, claimedAt: claimedAt.toISOString() };
  let disposition: SendDisposition;
  if (body === undefined) {
    disposition = { kind: 'released', reason: 'no variant text', attempts: 0 };
  } else if (prepared.optOut.has(run.hash(candidate.e164))) {
    disposition = { kind: 'failed', code: 'opted_out', reason: 'number is on the opt-out list', attempts: 0 };
  } else if (!mayContinue()) {
    // Checked after the claim's write and in the same tick as the gateway call below: the time between the
    // window check and the provider receiving the message must be as short as the process can make it.
    disposition = { kind: 'released', reason: 'send window or run ended before sending', attempts: 0 };
  } else {
    const message: SmsMessage = { to: candidate.e164, body, senderId: campaign.senderName };
    disposition = await sendWithRetry(
      timed(deps.sending.gateway, options.sendTimeoutMs, options.sleep),
      message,
      {
        policy: options.retryPolicy,
        random: options.random,
        sleep: options.sleep,
        // The window is checked after the read, right before the retry's gateway call.
        shouldContinue: async () => (await stillDispatchable(run, campaign.id)) && mayContinue(),
      },
    );
  }
  try {
    await deps.recipients.transition(
      campaign.id,
      candidate.id,
      eventForDisposition(disposition),
      deps.clock.now(),
      guard,
    );
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    // Only the stale-claim sweep can have moved our claim: it made the recipient unknown, which stays.
    deps.logger.warn('outcome arrived after the claim was settled', {
      campaignId: campaign.id,
      outcome: disposition.kind,
    });
    return { kind: 'unknown', reason: 'claim settled before the outcome', attempts: disposition.attempts };
  }
  return disposition;
}

/** Whether the campaign may still send, read fresh: a pause or withdrawal also stops pending retries. */
async function stillDispatchable(run: Run, campaignId: string): Promise<boolean> {
  const campaign = await run.deps.campaigns.get(campaignId);
  return campaign?.status === 'sending' && campaign.approval !== null;
}

/** The gateway with a deadline: no answer in time is `unknown`, because the request may have left. */
function timed(gateway: SmsGateway, timeoutMs: number, sleep: (ms: number) => Promise<void>): SmsGateway {
  return {
    isOptedOut: (e164) => gateway.isOptedOut(e164),
    send: (message) =>
      Promise.race<GatewayOutcome>([
        gateway.send(message),
        sleep(timeoutMs).then(() => ({ kind: 'unknown', reason: 'no answer from the gateway in time' })),
      ]),
  };
}

async function pauseCampaign(run: Run, campaignId: string, code: CampaignPauseCode): Promise<void> {
  const { deps } = run;
  const campaign = await deps.campaigns.get(campaignId);
  if (campaign?.status === 'sending') {
    try {
      const result = applyCampaignAction(
        campaign,
        { type: 'pause' },
        { actor: systemActing('dispatcher').actor, now: deps.clock.now(), policy: run.policy },
      );
      await commitCampaignAction(deps, campaign, result);
      run.report.paused.push(campaignId);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  deps.logger.warn('campaign paused by the provider', { campaignId, code });
  await recordStatus(run, campaignId, 'paused', CAMPAIGN_PAUSE_MESSAGES[code], null, true);
}

const SAMPLES = 12;
const STATUS_EVERY_MS = 5_000;

/**
 * Writes what the dispatcher decided for the dashboard, with a reading of the settled count for the rate.
 * Throttled (real time) unless the decision changed: the count reads the status index.
 */
async function recordStatus(
  run: Run,
  campaignId: string,
  hold: string | null,
  message: string | null,
  until: Date | null,
  force = false,
): Promise<void> {
  const { deps } = run;
  const prepared = run.prepared.get(campaignId);
  const key = `${hold}|${message}|${until?.toISOString()}`;
  const last = prepared?.lastStatus;
  if (!force && last !== undefined && last.key === key && elapsedSince(last.at) < STATUS_EVERY_MS) return;
  if (prepared) prepared.lastStatus = { key, at: performance.now() };
  const now = deps.clock.now();
  const counts = await deps.recipients.countByStatus(campaignId, ['sent', 'delivered', 'failed', 'unknown']);
  const before = await deps.sending.dispatchStatus.get(campaignId);
  const total = counts.sent + counts.delivered + counts.failed + counts.unknown;
  const samples = [...(before?.samples ?? []), { at: now.toISOString(), total }].slice(-SAMPLES);
  const status: DispatchStatus = {
    campaignId,
    at: now.toISOString(),
    hold,
    message,
    until: until === null ? null : until.toISOString(),
    samples,
  };
  await deps.sending.dispatchStatus.put(status);
}

function shuffle<T>(items: T[], random: RandomSource): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

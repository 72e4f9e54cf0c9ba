import type { Campaign } from '../core/campaigns/campaign.schema.js';
import { ConflictError } from '../core/errors.js';
import { frequencyCapEntry } from '../core/sending/frequency-cap.js';
import type { RecipientDispatchRecord } from '../core/sending/ports.js';
import { eventForDisposition, type SendDisposition, sendWithRetry } from '../core/sending/retry-policy.js';
import { isSendingAllowed } from '../core/sending/send-window.js';
import type { GatewayOutcome, SmsGateway, SmsMessage } from '../core/sending/sms-gateway.js';
import { takeTokens } from '../core/sending/token-bucket.js';
import { audit, systemActing } from './audit.js';
import { pauseCampaign, recordStatus } from './dispatch-record.js';
import type { BatchOutcome, Prepared, Run } from './dispatch-run.js';

interface BatchCounts {
  claimed: number;
  sent: number;
  failed: number;
  unknown: number;
  released: number;
}

/**
 * Sends up to `count` of `candidates`, each after a token of the campaign's rate and a free lane of the run,
 * and returns as soon as the last of them has started. Why not wait for the batch's answers: a slow answer or
 * a retry's back-off would leave the rate's tokens unused until the batch ends, so the campaign would get less
 * than its rate and then a burst. The batch's bookkeeping (frequency cap, audit, counts, a provider's pause)
 * follows when its last answer is in; the run waits for it before it ends (see `drainTails`).
 */
export async function sendBatch(
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
  const sends: Promise<void>[] = [];
  let next = 0;
  let started = 0;

  // The batch was planned inside the window, which stays open until `windowEndsAt`: between the two the window
  // needs no new reading (a time-zone conversion per message); only a clock that went back is read again.
  const plannedAt = deps.clock.now().getTime();
  const mayStartSend = (): boolean => {
    const now = deps.clock.now();
    const at = now.getTime();
    return (
      !run.aborted() &&
      run.failure === undefined &&
      prepared.pause === undefined &&
      at < run.deadline &&
      at + options.windowGuardMs < windowEndsAt &&
      (at >= plannedAt || isSendingAllowed(now, prepared.window))
    );
  };

  while (started < count && next < candidates.length) {
    await run.lanes.acquire();
    if (!(await takeToken(run, prepared)) || !mayStartSend()) {
      run.lanes.release();
      break;
    }
    const candidate = candidates[next++]!;
    started++;
    const send = sendOne(run, campaign, prepared, candidate, mayStartSend)
      .then((result) => {
        if (result === 'skipped') {
          refundToken(prepared);
          return;
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
          // Set before the lane is free, so no further send of this campaign starts.
          if (result.pause !== undefined) prepared.pause ??= result.pause;
        }
      })
      .catch((error: unknown) => {
        // A store that failed mid-send stops the run at once: no further send starts (see mayStartSend).
        run.failure ??= { error };
        throw error;
      })
      .finally(() => run.lanes.release());
    // Handled here so it never counts as unhandled while the batch goes on; `finish` reads the outcome.
    send.catch(() => {});
    sends.push(send);
  }

  const finish = async (): Promise<void> => {
    // Every send settles (none rejects before its lane is free); the first error is the run's to throw.
    const settled = await Promise.allSettled(sends);
    const rejected = settled.find((s) => s.status === 'rejected');
    if (capEntries.length > 0) {
      await deps.hashLists.add('recently_messaged', capEntries, deps.clock.now().toISOString());
    }
    if (rejected !== undefined) throw rejected.reason;
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
    if (prepared.pause !== undefined && !prepared.pauseRecorded) {
      prepared.pauseRecorded = true;
      await pauseCampaign(run, campaign.id, prepared.pause);
      return;
    }
    if (prepared.pause === undefined) await recordStatus(run, campaign.id, null, null, null);
  };
  track(run, finish());
  if (started === 0 || prepared.pause !== undefined) {
    // Nothing started (no token in this run, window closing, another run claimed them): the answers of what
    // did start decide what comes next, so wait for them before planning again.
    await drainTails(run);
    if (prepared.pause !== undefined) return { kind: 'idle' };
    return { kind: 'wait', until: deps.clock.now().getTime() + options.idleMs };
  }
  return { kind: 'sent' };
}

/** Keeps a batch's remaining work; its first error is thrown by the next `drainTails`. */
function track(run: Run, work: Promise<void>): void {
  const tracked = work
    .catch((error: unknown) => {
      run.failure ??= { error };
    })
    .finally(() => run.tails.delete(tracked));
  run.tails.add(tracked);
}

/** Waits until every started batch has its answers and bookkeeping; throws the first error one of them met. */
export async function drainTails(run: Run): Promise<void> {
  while (run.tails.size > 0) await Promise.all([...run.tails]);
  if (run.failure !== undefined) throw run.failure.error;
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

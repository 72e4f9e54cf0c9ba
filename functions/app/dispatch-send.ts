import type { Campaign } from '../core/campaigns/campaign.schema.js';
import { ConflictError } from '../core/errors.js';
import type { CampaignPauseCode } from '../core/sending/dispatch-messages.js';
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

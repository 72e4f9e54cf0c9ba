import { createHash } from 'node:crypto';
import type { Campaign } from '../core/campaigns/campaign.schema.js';
import { TRACKED_LINK_CODE_LENGTH } from '../core/campaigns/sms-text.js';
import { renderSmsText } from '../core/campaigns/variants.js';
import { recipientFingerprint } from '../core/contacts/fingerprint.js';
import { parseSendWindow } from '../core/sending/send-window.js';
import { continuousBurst, createTokenBucket, tokenBucketConfig } from '../core/sending/token-bucket.js';
import { assignVariants } from '../core/sending/variant-rotation.js';
import type { Prepared, Run } from './dispatch-run.js';
import { underCurrentKey } from './keyed-hash-lists.js';

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
export async function prepare(run: Run, campaign: Campaign): Promise<Prepared> {
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
  const rate = Math.min(campaign.ratePerSecond, run.policy.maxRatePerSecond);
  const bucketConfig = tokenBucketConfig(rate, continuousBurst(rate));
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

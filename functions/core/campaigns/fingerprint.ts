import { createHash } from 'node:crypto';
import { letterSnapshotFingerprint } from '../letters/letter-snapshot.js';
import type { Fingerprint } from '../shared/primitives.schema.js';
import type { Campaign, CampaignKind, LetterContent } from './campaign.schema.js';
import { withOptOutLine } from './sms-text.js';

/** Everything an approval covers: what is sent, to whom and under which name. */
export interface ApprovalContent {
  kind: CampaignKind;
  recipientsFingerprint: string;
  variants: readonly { id: string; text: string }[];
  senderName: string;
  helpLink: string;
  letter: LetterContent | null;
  /** For a letter: the fingerprint of its final content (`letterSnapshotFingerprint`); null for SMS. */
  letterFingerprint?: string | null;
}

/** Bumped if the canonical form ever changes, so an old approval can never match a new computation. */
const DOMAIN = 'perspectief/approval/v2';

/**
 * The SHA-256 fingerprint of an approval's content, in full (`sha256:` + 64 hex digits).
 *
 * The canonical form is a JSON array with a fixed order, so equal content always gives the same digest and
 * any change to a variant, its order, the sender, the link, the recipient set or a letter's final content
 * gives another. Each SMS variant is taken as sent, with the opt-out line the platform adds (v2), so that line is approved too.
 * Variant labels are left out: they are never sent.
 */
export function approvalFingerprint(content: ApprovalContent): Fingerprint {
  const canonical = JSON.stringify([
    DOMAIN,
    content.kind,
    content.recipientsFingerprint,
    content.variants.map((v) => [v.id, content.kind === 'sms' ? withOptOutLine(v.text) : v.text]),
    content.senderName,
    content.helpLink,
    content.letter === null
      ? null
      : [
          content.letter.subject,
          content.letter.paragraphs,
          content.letter.helpLinks.map((l) => [l.label, l.url]),
        ],
    content.letterFingerprint ?? null,
  ]);
  return `sha256:${createHash('sha256').update(canonical, 'utf8').digest('hex')}`;
}

/**
 * The fingerprint of what the campaign would send now, or null while it has no recipient set.
 *
 * Dispatch compares this with the approved fingerprint before every batch.
 */
export function campaignContentFingerprint(campaign: Campaign): Fingerprint | null {
  if (campaign.recipients.fingerprint === null) return null;
  return approvalFingerprint({
    kind: campaign.kind,
    recipientsFingerprint: campaign.recipients.fingerprint,
    variants: campaign.variants,
    senderName: campaign.senderName,
    helpLink: campaign.helpLink,
    letter: campaign.letter,
    letterFingerprint: letterFingerprintOf(campaign),
  });
}

/** The fingerprint of a letter campaign's saved final content, or null (SMS, or nothing saved yet). */
export function letterFingerprintOf(campaign: Pick<Campaign, 'letterSnapshot'>): string | null {
  return campaign.letterSnapshot === null ? null : letterSnapshotFingerprint(campaign.letterSnapshot);
}

/**
 * The fingerprint of what the dispatcher would send now: the campaign's texts, sender and link with the
 * recipient set as the recipient store holds it (`storedRecipientsFingerprint`, recomputed from the stored
 * numbers; null when the store holds none). Compared with the approved fingerprint before every batch.
 */
export function dispatchFingerprint(
  campaign: Campaign,
  storedRecipientsFingerprint: string | null,
): Fingerprint {
  return approvalFingerprint({
    kind: campaign.kind,
    recipientsFingerprint: storedRecipientsFingerprint ?? 'none',
    variants: campaign.variants,
    senderName: campaign.senderName,
    helpLink: campaign.helpLink,
    letter: campaign.letter,
    letterFingerprint: letterFingerprintOf(campaign),
  });
}

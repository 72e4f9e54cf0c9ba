import { approvalRefusal } from '../core/campaigns/approval.js';
import type { Campaign } from '../core/campaigns/campaign.schema.js';
import type { Case } from '../core/campaigns/case.schema.js';
import { approvalFingerprint } from '../core/campaigns/fingerprint.js';
import { applyCampaignAction } from '../core/campaigns/lifecycle.js';
import { ConflictError, ValidationError } from '../core/errors.js';
import { builtInTemplates } from '../core/letters/built-in-templates.js';
import { composeLetters } from '../core/letters/compose.js';
import { LetterContentSchema } from '../core/letters/letter.schema.js';
import type { LetterSelection } from '../core/letters/letter-records.schema.js';
import {
  assertSnapshotClean,
  type LetterSnapshot,
  letterSnapshotFingerprint,
  letterSnapshotOf,
} from '../core/letters/letter-snapshot.js';
import { letterBodies } from '../core/letters/print-document.js';
import { walkingOrder } from '../core/letters/walking-order.js';
import type { Settings } from '../core/settings/settings.schema.js';
import type { Acting } from './audit.js';
import { type CommitCampaignActionDeps, commitCampaignAction } from './campaign-commit.js';
import { loadPolicy } from './campaign-policy.js';
import { type EditCampaignDeps, editCampaign, type SubmitCampaignDeps, submitCampaign } from './campaigns.js';
import type { AppDeps } from './deps.js';
import {
  brandingFromSettings,
  type LetterCampaignDeps,
  loadLetterCampaign,
  selectedAddresses,
} from './letter-campaign.js';
import { getSettings } from './settings.js';

/** Statuses in which a saved change of the letter voids a request or an approval. */
const VOIDING_STATUSES: readonly Campaign['status'][] = ['ready_for_approval', 'approved', 'scheduled'];

/**
 * The letter as it would be printed now, built from its live sources: the campaign's texts, the case text,
 * the case (date, area), the municipality settings (sender, signature, contact, logo, colour) and the
 * built-in templates.
 */
export async function liveLetterSnapshot(
  deps: Pick<AppDeps, 'settings'>,
  campaign: Campaign,
  kase: Case,
  caseText: string,
  settings?: Settings,
): Promise<LetterSnapshot> {
  return letterSnapshotOf({
    content: LetterContentSchema.parse(campaign.letter),
    caseFields: { date: kase.actionDate, areaDescription: kase.areaDescription, caseText },
    branding: brandingFromSettings(settings ?? (await getSettings(deps))),
    templates: builtInTemplates(),
  });
}

/** A letter campaign a settings change would void, with its letter rebuilt from the new settings. */
export interface LetterVoidedBySettings {
  campaign: Campaign;
  snapshot: LetterSnapshot;
  voids: 'approval' | 'request';
}

/**
 * The letter campaigns whose request or approval saving `settings` would void: those awaiting or holding an
 * approval whose letter, rebuilt with the new settings (sender, signature, contact, logo, colour), differs
 * from the submitted one. Pages ask this before saving, so voiding is never silent.
 */
export async function lettersVoidedBySettings(
  deps: Pick<AppDeps, 'campaigns' | 'cases' | 'settings'>,
  settings: Settings,
): Promise<LetterVoidedBySettings[]> {
  const lists = await Promise.all(VOIDING_STATUSES.map((s) => deps.campaigns.listByStatus(s)));
  const affected: LetterVoidedBySettings[] = [];
  for (const campaign of lists.flat()) {
    if (campaign.kind !== 'letter' || campaign.letterSnapshot === null) continue;
    const kase = await deps.cases.get(campaign.caseId);
    if (!kase) continue;
    const snapshot = await liveLetterSnapshot(
      deps,
      campaign,
      kase,
      campaign.letterSnapshot.caseFields.caseText,
      settings,
    );
    if (letterSnapshotFingerprint(snapshot) === letterSnapshotFingerprint(campaign.letterSnapshot)) continue;
    affected.push({ campaign, snapshot, voids: campaign.approval !== null ? 'approval' : 'request' });
  }
  return affected;
}

/**
 * After a settings change: each affected letter gets its rebuilt final content through the state machine,
 * which voids its request or approval and audits it (`campaign.approval_voided`, reason "municipality
 * settings changed"). Why not only refuse at print time: the campaign must show it needs a new approval.
 */
export async function voidLettersAfterSettingsChange(
  deps: Pick<AppDeps, keyof CommitCampaignActionDeps | 'clock' | 'settings' | 'sending'>,
  affected: readonly LetterVoidedBySettings[],
): Promise<void> {
  const { policy } = await loadPolicy(deps);
  for (const { campaign, snapshot } of affected) {
    const result = applyCampaignAction(
      campaign,
      { type: 'edit', changes: { letterSnapshot: snapshot } },
      { actor: { system: 'settings' }, now: deps.clock.now(), policy },
    );
    await commitCampaignAction(deps, campaign, result);
  }
}

function caseTextRequired(): never {
  throw new ValidationError('Case text missing', {
    userMessage: 'Vul in wat er is gebeurd (één of meer zinnen, zonder namen of adressen).',
    context: { field: 'caseText' },
  });
}

/** What saving the letter did: saved, or nothing yet because it would void an approval or request. */
export type SaveLetterResult =
  | { kind: 'saved'; campaign: Campaign; voided: boolean }
  | { kind: 'unchanged'; campaign: Campaign }
  | { kind: 'confirm'; campaign: Campaign; voids: 'approval' | 'request' };

/** Saving or submitting the letter text goes through the campaign's own edit and submit. */
export type LetterTextDeps = Pick<AppDeps, keyof EditCampaignDeps | keyof LetterCampaignDeps>;

/**
 * Saves the letter's final content with the case text ("Wat er is gebeurd"): screened for phone numbers,
 * e-mail addresses, postcodes and addresses, then stored on the campaign through its state machine. When
 * that would void an approval or an open request, nothing is saved unless `confirmVoid` is set: the user is
 * first told what the change voids. The voiding itself is audited by the state machine.
 */
export async function saveLetterText(
  deps: LetterTextDeps,
  acting: Acting,
  input: { campaignId: string; caseText: string; confirmVoid: boolean },
): Promise<SaveLetterResult> {
  const { campaign, kase } = await loadLetterCampaign(deps, acting, input.campaignId);
  const caseText = input.caseText.replace(/\r\n/g, '\n').trim();
  if (caseText === '') caseTextRequired();
  const snapshot = await liveLetterSnapshot(deps, campaign, kase, caseText);
  if (
    campaign.letterSnapshot !== null &&
    letterSnapshotFingerprint(campaign.letterSnapshot) === letterSnapshotFingerprint(snapshot)
  ) {
    return { kind: 'unchanged', campaign };
  }
  const voids = VOIDING_STATUSES.includes(campaign.status)
    ? campaign.approval !== null
      ? 'approval'
      : 'request'
    : null;
  if (voids !== null && !input.confirmVoid) {
    // Screened before asking, so the user is never asked to confirm a text that is then refused.
    assertSnapshotClean(snapshot);
    return { kind: 'confirm', campaign, voids };
  }
  const saved = await editCampaign(deps, acting, campaign.id, { letterSnapshot: snapshot });
  return { kind: 'saved', campaign: saved, voided: voids !== null };
}

/**
 * Submits a letter for approval: re-reads the live sources (settings or the case may have changed since the
 * text was saved, which in a draft voids nothing), sets the window and freezes the final letter in the request.
 */
export async function submitLetter(
  deps: LetterTextDeps & SubmitCampaignDeps,
  acting: Acting,
  input: { campaignId: string; plannedWindow: { from: string; until: string }; caseText?: string },
): Promise<Campaign> {
  const { campaign, kase } = await loadLetterCampaign(deps, acting, input.campaignId);
  const caseText = input.caseText?.trim() || campaign.letterSnapshot?.caseFields.caseText;
  if (caseText === undefined || caseText === '') caseTextRequired();
  const snapshot = await liveLetterSnapshot(deps, campaign, kase, caseText);
  await editCampaign(deps, acting, campaign.id, {
    letterSnapshot: snapshot,
    plannedWindow: input.plannedWindow,
  });
  return submitCampaign(deps, acting, campaign.id);
}

function notApproved(campaign: Campaign, userMessage: string, reason: string): never {
  throw new ConflictError(`Letter content not covered by the approval: ${reason}`, {
    userMessage,
    context: { campaignId: campaign.id, status: campaign.status, reason },
  });
}

/**
 * The approved final letter, or a refusal: the campaign must hold a valid approval (status, expiry,
 * four-eyes, current request) whose fingerprint equals the one recomputed from the live sources — the
 * selected addresses as the address source gives them now, the texts, the case, the settings and the
 * templates. Rendering and printing call this, so any change after approval stops them.
 */
export async function assertLetterApproved(
  deps: Pick<AppDeps, 'settings' | 'clock'>,
  campaign: Campaign,
  kase: Case,
  selection: LetterSelection,
  liveAddressesFingerprint: string,
): Promise<LetterSnapshot> {
  const request = campaign.approvalRequest;
  const approved = request?.letterSnapshot;
  if (campaign.approval === null || request === null || approved === null || approved === undefined) {
    notApproved(
      campaign,
      'Dit wijkbericht is nog niet goedgekeurd. Bied het ter goedkeuring aan; na goedkeuring kunt u de brieven maken en printen.',
      'no_approval',
    );
  }
  const live = await liveLetterSnapshot(deps, campaign, kase, approved.caseFields.caseText);
  const current = approvalFingerprint({
    kind: campaign.kind,
    recipientsFingerprint: liveAddressesFingerprint,
    variants: campaign.variants,
    senderName: campaign.senderName,
    helpLink: campaign.helpLink,
    letter: campaign.letter,
    letterFingerprint: letterSnapshotFingerprint(live),
  });
  const refusal = approvalRefusal(campaign, current, deps.clock.now());
  if (refusal === 'expired') {
    notApproved(
      campaign,
      'De goedkeuring van dit wijkbericht is verlopen. Bied het opnieuw ter goedkeuring aan.',
      refusal,
    );
  }
  if (refusal !== null || selection.addressesFingerprint !== request.recipientsFingerprint) {
    notApproved(
      campaign,
      'De brief is niet meer gelijk aan de goedgekeurde brief: de tekst, de gegevens van de zaak of de gemeente, het sjabloon of de adressen zijn gewijzigd na de goedkeuring. Er wordt niets gemaakt of geprint; bied het wijkbericht opnieuw ter goedkeuring aan.',
      refusal ?? 'selection_changed',
    );
  }
  return approved;
}

/** The approver's preview: the first addressed letter in walking order and the unaddressed letter of its street. */
export async function letterPreview(
  deps: Pick<AppDeps, keyof LetterCampaignDeps | 'letterSelections' | 'addresses'>,
  acting: Acting,
  input: { campaignId: string; baseUrl: string },
): Promise<{ snapshot: LetterSnapshot; fingerprint: string; bodies: string[] } | undefined> {
  const { campaign } = await loadLetterCampaign(deps, acting, input.campaignId);
  const snapshot = campaign.approvalRequest?.letterSnapshot ?? null;
  const selection = await deps.letterSelections.get(campaign.id);
  if (snapshot === null || !selection || campaign.approvalRequest === null) return undefined;
  const { addresses } = await selectedAddresses(deps, selection);
  const [first] = walkingOrder(addresses);
  if (!first) return undefined;
  const run = {
    content: snapshot.content,
    branding: snapshot.branding,
    caseFields: snapshot.caseFields,
    webVersionUrl: () => `${input.baseUrl.replace(/\/+$/, '')}/w/voorbeeld`,
  };
  const addressed = composeLetters({ ...run, mode: 'addressed', addresses: [first] });
  const unaddressed = composeLetters({ ...run, mode: 'unaddressed', addresses: [first] }).filter(
    (p) => p.template === 'wijkbericht',
  );
  return {
    snapshot,
    fingerprint: campaign.approvalRequest.fingerprint,
    bodies: letterBodies([...addressed, ...unaddressed], builtInTemplates()),
  };
}

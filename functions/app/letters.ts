import * as z from 'zod';
import type { Campaign } from '../core/campaigns/campaign.schema.js';
import { ConflictError, NotFoundError } from '../core/errors.js';
import { type StreetRef, streetKey } from '../core/letters/address.schema.js';
import { builtInTemplates } from '../core/letters/built-in-templates.js';
import { composeLetters, type LetterPage, webVersionFields } from '../core/letters/compose.js';
import { LetterModeSchema } from '../core/letters/letter.schema.js';
import {
  addressesFingerprint,
  type LetterBatch,
  type WebVersion,
} from '../core/letters/letter-records.schema.js';
import { type LetterSnapshot, letterSnapshotFingerprint } from '../core/letters/letter-snapshot.js';
import { printDocument, printDocumentParts } from '../core/letters/print-document.js';
import { groupByStreet } from '../core/letters/walking-order.js';
import { type Acting, audit } from './audit.js';
import type { AppDeps } from './deps.js';
import {
  assertApprovedForPrint,
  findLetterCampaign,
  type LetterCampaignDeps,
  loadLetterCampaign,
  requireSelection,
  selectedAddresses,
} from './letter-campaign.js';
import { assertLetterApproved } from './letter-content.js';

export const RenderInputSchema = z.object({
  campaignId: z.string().min(1),
  mode: LetterModeSchema,
  /**
   * What happened ({{zaaktekst}}) as the form showed it: only the approved text is ever printed, so a
   * different one is refused, never used.
   */
  caseText: z.string().optional(),
  /** Origin of the public web versions, e.g. `https://perspectief.utrecht.nl`. */
  baseUrl: z.url(),
});
export type RenderInput = z.infer<typeof RenderInputSchema>;

/** The public URL of a street's web version. */
export function webVersionUrl(baseUrl: string, code: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/w/${code}`;
}

async function codesFor(
  deps: Pick<AppDeps, 'clock' | 'webVersions' | 'ids'>,
  campaignId: string,
  streets: readonly StreetRef[],
): Promise<Map<string, WebVersion>> {
  const now = deps.clock.now();
  const codes = new Map<string, WebVersion>();
  for (const street of streets) {
    codes.set(streetKey(street), await deps.webVersions.codeFor(campaignId, street, deps.ids.next(), now));
  }
  return codes;
}

function pagesOf(
  batch: LetterBatch,
  addresses: Parameters<typeof composeLetters>[0]['addresses'],
  urls: (s: StreetRef) => string,
): LetterPage[] {
  return composeLetters({
    mode: batch.mode,
    addresses,
    content: batch.content,
    branding: batch.branding,
    caseFields: batch.caseFields,
    webVersionUrl: urls,
  });
}

export type RenderLettersDeps = Pick<
  AppDeps,
  | keyof LetterCampaignDeps
  | 'letterSelections'
  | 'addresses'
  | 'clock'
  | 'ids'
  | 'settings'
  | 'webVersions'
  | 'letterBatches'
  | 'audit'
>;

/**
 * Renders a letter run for the approved selection: addressed (one letter per address, walking order) or
 * unaddressed (per street a cover sheet and copies). Only with a valid approval of exactly these addresses;
 * the run is recorded (metadata and snapshot, not the PDF) and audited.
 */
export async function renderLetters(
  deps: RenderLettersDeps,
  acting: Acting,
  input: RenderInput,
): Promise<LetterBatch> {
  const { campaignId, mode, caseText, baseUrl } = RenderInputSchema.parse(input);
  const { campaign, kase } = await loadLetterCampaign(deps, acting, campaignId);
  const selection = await requireSelection(deps, campaignId);
  assertApprovedForPrint(campaign, selection, deps.clock.now());
  const { addresses } = await selectedAddresses(deps, selection);
  if (addressesFingerprint(addresses) !== selection.addressesFingerprint) {
    throw new ConflictError('Address source changed since the selection was made', {
      userMessage:
        'De adressen in het gebied zijn veranderd sinds de selectie. Kies de straten opnieuw en vraag opnieuw goedkeuring.',
      context: { campaignId },
    });
  }
  const approved = await assertLetterApproved(
    deps,
    campaign,
    kase,
    selection,
    addressesFingerprint(addresses),
  );
  if (caseText !== undefined && normaliseText(caseText) !== normaliseText(approved.caseFields.caseText)) {
    throw new ConflictError('Case text differs from the approved letter', {
      userMessage:
        'De tekst bij "Wat er is gebeurd" is niet de goedgekeurde tekst. Er zijn geen brieven gemaakt. Wijzig de tekst op de overzichtspagina van het wijkbericht; dat maakt de goedkeuring ongeldig en het wijkbericht moet opnieuw worden goedgekeurd.',
      context: { campaignId },
    });
  }
  const { content, caseFields, branding } = approved;
  const groups = groupByStreet(addresses);
  const codes = await codesFor(
    deps,
    campaignId,
    groups.map((g) => g.ref),
  );
  const batch: LetterBatch = {
    id: deps.ids.next(),
    campaignId,
    mode,
    letters: addresses.length,
    pages: 0,
    streets: groups.map((g) => ({ ...g.ref, letters: g.addresses.length })),
    addressesFingerprint: selection.addressesFingerprint,
    content,
    caseFields,
    branding,
    approvalFingerprint: campaign.approvalRequest!.fingerprint,
    createdAt: deps.clock.now().toISOString(),
    createdBy: acting.actor.userId,
    downloads: 0,
  };
  // Composing here refuses unknown or missing merge fields before anything is recorded.
  const pages = pagesOf(batch, addresses, (s) => webVersionUrl(baseUrl, codes.get(streetKey(s))?.code ?? ''));
  batch.pages = pages.length;
  await deps.letterBatches.create(batch);
  await audit(deps, acting, {
    action: 'letters.rendered',
    subjectType: 'letter',
    subjectId: batch.id,
    caseId: campaign.caseId,
    campaignId,
    fingerprint: batch.addressesFingerprint,
    details: {
      toStatus: mode,
      counts: { letters: batch.letters, pages: batch.pages, streets: batch.streets.length },
    },
  });
  return batch;
}

async function requireBatch(
  deps: Pick<AppDeps, 'letterBatches'>,
  campaignId: string,
  batchId: string,
): Promise<LetterBatch> {
  const batch = await deps.letterBatches.get(campaignId, batchId);
  if (!batch) {
    throw new NotFoundError('Letter batch not found', {
      userMessage: 'Deze brievenreeks bestaat niet.',
      context: { campaignId },
    });
  }
  return batch;
}

/**
 * The pages of a run, rebuilt from the run's snapshot and the address source. Refused when the addresses
 * changed since the run: the pages would differ from what was approved.
 */
async function letterPages(
  deps: LetterDocumentDeps,
  input: { campaignId: string; batchId: string; baseUrl: string },
): Promise<{ batch: LetterBatch; pages: LetterPage[] }> {
  const batch = await requireBatch(deps, input.campaignId, input.batchId);
  const { campaign, kase } = await findLetterCampaign(deps, input.campaignId);
  const selection = await requireSelection(deps, input.campaignId);
  const { addresses } = await selectedAddresses(deps, selection);
  if (addressesFingerprint(addresses) !== batch.addressesFingerprint) {
    throw new ConflictError('Addresses differ from the rendered run', {
      userMessage: 'De adressen zijn veranderd sinds deze brieven zijn gemaakt. Maak de brieven opnieuw.',
      context: { campaignId: input.campaignId },
    });
  }
  const approved = await assertLetterApproved(
    deps,
    campaign,
    kase,
    selection,
    addressesFingerprint(addresses),
  );
  assertBatchApproved(campaign, batch, approved);
  const codes = await codesFor(deps, input.campaignId, batch.streets);
  const pages = pagesOf(batch, addresses, (s) =>
    webVersionUrl(input.baseUrl, codes.get(streetKey(s))?.code ?? ''),
  );
  return { batch, pages };
}

/** The print job's reads: the run, its letter campaign, the addresses and the live letter sources. */
export type LetterDocumentDeps = Pick<
  AppDeps,
  | keyof LetterCampaignDeps
  | 'letterBatches'
  | 'letterSelections'
  | 'addresses'
  | 'settings'
  | 'clock'
  | 'webVersions'
  | 'ids'
>;

/** The print document of a run as one string (every page, CSS page breaks). */
export async function letterDocument(
  deps: LetterDocumentDeps,
  input: { campaignId: string; batchId: string; baseUrl: string },
): Promise<{ batch: LetterBatch; html: string; pages: number }> {
  const { batch, pages } = await letterPages(deps, input);
  return { batch, html: printDocument(pages, builtInTemplates(), 'Wijkberichten'), pages: pages.length };
}

/** The print document of a run in parts, to be written out page by page (see `printDocumentParts`). */
export async function letterDocumentParts(
  deps: LetterDocumentDeps,
  input: { campaignId: string; batchId: string; baseUrl: string },
): Promise<{ batch: LetterBatch; parts: ReturnType<typeof printDocumentParts>; pages: number }> {
  const { batch, pages } = await letterPages(deps, input);
  return {
    batch,
    parts: printDocumentParts(pages, builtInTemplates(), 'Wijkberichten'),
    pages: pages.length,
  };
}

/** Counts and audits a rendered PDF of a run as an export. */
export async function recordLetterExport(
  deps: Pick<AppDeps, 'letterBatches' | 'audit' | 'clock'>,
  acting: Acting,
  batch: LetterBatch,
  pages: number,
): Promise<void> {
  await deps.letterBatches.recordDownload(batch.campaignId, batch.id);
  await audit(deps, acting, {
    action: 'letters.exported',
    subjectType: 'letter',
    subjectId: batch.id,
    campaignId: batch.campaignId,
    fingerprint: batch.addressesFingerprint,
    details: { toStatus: 'pdf', counts: { pages } },
  });
}

/**
 * The run a job would print, checked before the job is recorded: it must exist, be visible and have been made
 * under the approval that stands now, so a voided or changed letter is refused at once rather than by a job
 * that fails later. The job itself checks again against the rebuilt letter.
 */
export async function requireLetterRun(
  deps: Pick<AppDeps, keyof LetterCampaignDeps | 'letterBatches'>,
  acting: Acting,
  campaignId: string,
  batchId: string,
): Promise<LetterBatch> {
  const { campaign } = await loadLetterCampaign(deps, acting, campaignId);
  const batch = await requireBatch(deps, campaignId, batchId);
  const approved = campaign.approval === null ? undefined : campaign.approvalRequest?.letterSnapshot;
  if (!approved) {
    throw new ConflictError('Letter run printed without an approval', {
      userMessage: 'Deze brief is (nog) niet goedgekeurd. Printen kan pas na goedkeuring.',
      context: { campaignId },
    });
  }
  assertBatchApproved(campaign, batch, approved);
  return batch;
}

/**
 * The public web version of a street's letter: the latest run's content without any address, counted as one
 * open of that street (no IP, no cookie, no person). Undefined for an unknown code or before any run.
 */
export async function openWebVersion(
  deps: Pick<AppDeps, 'webVersions' | 'letterBatches' | 'campaigns' | 'logger' | 'clock'>,
  input: { code: string; baseUrl: string },
): Promise<{ html: string; version: WebVersion } | undefined> {
  const version = await deps.webVersions.get(input.code);
  if (!version) return undefined;
  const [latest] = await deps.letterBatches.list(version.campaignId);
  if (!latest) return undefined;
  // Only a run of the letter as approved, under an approval that still stands (an expired one is fine: the
  // letters were delivered under it), is published.
  const campaign = await deps.campaigns.get(version.campaignId);
  const approved = campaign?.approvalRequest?.letterSnapshot;
  if (!campaign || campaign.approval === null || !approved || !batchMatches(campaign, latest, approved)) {
    deps.logger.warn('web version withheld: its letter run is not the approved letter', {
      campaignId: version.campaignId,
    });
    return undefined;
  }
  await deps.webVersions.recordOpen(version.code, deps.clock.now());
  const fields = webVersionFields(
    {
      content: latest.content,
      branding: latest.branding,
      caseFields: latest.caseFields,
      webVersionUrl: () => webVersionUrl(input.baseUrl, version.code),
    },
    version,
  );
  const html = printDocument(
    [{ template: 'wijkbericht', street: version, fields }],
    builtInTemplates(),
    `${latest.content.subject} · ${latest.branding.senderLine}`,
    { landmarks: false },
  );
  return { html, version };
}

function normaliseText(text: string): string {
  return text.replace(/\r\n/g, '\n').trim();
}

/** Whether a run was made under the campaign's current request and holds exactly its approved letter. */
function batchMatches(campaign: Campaign, batch: LetterBatch, approved: LetterSnapshot): boolean {
  return (
    batch.approvalFingerprint !== undefined &&
    batch.approvalFingerprint === campaign.approvalRequest?.fingerprint &&
    batch.addressesFingerprint === campaign.approvalRequest.recipientsFingerprint &&
    letterSnapshotFingerprint({
      ...approved,
      content: batch.content,
      caseFields: batch.caseFields,
      branding: batch.branding,
    }) === letterSnapshotFingerprint(approved)
  );
}

function assertBatchApproved(campaign: Campaign, batch: LetterBatch, approved: LetterSnapshot): void {
  if (batchMatches(campaign, batch, approved)) return;
  throw new ConflictError('Letter run differs from the approved letter', {
    userMessage:
      'Deze brievenreeks is niet gemaakt onder de huidige goedkeuring of wijkt af van de goedgekeurde brief. Maak de brieven opnieuw.',
    context: { campaignId: campaign.id },
  });
}

import * as z from 'zod';
import { ConflictError, NotFoundError } from '../core/errors.js';
import { type StreetRef, streetKey } from '../core/letters/address.schema.js';
import { builtInTemplates } from '../core/letters/built-in-templates.js';
import { composeLetters, type LetterPage, webVersionFields } from '../core/letters/compose.js';
import {
  type LetterCaseFields,
  LetterCaseFieldsSchema,
  LetterContentSchema,
  LetterModeSchema,
} from '../core/letters/letter.schema.js';
import {
  addressesFingerprint,
  type LetterBatch,
  type WebVersion,
} from '../core/letters/letter-records.schema.js';
import { printDocument, printDocumentParts } from '../core/letters/print-document.js';
import { groupByStreet } from '../core/letters/walking-order.js';
import { type Acting, audit } from './audit.js';
import type { AppDeps } from './deps.js';
import {
  assertApprovedForPrint,
  brandingFromSettings,
  loadLetterCampaign,
  requireSelection,
  selectedAddresses,
} from './letter-campaign.js';
import { getSettings } from './settings.js';

export const RenderInputSchema = z.object({
  campaignId: z.string().min(1),
  mode: LetterModeSchema,
  /** What happened, in the municipality's words ({{zaaktekst}}). */
  caseText: z.string(),
  /** Origin of the public web versions, e.g. `https://perspectief.utrecht.nl`. */
  baseUrl: z.url(),
});
export type RenderInput = z.infer<typeof RenderInputSchema>;

/** The public URL of a street's web version. */
export function webVersionUrl(baseUrl: string, code: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/w/${code}`;
}

async function codesFor(
  deps: AppDeps,
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

/**
 * Renders a letter run for the approved selection: addressed (one letter per address, walking order) or
 * unaddressed (per street a cover sheet and copies). Only with a valid approval of exactly these addresses;
 * the run is recorded (metadata and snapshot, not the PDF) and audited.
 */
export async function renderLetters(deps: AppDeps, acting: Acting, input: RenderInput): Promise<LetterBatch> {
  const { campaignId, mode, caseText, baseUrl } = RenderInputSchema.parse(input);
  const { campaign, kase } = await loadLetterCampaign(deps, campaignId);
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
  const caseFields: LetterCaseFields = LetterCaseFieldsSchema.parse({
    date: kase.actionDate,
    areaDescription: kase.areaDescription,
    caseText,
  });
  const content = LetterContentSchema.parse(campaign.letter);
  const branding = brandingFromSettings(await getSettings(deps));
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

async function requireBatch(deps: AppDeps, campaignId: string, batchId: string): Promise<LetterBatch> {
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
  deps: AppDeps,
  input: { campaignId: string; batchId: string; baseUrl: string },
): Promise<{ batch: LetterBatch; pages: LetterPage[] }> {
  const batch = await requireBatch(deps, input.campaignId, input.batchId);
  const selection = await requireSelection(deps, input.campaignId);
  const { addresses } = await selectedAddresses(deps, selection);
  if (addressesFingerprint(addresses) !== batch.addressesFingerprint) {
    throw new ConflictError('Addresses differ from the rendered run', {
      userMessage: 'De adressen zijn veranderd sinds deze brieven zijn gemaakt. Maak de brieven opnieuw.',
      context: { campaignId: input.campaignId },
    });
  }
  const codes = await codesFor(deps, input.campaignId, batch.streets);
  const pages = pagesOf(batch, addresses, (s) =>
    webVersionUrl(input.baseUrl, codes.get(streetKey(s))?.code ?? ''),
  );
  return { batch, pages };
}

/** The print document of a run as one string (every page, CSS page breaks). */
export async function letterDocument(
  deps: AppDeps,
  input: { campaignId: string; batchId: string; baseUrl: string },
): Promise<{ batch: LetterBatch; html: string; pages: number }> {
  const { batch, pages } = await letterPages(deps, input);
  return { batch, html: printDocument(pages, builtInTemplates(), 'Wijkberichten'), pages: pages.length };
}

/** The print document of a run in parts, to be written out page by page (see `printDocumentParts`). */
export async function letterDocumentParts(
  deps: AppDeps,
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
  deps: AppDeps,
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

/** The run a job would print, checked before the job is recorded: it must exist and be visible. */
export async function requireLetterRun(
  deps: AppDeps,
  campaignId: string,
  batchId: string,
): Promise<LetterBatch> {
  await loadLetterCampaign(deps, campaignId);
  return requireBatch(deps, campaignId, batchId);
}

/**
 * The public web version of a street's letter: the latest run's content without any address, counted as one
 * open of that street (no IP, no cookie, no person). Undefined for an unknown code or before any run.
 */
export async function openWebVersion(
  deps: AppDeps,
  input: { code: string; baseUrl: string },
): Promise<{ html: string; version: WebVersion } | undefined> {
  const version = await deps.webVersions.get(input.code);
  if (!version) return undefined;
  const [latest] = await deps.letterBatches.list(version.campaignId);
  if (!latest) return undefined;
  await deps.webVersions.recordOpen(version.code);
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
  );
  return { html, version };
}

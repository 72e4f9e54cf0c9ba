import type { CountryCode } from 'libphonenumber-js/max';
import { looksLikePhoneNumber } from '../core/audit/free-text.js';
import type { Campaign } from '../core/campaigns/campaign.schema.js';
import {
  type ContactFile,
  extractContactFile,
  type FileExtraction,
  Normaliser,
} from '../core/contacts/index.js';
import { NotFoundError, TooLargeError, ValidationError } from '../core/errors.js';
import type { ContactUpload } from '../core/ports.js';
import { type Acting, audit } from './audit.js';
import { assertMayPerform, requireVisibleCampaign } from './campaign-access.js';
import type { AppDeps } from './deps.js';
import { uploadExtractionOf } from './extraction-codec.js';
import { assertRecipientsChangeable, refreshRecipients } from './recipient-set.js';
import { getSettings } from './settings.js';

/** Files per upload request: a phone's export rarely has more than a handful. */
export const MAX_FILES_PER_UPLOAD = 10;
const MAX_SOURCE_LENGTH = 40;
const MAX_NAME_LENGTH = 120;

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

export interface UploadResult {
  campaign: Campaign;
  uploads: ContactUpload[];
}

function formatMegabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`.replace('.', ',');
}

/** The largest request body an upload may have: every file at its limit plus room for the form. */
export function maxUploadBodyBytes(deps: AppDeps): number {
  return deps.contactLimits.maxFileBytes * MAX_FILES_PER_UPLOAD + 1024 * 1024;
}

/** Refuses a request body above the upload limit before anything is read, with a Dutch 413. */
export function assertUploadBodySize(deps: AppDeps, bytes: number): void {
  if (bytes > maxUploadBodyBytes(deps)) {
    throw new TooLargeError('Upload body too large', {
      userMessage: `De upload is te groot. Een bestand mag hoogstens ${formatMegabytes(deps.contactLimits.maxFileBytes)} zijn en u kunt ${MAX_FILES_PER_UPLOAD} bestanden tegelijk uploaden.`,
      context: { bytes, limit: maxUploadBodyBytes(deps) },
    });
  }
}

/**
 * A file name as shown in reports: path and control characters removed, and any run of digits long enough
 * to be a phone number hidden, because exports are often named after the phone's owner or number.
 */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/\+?\d[\d\s().-]{5,}\d/g, '•••')
    .trim()
    .slice(0, MAX_NAME_LENGTH);
  return clean === '' ? 'bestand' : clean;
}

/** The phone label ("telefoon 1"): short, and never a phone number itself. */
export function phoneLabel(source: string): string {
  const label = source.trim().replace(/\s+/g, ' ');
  if (label.length === 0 || label.length > MAX_SOURCE_LENGTH) {
    throw new ValidationError('Invalid phone label', {
      userMessage: `Geef aan van welke telefoon de bestanden komen, bijvoorbeeld "telefoon 1" (hoogstens ${MAX_SOURCE_LENGTH} tekens).`,
      context: { field: 'source' },
    });
  }
  if (looksLikePhoneNumber(label) || /[\p{Cc}\p{Cf}<>]/u.test(label)) {
    throw new ValidationError('Phone label looks like a number', {
      userMessage: 'Noem de telefoon bijvoorbeeld "telefoon 1"; gebruik geen telefoonnummer of naam.',
      context: { field: 'source' },
    });
  }
  return label;
}

/**
 * Reads the contact files of one phone into numbers, stores per file the report and the extracted numbers,
 * drops the bytes, and recomputes the campaign's recipient set (which voids any approval).
 *
 * Each file stands on its own: an unreadable, binary or oversized file gets a file-level problem in its
 * report and the other files still count. Files that would take the campaign over the total row limit
 * are refused as a whole.
 */
export async function uploadContactFiles(
  deps: AppDeps,
  acting: Acting,
  campaignId: string,
  input: { source: string; files: readonly UploadedFile[] },
): Promise<UploadResult> {
  const campaign = await requireVisibleCampaign(deps, acting, campaignId);
  assertMayPerform(acting, 'edit', campaign.kind);
  if (campaign.kind !== 'sms') {
    throw new ValidationError('Contact files are for SMS campaigns', {
      userMessage: 'Contactlijsten horen bij een sms-campagne.',
      context: { campaignId },
    });
  }
  assertRecipientsChangeable(campaign);
  const source = phoneLabel(input.source);
  const files = input.files.filter((f) => f.name !== '' || f.bytes.length > 0);
  if (files.length === 0) {
    throw new ValidationError('No files', {
      userMessage: 'Kies minstens één bestand (vCard, CSV of XLSX).',
      context: { campaignId },
    });
  }
  if (files.length > MAX_FILES_PER_UPLOAD) {
    throw new ValidationError('Too many files', {
      userMessage: `Upload hoogstens ${MAX_FILES_PER_UPLOAD} bestanden tegelijk.`,
      context: { files: files.length },
    });
  }
  const settings = await getSettings(deps);
  const { maxFileBytes, maxRows } = deps.contactLimits;
  const normaliser = new Normaliser(settings.defaultRegion as CountryCode);
  let rows = (await deps.contactUploads.list(campaignId))
    .filter((u) => u.accepted)
    .reduce((sum, u) => sum + u.report.records, 0);
  for (const file of files) {
    const contactFile: ContactFile = { name: safeFileName(file.name), bytes: file.bytes, source };
    const extraction: FileExtraction = await extractContactFile(contactFile, normaliser, {
      maxFileBytes,
      maxRows,
    });
    const fits = rows + extraction.report.records <= maxRows;
    if (fits) rows += extraction.report.records;
    const report = fits
      ? extraction.report
      : {
          ...extraction.report,
          problems: [
            {
              line: null,
              reason: `Met dit bestand komt de campagne boven ${maxRows.toLocaleString('nl-NL')} rijen of kaarten in totaal; het is niet verwerkt.`,
            },
          ],
          problems_omitted: 0,
        };
    const upload: ContactUpload = {
      id: deps.ids.next(),
      campaignId,
      report,
      sizeBytes: file.bytes.length,
      found: extraction.found,
      valid: extraction.valid,
      invalid: extraction.invalid,
      distinct: extraction.types.length,
      accepted: fits && !extraction.unreadable,
      uploadedAt: deps.clock.now().toISOString(),
      uploadedBy: acting.actor.userId,
    };
    await deps.contactUploads.add(upload, uploadExtractionOf(extraction));
    await audit(deps, acting, {
      action: 'contacts.uploaded',
      subjectType: 'contact_upload',
      subjectId: upload.id,
      caseId: campaign.caseId,
      campaignId,
      details: {
        changedFields: [report.format, upload.accepted ? 'accepted' : 'refused'],
        counts: {
          bytes: upload.sizeBytes,
          records: report.records,
          numbers_found: upload.found,
          valid: upload.valid,
          invalid: upload.invalid,
          distinct: upload.distinct,
          problems: report.problems.length + report.problems_omitted,
        },
      },
    });
    deps.logger.info('contact file processed', {
      campaignId,
      uploadId: upload.id,
      format: report.format,
      records: report.records,
      found: upload.found,
      accepted: upload.accepted,
    });
  }
  const updated = await refreshRecipients(deps, acting, campaignId);
  return { campaign: updated, uploads: await deps.contactUploads.list(campaignId) };
}

/** Removes one uploaded file's report and numbers and recomputes the recipient set. */
export async function removeContactUpload(
  deps: AppDeps,
  acting: Acting,
  campaignId: string,
  uploadId: string,
): Promise<Campaign> {
  const campaign = await requireVisibleCampaign(deps, acting, campaignId);
  assertMayPerform(acting, 'edit', campaign.kind);
  assertRecipientsChangeable(campaign);
  const upload = (await deps.contactUploads.list(campaignId)).find((u) => u.id === uploadId);
  if (!upload) {
    throw new NotFoundError('Upload not found', {
      userMessage: 'Dit bestand staat niet (meer) bij deze campagne.',
      context: { campaignId, uploadId },
    });
  }
  await deps.contactUploads.remove(campaignId, uploadId);
  await audit(deps, acting, {
    action: 'contacts.purged',
    subjectType: 'contact_upload',
    subjectId: uploadId,
    caseId: campaign.caseId,
    campaignId,
    details: { changedFields: ['removed'], counts: { distinct: upload.distinct } },
  });
  return refreshRecipients(deps, acting, campaignId);
}

export async function listContactUploads(
  deps: AppDeps,
  acting: Acting,
  campaignId: string,
): Promise<ContactUpload[]> {
  await requireVisibleCampaign(deps, acting, campaignId);
  return deps.contactUploads.list(campaignId);
}

/** Re-applies the exclusion lists to the campaign's numbers, e.g. after the admin changed a list. */
export async function applyCampaignExclusions(
  deps: AppDeps,
  acting: Acting,
  campaignId: string,
): Promise<Campaign> {
  await requireVisibleCampaign(deps, acting, campaignId);
  return refreshRecipients(deps, acting, campaignId);
}

import { createHmac } from 'node:crypto';
import type { CountryCode } from 'libphonenumber-js/max';
import {
  analyseContactFiles,
  type ContactFile,
  ContactsAccumulator,
  extractContactFile,
  type FileExtraction,
  fileExtension,
  fileLabel,
  keyedHasher,
  Normaliser,
  nextFileSeq,
  unreadableExtraction,
} from '../core/contacts/index.js';
import { describeLines, readPastedNumbers } from '../core/contacts/pasted-lines.js';
import { isDomainError, ValidationError } from '../core/errors.js';
import type {
  ContactFileReader,
  ContactUpload,
  HashListName,
  ListChange,
  UploadedFile,
} from '../core/ports.js';
import { type Acting, audit } from './audit.js';
import { assertMayPerform, requireVisibleCampaign } from './campaign-access.js';
import type { PolicyDeps } from './campaign-policy.js';
import { MAX_FILES_PER_UPLOAD, phoneLabel, type UploadResult } from './contact-uploads.js';
import type { AppDeps } from './deps.js';
import { assertAdmin } from './exclusion-lists.js';
import { uploadExtractionOf } from './extraction-codec.js';
import { hashesUnderEveryKey } from './keyed-hash-lists.js';
import { assertRecipientsChangeable, refreshRecipients } from './recipient-set.js';
import { getSettings } from './settings.js';

/*
 * The use cases that read contact files (vCard, CSV, XLSX) into numbers. This module is the only part of
 * the application that loads the readers: locally the web process imports it, in AWS only the ingest
 * function does (see ContactReading in core/contacts/ports.ts).
 */

/** What reading a campaign's contact files uses, including recomputing its recipient set. */
export type UploadContactFilesDeps = Pick<
  AppDeps,
  | 'approvals'
  | 'audit'
  | 'campaigns'
  | 'clock'
  | 'contactLimits'
  | 'contactUploads'
  | 'hashLists'
  | 'ids'
  | 'logger'
  | 'recipients'
  | 'secrets'
  | 'settings'
  | 'workbooks'
> &
  PolicyDeps;

/** What changing the do-not-contact list uses. */
export type DoNotContactDeps = Pick<
  AppDeps,
  'audit' | 'clock' | 'contactLimits' | 'hashLists' | 'secrets' | 'settings' | 'workbooks'
>;

/** Everything contact reading uses: the ingest function's and the embedded runtime's reader. */
export type ContactReadingDeps = UploadContactFilesDeps & DoNotContactDeps;

/**
 * Reads the contact files of one phone into numbers, stores per file the report and the extracted numbers,
 * drops the bytes, and recomputes the campaign's recipient set (which voids any approval).
 *
 * Each file stands on its own: an unreadable, binary or oversized file gets a file-level problem in its
 * report and the other files still count. Files that would take the campaign over the total row limit
 * are refused as a whole.
 */
export async function uploadContactFiles(
  deps: UploadContactFilesDeps,
  acting: Acting,
  campaignId: string,
  input: { source: string; files: readonly UploadedFile[] },
  options: {
    /** Reports each file read (a job's progress and heartbeat). */
    onFile?: (done: number, total: number) => Promise<void>;
    /**
     * Fixed upload ids per file (a job's): a retried job skips the files whose reading it already recorded,
     * so no file counts twice.
     */
    uploadIds?: (index: number) => string;
    /** Reads each file off the request's thread (worker threads with their own budgets). */
    reader?: ContactFileReader;
  } = {},
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
  const existing = await deps.contactUploads.list(campaignId);
  const recorded = new Set(existing.map((u) => u.id));
  let rows = existing.filter((u) => u.accepted).reduce((sum, u) => sum + u.report.records, 0);
  let seq = nextFileSeq(existing);
  for (const [index, file] of files.entries()) {
    const uploadId = options.uploadIds?.(index) ?? deps.ids.next();
    if (recorded.has(uploadId)) {
      await options.onFile?.(index + 1, files.length);
      continue;
    }
    // The name goes no further than its extension: the readers, reports and logs get the label.
    const extension = fileExtension(file.name);
    const contactFile: ContactFile = { name: `Bestand ${seq}`, bytes: file.bytes, source };
    const extraction: FileExtraction = options.reader
      ? await readOffThread(options.reader, contactFile, {
          region: settings.defaultRegion,
          maxFileBytes,
          maxRows,
        })
      : await extractContactFile(contactFile, normaliser, {
          maxFileBytes,
          maxRows,
          workbooks: deps.workbooks,
        });
    const fits = rows + extraction.report.records <= maxRows;
    if (fits) rows += extraction.report.records;
    const labelled = { ...extraction.report, file: fileLabel(seq, extraction.report.format, extension) };
    const report = fits
      ? labelled
      : {
          ...labelled,
          problems: [
            {
              line: null,
              reason: `Met dit bestand komt de campagne boven ${maxRows.toLocaleString('nl-NL')} rijen of kaarten in totaal; het is niet verwerkt.`,
            },
          ],
          problems_omitted: 0,
        };
    const upload: ContactUpload = {
      id: uploadId,
      campaignId,
      seq: seq++,
      report,
      sizeBytes: file.bytes.length,
      found: extraction.found,
      valid: extraction.valid,
      invalid: extraction.invalid,
      distinct: extraction.types.length,
      accepted: fits && !extraction.unreadable,
      uploadedAt: deps.clock.now().toISOString(),
      uploadedBy: acting.actor.userId,
      contentHash: createHmac('sha256', deps.secrets.hmacKey).update(file.bytes).digest('hex'),
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
    await options.onFile?.(index + 1, files.length);
  }
  const updated = await refreshRecipients(deps, acting, campaignId);
  return { campaign: updated, uploads: await deps.contactUploads.list(campaignId) };
}

/** One file on the reader; a file over the reader's budgets becomes an unreadable file, not an error. */
async function readOffThread(
  reader: ContactFileReader,
  file: ContactFile,
  options: { region: string; maxFileBytes: number; maxRows: number },
): Promise<FileExtraction> {
  try {
    return await reader.extract(file, options);
  } catch (error) {
    if (isDomainError(error)) return unreadableExtraction(file, error.userMessage);
    throw error;
  }
}

async function readNumbers(
  deps: Pick<AppDeps, 'settings' | 'contactLimits' | 'workbooks'>,
  input: { text?: string; file?: UploadedFile },
  reader?: ContactFileReader,
): Promise<{ e164s: string[]; problems: number; ignoredLines: number[] }> {
  const text = input.text && input.text.trim() !== '' ? input.text : undefined;
  const file = input.file && input.file.bytes.length > 0 ? input.file : undefined;
  if (!text && !file) {
    throw new ValidationError('No numbers given', {
      userMessage: 'Plak nummers in het tekstvak of kies een bestand.',
      context: { field: 'nummers' },
    });
  }
  const settings = await getSettings(deps);
  const region = settings.defaultRegion as CountryCode;
  const pasted = text ? readPastedNumbers(text, region, deps.contactLimits.maxRows) : undefined;
  if (pasted && pasted.e164s.length === 0 && !file) {
    throw new ValidationError('Pasted text holds no valid number', {
      userMessage: `Er is niets veranderd: ${describeLines(pasted.ignoredLines)} geen geldig telefoonnummer. Zet één of meer nummers per regel, bijvoorbeeld 06 12345678 of +32 470 12 34 56.`,
      context: { field: 'nummers', ignoredLines: pasted.ignoredLines.length },
    });
  }
  const options = {
    region,
    allowCountries: 'ALL' as const,
    maxFileBytes: deps.contactLimits.maxFileBytes,
    maxRows: deps.contactLimits.maxRows,
  };
  const files = file ? [{ name: 'bestand', bytes: file.bytes, source: 'lijst' }] : [];
  let analysis: Awaited<ReturnType<typeof analyseContactFiles>> | undefined;
  if (files.length > 0 && reader) {
    const accumulator = new ContactsAccumulator(files.length, options);
    for (const [i, f] of files.entries()) accumulator.add(i, await readOffThread(reader, f, options));
    analysis = accumulator.finish();
  } else if (files.length > 0) {
    analysis = await analyseContactFiles(files, { ...options, workbooks: deps.workbooks });
  }
  const fileProblems = (analysis?.files ?? []).reduce(
    (sum, f) => sum + f.problems.length + f.problems_omitted,
    0,
  );
  return {
    e164s: [...new Set([...(pasted?.e164s ?? []), ...(analysis?.numbers.map((n) => n.e164) ?? [])])],
    problems: fileProblems + (pasted?.invalid ?? 0),
    ignoredLines: pasted?.ignoredLines ?? [],
  };
}

async function change(
  deps: DoNotContactDeps,
  acting: Acting,
  list: HashListName,
  mode: 'add' | 'remove',
  input: { text?: string; file?: UploadedFile },
  reader?: ContactFileReader,
): Promise<ListChange> {
  assertAdmin(acting);
  const { e164s, problems, ignoredLines } = await readNumbers(deps, input, reader);
  const hash = keyedHasher(deps.secrets.hmacKey);
  const hashes = e164s.map(hash);
  const now = deps.clock.now();
  if (mode === 'add') {
    await deps.hashLists.add(
      list,
      hashes.map((h) => ({ hash: h })),
      now.toISOString(),
    );
  } else {
    await deps.hashLists.remove(list, hashesUnderEveryKey(e164s, deps.secrets));
  }
  const total = (await deps.hashLists.hashes(list, now)).size;
  await audit(deps, acting, {
    action: 'exclusion_list.changed',
    subjectType: 'exclusion_list',
    subjectId: list,
    details: {
      changedFields: [mode === 'add' ? 'added' : 'removed'],
      counts: { numbers: hashes.length, problems, total, ignored_lines: ignoredLines.length },
    },
  });
  return { numbers: hashes.length, problems, total, ignoredLines };
}

/**
 * Adds numbers (pasted or in a contact file) to the municipality's do-not-contact list as keyed hashes:
 * lawyers, officials, victims. The numbers themselves are not kept anywhere.
 */
export function addToDoNotContact(
  deps: DoNotContactDeps,
  acting: Acting,
  input: { text?: string; file?: UploadedFile },
  reader?: ContactFileReader,
): Promise<ListChange> {
  return change(deps, acting, 'do_not_contact', 'add', input, reader);
}

export function removeFromDoNotContact(
  deps: DoNotContactDeps,
  acting: Acting,
  input: { text?: string; file?: UploadedFile },
  reader?: ContactFileReader,
): Promise<ListChange> {
  return change(deps, acting, 'do_not_contact', 'remove', input, reader);
}

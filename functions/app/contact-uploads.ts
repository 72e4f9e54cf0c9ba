import { looksLikePhoneNumber } from '../core/audit/free-text.js';
import type { Campaign } from '../core/campaigns/campaign.schema.js';
import { MAX_FILES_PER_UPLOAD } from '../core/contacts/contacts.schema.js';
import { NotFoundError, TooLargeError, ValidationError } from '../core/errors.js';
import type { Job } from '../core/jobs/job.schema.js';
import type { ContactUpload, UploadedFile, UploadStaging } from '../core/ports.js';
import { type Acting, audit } from './audit.js';
import { assertMayPerform, requireVisibleCampaign } from './campaign-access.js';
import type { AppDeps } from './deps.js';
import { startJob } from './jobs.js';
import { assertRecipientsChangeable, refreshRecipients } from './recipient-set.js';

export { MAX_FILES_PER_UPLOAD } from '../core/contacts/contacts.schema.js';

const MAX_SOURCE_LENGTH = 40;

export type { UploadedFile } from '../core/ports.js';

export interface UploadResult {
  campaign: Campaign;
  uploads: ContactUpload[];
}

function formatMegabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`.replace('.', ',');
}

/** The largest request body an upload may have: every file at its limit plus room for the form. */
export function maxUploadBodyBytes(deps: Pick<AppDeps, 'contactLimits'>): number {
  return deps.contactLimits.maxFileBytes * MAX_FILES_PER_UPLOAD + 1024 * 1024;
}

/** What `assertUploadBodySize` uses. */
export type AssertUploadBodySizeDeps = Pick<AppDeps, 'contactLimits'>;

/** Refuses a request body above the upload limit before anything is read, with a Dutch 413. */
export function assertUploadBodySize(deps: AssertUploadBodySizeDeps, bytes: number): void {
  if (bytes > maxUploadBodyBytes(deps)) {
    throw new TooLargeError('Upload body too large', {
      userMessage: `De upload is te groot. Een bestand mag hoogstens ${formatMegabytes(deps.contactLimits.maxFileBytes)} zijn en u kunt ${MAX_FILES_PER_UPLOAD} bestanden tegelijk uploaden.`,
      context: { bytes, limit: maxUploadBodyBytes(deps) },
    });
  }
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

/** What a staged upload is for: a campaign's contact files, or a change of the do-not-contact list. */
export type StagedTarget =
  | { kind: 'campaign'; campaignId: string }
  | { kind: 'do-not-contact'; mode: 'add' | 'remove' };

/**
 * How long a signed upload form stays valid: long enough for a page left open while looking for the files,
 * short enough to be useless later. The page's script reloads a form that ran out before posting it.
 */
export const STAGED_FORM_SECONDS = 60 * 60;

function stagedPrefix(target: StagedTarget, userId: string): string {
  const purpose =
    target.kind === 'campaign' ? `campagne/${target.campaignId}` : `niet-benaderen/${target.mode}`;
  return `uploads/${purpose}/${userId}/`;
}

/**
 * The staging key of one upload: its purpose and the person in the path, so only that person's files can be
 * taken for that purpose, and a random part. Never a file name: names often hold a number or a name, and
 * the key travels in URLs and storage logs.
 */
export function stagedUploadKey(target: StagedTarget, userId: string, nonce: string): string {
  return `${stagedPrefix(target, userId)}${nonce}`;
}

const STAGED_GONE = 'Dit bestand is al verwerkt of de upload is verlopen. Upload het bestand opnieuw.';

/**
 * Takes the staged files of one upload out of storage for `target`, on behalf of `userId`: every key must be
 * that person's, for that purpose, before storage is touched, and each file is taken once. The page's script
 * sends only each file's extension ("bestand.csv"), never its name; without one, "bestand". The phone label
 * is the one the person typed, stored with the (first) file.
 */
export async function takeStagedFiles(
  staging: UploadStaging,
  target: StagedTarget,
  userId: string,
  keys: readonly string[],
): Promise<{ source: string; files: UploadedFile[] }> {
  const { source, files, discard } = await readStagedFiles(staging, target, userId, keys);
  await discard();
  return { source, files };
}

/**
 * Reads the staged files like `takeStagedFiles` but leaves them in storage until `discard()`: a job calls it
 * once the reading is recorded, so a job that dies halfway can be retried on the same files.
 */
export async function readStagedFiles(
  staging: UploadStaging,
  target: StagedTarget,
  userId: string,
  keys: readonly string[],
): Promise<{ source: string; files: UploadedFile[]; discard(): Promise<void> }> {
  assertOwnStagedKeys(target, userId, keys);
  const files: UploadedFile[] = [];
  const versions: (string | undefined)[] = [];
  let source = '';
  for (const key of keys) {
    const staged = await staging.read(key);
    if (!staged) throw new NotFoundError('Staged upload gone', { userMessage: STAGED_GONE });
    const name = staged.fields.bestandsnaam ? decodeFieldValue(staged.fields.bestandsnaam) : 'bestand';
    files.push({ name, bytes: staged.bytes });
    versions.push(staged.version);
    source ||= decodeFieldValue(staged.fields.telefoon ?? '');
  }
  return {
    source,
    files,
    discard: async () => {
      for (const [i, key] of keys.entries()) await staging.discard(key, versions[i]);
    },
  };
}

/** Checks the staged keys of an upload before a job is recorded for them (the job reads them later). */
export function assertOwnStagedKeys(target: StagedTarget, userId: string, keys: readonly string[]): void {
  const prefix = stagedPrefix(target, userId);
  const own = (key: string) => key.startsWith(prefix) && /^[A-Za-z0-9-]+$/.test(key.slice(prefix.length));
  if (
    keys.length === 0 ||
    keys.length > MAX_FILES_PER_UPLOAD ||
    !keys.every(own) ||
    new Set(keys).size < keys.length
  ) {
    throw new ValidationError('Staged key of another person or purpose', {
      userMessage: STAGED_GONE,
      context: { kind: target.kind, keys: keys.length },
    });
  }
}

/** Stored fields are ASCII; the page's script percent-encodes what the person typed or picked. */
function decodeFieldValue(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** What `removeContactUpload` uses. */
export type RemoveContactUploadDeps = Pick<
  AppDeps,
  | 'approvals'
  | 'audit'
  | 'campaigns'
  | 'clock'
  | 'contactUploads'
  | 'hashLists'
  | 'logger'
  | 'recipients'
  | 'secrets'
  | 'sending'
  | 'settings'
>;

/** Removes one uploaded file's report and numbers and recomputes the recipient set. */
export async function removeContactUpload(
  deps: RemoveContactUploadDeps,
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

/** What `listContactUploads` uses. */
export type ListContactUploadsDeps = Pick<AppDeps, 'campaigns' | 'contactUploads'>;

export async function listContactUploads(
  deps: ListContactUploadsDeps,
  acting: Acting,
  campaignId: string,
): Promise<ContactUpload[]> {
  await requireVisibleCampaign(deps, acting, campaignId);
  return deps.contactUploads.list(campaignId);
}

/** What `applyCampaignExclusions` uses. */
export type ApplyCampaignExclusionsDeps = Pick<
  AppDeps,
  | 'approvals'
  | 'audit'
  | 'campaigns'
  | 'clock'
  | 'contactUploads'
  | 'hashLists'
  | 'logger'
  | 'recipients'
  | 'secrets'
  | 'sending'
  | 'settings'
>;

/** Re-applies the exclusion lists to the campaign's numbers, e.g. after the admin changed a list. */
export async function applyCampaignExclusions(
  deps: ApplyCampaignExclusionsDeps,
  acting: Acting,
  campaignId: string,
): Promise<Campaign> {
  await requireVisibleCampaign(deps, acting, campaignId);
  return refreshRecipients(deps, acting, campaignId);
}

/** What `startContactJob` uses. */
export type StartContactJobDeps = Pick<
  AppDeps,
  'audit' | 'campaigns' | 'clock' | 'ids' | 'jobRunner' | 'jobs' | 'logger'
>;

/**
 * Starts reading one phone's contact files as a job and returns at once: staged files by their keys (checked
 * to be this person's before anything is recorded), or files sent along (the embedded runtime's direct
 * upload), which travel to the in-process worker with the job.
 */
export async function startContactJob(
  deps: StartContactJobDeps,
  acting: Acting,
  campaignId: string,
  input: { stagedKeys: readonly string[] } | { source: string; files: readonly UploadedFile[] },
): Promise<Job> {
  const campaign = await requireVisibleCampaign(deps, acting, campaignId);
  assertMayPerform(acting, 'edit', campaign.kind);
  assertRecipientsChangeable(campaign);
  if ('stagedKeys' in input) {
    assertOwnStagedKeys({ kind: 'campaign', campaignId }, acting.actor.userId, input.stagedKeys);
    return startJob(deps, acting, {
      kind: 'contacts',
      campaignId,
      input: { stagedKeys: [...input.stagedKeys] },
      total: input.stagedKeys.length,
    });
  }
  // What the person can fix at once is refused at once, before a job is recorded.
  const source = phoneLabel(input.source);
  const files = input.files.filter((f) => f.name !== '' || f.bytes.length > 0);
  if (files.length === 0) {
    throw new ValidationError('No files', {
      userMessage: 'Kies minstens één bestand (vCard, CSV of XLSX).',
      context: { campaignId },
    });
  }
  return startJob(
    deps,
    acting,
    { kind: 'contacts', campaignId, input: {}, total: files.length },
    { source, files },
  );
}

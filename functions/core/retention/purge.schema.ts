import * as z from 'zod';
import { RecipientStatusSchema } from '../sending/recipient-status.js';
import { RecipientCountsSchema } from '../shared/recipient-counts.schema.js';

/**
 * What a purge deletes or redacts, one counter each. The vocabulary is the certificate's: every word is a
 * kind of item an FG can ask about.
 */
export const PurgeKindSchema = z.enum([
  'recipient_items',
  'extraction_items',
  'outbox_messages',
  'outbox_receipts',
  'upload_reports_redacted',
]);
export type PurgeKind = z.infer<typeof PurgeKindSchema>;

export const PURGE_KIND_LABELS: Record<PurgeKind, string> = {
  recipient_items: 'Ontvangers (telefoonnummers met status)',
  extraction_items: 'Uit bestanden gehaalde nummers (opslagblokken)',
  outbox_messages: 'Berichten in de lokale uitgaande berichtenbak',
  outbox_receipts: 'Wachtende ontvangstbevestigingen (lokaal)',
  upload_reports_redacted: 'Uploadverslagen ontdaan van bestandsnaam en telefoonlabel',
};

export type PurgeCounts = Record<PurgeKind, number>;

export function zeroPurgeCounts(): PurgeCounts {
  return Object.fromEntries(PurgeKindSchema.options.map((k) => [k, 0])) as PurgeCounts;
}

const Count = z.number().int().nonnegative();

/** One group of recipients with the same status, variant and "a provider message exists": the dashboard's rows. */
export const RecipientGroupSchema = z.object({
  status: RecipientStatusSchema,
  variantId: z.string().nullable(),
  hasMessage: z.boolean(),
  count: Count,
});
export type RecipientGroup = z.infer<typeof RecipientGroupSchema>;

/** Who ordered a purge: the retention job, or a person ("nu verwijderen") in the role they acted in. */
export const PurgeOrderSchema = z.object({
  userId: z.string().min(1),
  role: z.enum(['admin', 'om_liaison', 'system']),
});
export type PurgeOrder = z.infer<typeof PurgeOrderSchema>;

/**
 * The aggregates of a campaign taken before anything is deleted: counts only, no number, no hash. Written
 * once (a rerun after a crash reuses it instead of counting a half-deleted set); the deletion counters grow
 * with every batch, across runs.
 */
export const PurgeSnapshotSchema = z.object({
  campaignId: z.string().min(1),
  caseId: z.string().min(1),
  /** The campaign's status when the purge began: the certificate's "from". */
  fromStatus: z.string().regex(/^[a-z_]+$/),
  takenAt: z.iso.datetime(),
  /** Kept here from the start, so a certificate written by a later run still names who ordered the purge. */
  orderedBy: PurgeOrderSchema,
  /** Recipient items grouped by status, variant and whether they were handed to the provider. */
  groups: z.array(RecipientGroupSchema),
  /** The funnel with its exclusion reasons, as the campaign recorded it. */
  recipientCounts: RecipientCountsSchema.nullable(),
  uploads: Count,
  deleted: z.record(z.string(), Count),
});
export type PurgeSnapshot = z.infer<typeof PurgeSnapshotSchema>;

/**
 * The purge certificate (vernietigingsverklaring): what was deleted per kind, when, by which job and on
 * whose order, with the aggregates that remain. One per campaign, written with a conditional put.
 */
export const PurgeCertificateSchema = z.object({
  campaignId: z.string().min(1),
  caseId: z.string().min(1),
  campaignName: z.string(),
  fromStatus: z.string().regex(/^[a-z_]+$/),
  purgedAt: z.iso.datetime(),
  /** The identity that performed the deletions: always the retention job. */
  performedBy: z.string().min(1),
  orderedBy: PurgeOrderSchema,
  retentionDays: z.number().int().min(1).max(90),
  deleted: z.record(PurgeKindSchema, Count),
  statusCounts: z.record(RecipientStatusSchema, Count),
  recipientCounts: RecipientCountsSchema.nullable(),
  /** Fingerprint of the approved request, when there was one: ties the certificate to the approval. */
  approvalFingerprint: z.string().nullable(),
  legalReference: z.string().nullable(),
  /** The `campaign.purged` audit event, once appended. */
  auditEventId: z.string().nullable(),
});
export type PurgeCertificate = z.infer<typeof PurgeCertificateSchema>;

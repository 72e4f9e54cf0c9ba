import * as z from 'zod';
import { RoleSchema } from '../auth/roles.js';
import {
  CountSchema,
  EntityIdSchema,
  FingerprintSchema,
  IsoDateTimeSchema,
} from '../shared/primitives.schema.js';
import { LegalReferenceSchema, ReasonTextSchema } from './free-text.js';

/**
 * Everything that can happen and is worth answering "who did this, when, on what data?" for.
 * Namespaced by the noun it acts on, so the audit page can group and filter.
 */
export const AuditActionSchema = z.enum([
  'case.created',
  'case.updated',
  'campaign.created',
  'campaign.edited',
  'campaign.submitted',
  'campaign.approved',
  'campaign.rejected',
  'campaign.approval_withdrawn',
  'campaign.approval_voided',
  'campaign.scheduled',
  'campaign.started',
  'campaign.paused',
  'campaign.resumed',
  'campaign.completed',
  'campaign.cancelled',
  'campaign.expired',
  'campaign.purged',
  'contacts.uploaded',
  'contacts.purged',
  'sending.batch_dispatched',
  'sending.resend_confirmed',
  'campaign.test_sms_requested',
  'campaign.test_sms_sent',
  'test_number.added',
  'test_number.removed',
  'optout.recorded',
  'letters.rendered',
  'letters.exported',
  'distribution.planned',
  'distribution.street_completed',
  'settings.changed',
  'user.changed',
  'user.signed_in',
  'user.signed_out',
  'user.login_failed',
  'user.login_throttled',
  'exclusion_list.changed',
  'audit.exported',
  'job.started',
  'job.retried',
  'job.failed',
  'notification.sent',
  'notification.failed',
]);
export type AuditAction = z.infer<typeof AuditActionSchema>;

export const AuditSubjectTypeSchema = z.enum([
  'case',
  'campaign',
  'contact_upload',
  'letter',
  'distribution',
  'settings',
  'user',
  'exclusion_list',
  'test_number',
  'audit',
  'job',
]);
export type AuditSubjectType = z.infer<typeof AuditSubjectTypeSchema>;

/** A person acts in one of their roles; scheduled jobs act as `system`. */
export const AuditActorRoleSchema = z.union([RoleSchema, z.literal('system')]);
export type AuditActorRole = z.infer<typeof AuditActorRoleSchema>;

/**
 * Identifier-shaped vocabulary (status names, field names, count keys): lower-case letters and underscores
 * only, so no digit, and therefore no phone number, can ever hide in it.
 */
const WordSchema = z.string().regex(/^[a-z][a-z_]{0,47}$/, 'Alleen kleine letters en _');

/**
 * What an event adds beyond who/what/when. Deliberately closed: numbers, vocabulary words, ids and
 * fingerprints, plus the two short texts a person types (a reason, a legal reference), both of which refuse
 * anything that looks like a phone number. There is no field a name, address or number could go into.
 */
export const AuditDetailsSchema = z.strictObject({
  fromStatus: WordSchema.optional(),
  toStatus: WordSchema.optional(),
  changedFields: z.array(WordSchema).max(32).optional(),
  counts: z.record(WordSchema, CountSchema).optional(),
  requestSeq: CountSchema.optional(),
  requestFingerprint: FingerprintSchema.optional(),
  previousFingerprint: FingerprintSchema.optional(),
  variantIds: z.array(EntityIdSchema).max(32).optional(),
  voided: z.enum(['request', 'approval']).optional(),
  expiresAt: IsoDateTimeSchema.optional(),
  scheduledAt: IsoDateTimeSchema.optional(),
  reason: ReasonTextSchema.optional(),
  legalReference: LegalReferenceSchema.optional(),
  /** The kind of task a notification was about (never its recipient's address). */
  taskKind: WordSchema.optional(),
});
export type AuditDetails = z.infer<typeof AuditDetailsSchema>;

/** One entry of the append-only audit trail. */
export const AuditEventSchema = z.strictObject({
  id: EntityIdSchema,
  at: IsoDateTimeSchema,
  actorUserId: EntityIdSchema,
  actorRole: AuditActorRoleSchema,
  action: AuditActionSchema,
  subjectType: AuditSubjectTypeSchema,
  subjectId: EntityIdSchema,
  caseId: EntityIdSchema.nullable(),
  campaignId: EntityIdSchema.nullable(),
  fingerprint: FingerprintSchema.nullable(),
  details: AuditDetailsSchema,
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

/** An event as the domain produces it; the store gives it its id when it appends it. */
export const AuditEventDraftSchema = AuditEventSchema.omit({ id: true });
export type AuditEventDraft = z.infer<typeof AuditEventDraftSchema>;

/** The user id the audit trail records for scheduled jobs. */
export function systemActorUserId(job: string): string {
  return `system:${job}`;
}

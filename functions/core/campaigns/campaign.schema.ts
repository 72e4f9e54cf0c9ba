import * as z from 'zod';
import { LegalReferenceSchema, ReasonTextSchema } from '../audit/free-text.js';
import { LetterSnapshotSchema } from '../letters/letter-snapshot.js';
import {
  CountSchema,
  EntityIdSchema,
  FingerprintSchema,
  IsoDateTimeSchema,
} from '../shared/primitives.schema.js';
import { RecipientCountsSchema } from '../shared/recipient-counts.schema.js';

export const CampaignStatusSchema = z.enum([
  'draft',
  'ready_for_approval',
  'approved',
  'scheduled',
  'sending',
  'paused',
  'completed',
  'rejected',
  'cancelled',
  'expired',
  'purged',
]);
export type CampaignStatus = z.infer<typeof CampaignStatusSchema>;

/** Dutch labels for status badges. */
export const CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, string> = {
  draft: 'concept',
  ready_for_approval: 'wacht op goedkeuring',
  approved: 'goedgekeurd',
  scheduled: 'ingepland',
  sending: 'wordt verstuurd',
  paused: 'gepauzeerd',
  completed: 'voltooid',
  rejected: 'afgewezen',
  cancelled: 'geannuleerd',
  expired: 'verlopen',
  purged: 'gewist',
};

export const CampaignKindSchema = z.enum(['sms', 'letter']);
export type CampaignKind = z.infer<typeof CampaignKindSchema>;

/**
 * An SMS sender ID as AWS SNS accepts it: 1–11 letters or digits, at least one letter, no spaces. Phones
 * show it instead of a number, so a reply cannot reach an official.
 */
export const SenderNameSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9]{1,11}$/,
    'De afzendernaam mag hoogstens 11 letters of cijfers hebben, zonder spaties of leestekens.',
  )
  .refine((s) => /[A-Za-z]/.test(s), 'De afzendernaam moet minstens één letter bevatten.');

/** A variant's code: short and URL-safe, because it ends up in the tracked link per variant. */
export const VariantIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,23}$/, 'Ongeldige code voor een variant.');

/** Deliberately loose on the text: the rules (length, `{link}`) are checked by validateVariants with Dutch feedback. */
export const VariantSchema = z.object({
  id: VariantIdSchema,
  label: z.string().trim().max(60, 'Het label van een variant mag hoogstens 60 tekens lang zijn.'),
  text: z.string().max(5000, 'Deze tekst is veel te lang voor een sms.'),
});
export type Variant = z.infer<typeof VariantSchema>;

const Hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Gebruik de notatie UU:MM.');
/** An end time may also be 24:00, the midnight that ends the day: 00:00–24:00 is the whole day. */
const EndHhmm = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'Gebruik de notatie UU:MM (of 24:00).');

/** When messages may go out; the same shape as the sending module's send window. */
export const QuietHoursSchema = z
  .object({
    start: Hhmm,
    end: EndHhmm,
    /** ISO weekdays: 1 = Monday … 7 = Sunday. */
    days: z.array(z.number().int().min(1).max(7)).min(1, 'Kies minstens één dag.'),
    timeZone: z.string().min(1).default('Europe/Amsterdam'),
  })
  .refine((w) => w.start < w.end, { message: 'De begintijd moet vóór de eindtijd liggen.', path: ['end'] });
export type QuietHours = z.infer<typeof QuietHoursSchema>;

export const HttpsUrlSchema = z
  .string()
  .max(500)
  .refine(
    (s) => URL.canParse(s) && new URL(s).protocol === 'https:',
    'Gebruik een link die met https:// begint.',
  );

/** The shape the letter templates render; merge fields {{datum}} {{gebied}} {{zaaktekst}} are filled in per letter. */
export const LetterContentSchema = z.object({
  subject: z.string().trim().min(3).max(140),
  paragraphs: z.array(z.string().trim().min(1).max(1500)).min(1).max(20),
  helpLinks: z.array(z.object({ label: z.string().trim().min(2).max(80), url: HttpsUrlSchema })).max(8),
});
export type LetterContent = z.infer<typeof LetterContentSchema>;

export const CountryCodeSchema = z
  .string()
  .regex(/^[A-Z]{2}$/, 'Gebruik een landcode van twee hoofdletters, zoals NL.');

export const PlannedWindowSchema = z
  .object({ from: IsoDateTimeSchema, until: IsoDateTimeSchema })
  .refine((w) => w.from < w.until, {
    message: 'Het einde van de verzendperiode moet na het begin liggen.',
    path: ['until'],
  });
export type PlannedWindow = z.infer<typeof PlannedWindowSchema>;

export { type RecipientCounts, RecipientCountsSchema } from '../shared/recipient-counts.schema.js';

export const RecipientSetSchema = z.object({
  fingerprint: FingerprintSchema.nullable(),
  counts: RecipientCountsSchema.nullable(),
});
export type RecipientSet = z.infer<typeof RecipientSetSchema>;

const UserIdsSchema = z.array(EntityIdSchema).min(1);

/**
 * What the adviser submits and the OM liaison approves, frozen at submit time. The fingerprint covers the
 * recipient set, the variant texts, the sender and the link: exactly what will be sent.
 */
export const ApprovalRequestSchema = z.object({
  seq: z.number().int().min(1),
  fingerprint: FingerprintSchema,
  recipientsFingerprint: FingerprintSchema,
  variants: z.array(VariantSchema),
  letter: LetterContentSchema.nullable(),
  /** A letter's final content as it will be printed and published (texts, case, branding, templates). */
  letterSnapshot: LetterSnapshotSchema.nullable().default(null),
  senderName: SenderNameSchema,
  helpLink: HttpsUrlSchema,
  counts: RecipientCountsSchema,
  plannedWindow: PlannedWindowSchema,
  /** Everyone who prepared or changed the campaign up to the request: none of them may approve it. */
  preparedBy: UserIdsSchema,
  requestedBy: EntityIdSchema,
  requestedAt: IsoDateTimeSchema,
});
export type ApprovalRequest = z.infer<typeof ApprovalRequestSchema>;

export const ApprovalSchema = z.object({
  requestSeq: z.number().int().min(1),
  requestFingerprint: FingerprintSchema,
  approvedBy: EntityIdSchema,
  legalReference: LegalReferenceSchema,
  confirmed: z.literal(true),
  at: IsoDateTimeSchema,
  expiresAt: IsoDateTimeSchema,
  /** The hard cap: never more messages than this. */
  approvedCount: CountSchema,
  /** For a letter: the approver confirmed it names no person, no suspect's address and no official. */
  namesNobody: z.literal(true).optional(),
});
export type Approval = z.infer<typeof ApprovalSchema>;

export const RejectionSchema = z.object({
  requestSeq: z.number().int().min(1),
  requestFingerprint: FingerprintSchema,
  rejectedBy: EntityIdSchema,
  reason: ReasonTextSchema,
  at: IsoDateTimeSchema,
});
export type Rejection = z.infer<typeof RejectionSchema>;

export const WithdrawalSchema = z.object({
  requestSeq: z.number().int().min(1),
  requestFingerprint: FingerprintSchema,
  withdrawnBy: EntityIdSchema,
  reason: ReasonTextSchema,
  at: IsoDateTimeSchema,
});
export type Withdrawal = z.infer<typeof WithdrawalSchema>;

/** Statuses in which an approval must exist and must belong to the current request. */
export const APPROVED_STATUSES: readonly CampaignStatus[] = ['approved', 'scheduled', 'sending', 'paused'];

/**
 * A campaign: one SMS-bom or one neighbourhood letter of a case. `version` is for optimistic locking: the
 * store writes a new version only if the stored one is still the version it was read at.
 *
 * The refinements make an inconsistent approval state unrepresentable: an item that claims to be approved
 * without a matching approval, or approved by one of its preparers, does not even parse.
 */
export const CampaignSchema = z
  .object({
    id: EntityIdSchema,
    caseId: EntityIdSchema,
    kind: CampaignKindSchema,
    blueprintId: EntityIdSchema,
    name: z
      .string()
      .trim()
      .min(2, 'Geef de campagne een naam van minstens 2 tekens.')
      .max(120, 'De naam mag hoogstens 120 tekens lang zijn.'),
    status: CampaignStatusSchema,
    variants: z.array(VariantSchema).max(10),
    letter: LetterContentSchema.nullable(),
    /**
     * A letter's final content (texts with the case text, case fields, branding, templates), saved by the
     * letter pages; the approval fingerprint covers it, so any change of it voids the approval.
     */
    letterSnapshot: LetterSnapshotSchema.nullable().default(null),
    helpLink: HttpsUrlSchema,
    senderName: SenderNameSchema,
    quietHours: QuietHoursSchema,
    ratePerSecond: z.number().positive().max(1000),
    allowedCountries: z.array(CountryCodeSchema).min(1),
    plannedWindow: PlannedWindowSchema.nullable(),
    preparers: UserIdsSchema,
    recipients: RecipientSetSchema,
    approvalRequest: ApprovalRequestSchema.nullable(),
    approval: ApprovalSchema.nullable(),
    rejection: RejectionSchema.nullable(),
    withdrawal: WithdrawalSchema.nullable(),
    scheduledAt: IsoDateTimeSchema.nullable(),
    /** How many approval requests were ever made; the next one gets this number plus one. */
    lastRequestSeq: CountSchema,
    version: CountSchema,
    createdAt: IsoDateTimeSchema,
    createdBy: EntityIdSchema,
    updatedAt: IsoDateTimeSchema,
    updatedBy: EntityIdSchema,
  })
  .superRefine((c, ctx) => {
    const problem = (message: string) => ctx.addIssue({ code: 'custom', message, path: ['status'] });
    if (c.kind === 'letter' && c.letter === null) problem('A letter campaign needs letter content');
    if (c.kind === 'sms' && c.letter !== null) problem('An SMS campaign has no letter content');
    if (c.status === 'ready_for_approval' && (c.approvalRequest === null || c.approval !== null)) {
      problem('ready_for_approval needs an open request and no approval');
    }
    if (APPROVED_STATUSES.includes(c.status)) {
      const request = c.approvalRequest;
      const approval = c.approval;
      if (request === null || approval === null) {
        problem(`${c.status} needs a request and an approval`);
      } else {
        if (approval.requestSeq !== request.seq || approval.requestFingerprint !== request.fingerprint) {
          problem('the approval does not belong to the current request');
        }
        if (request.preparedBy.includes(approval.approvedBy) || c.preparers.includes(approval.approvedBy)) {
          problem('the approver prepared the campaign');
        }
      }
    }
    if (['scheduled', 'sending', 'paused'].includes(c.status) && c.scheduledAt === null) {
      problem(`${c.status} needs a scheduled start`);
    }
  });
export type Campaign = z.infer<typeof CampaignSchema>;

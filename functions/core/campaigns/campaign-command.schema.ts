import * as z from 'zod';
import { LetterSnapshotSchema } from '../letters/letter-snapshot.js';
import { FingerprintSchema, IsoDateTimeSchema } from '../shared/primitives.schema.js';
import {
  CountryCodeSchema,
  LetterContentSchema,
  PlannedWindowSchema,
  QuietHoursSchema,
  RecipientSetSchema,
  SenderNameSchema,
  VariantSchema,
} from './campaign.schema.js';

export const ChangesSchema = z.strictObject({
  name: z.string().trim().min(2, 'Geef de campagne een naam van minstens 2 tekens.').max(120).optional(),
  variants: z.array(VariantSchema).optional(),
  letter: LetterContentSchema.optional(),
  letterSnapshot: LetterSnapshotSchema.optional(),
  helpLink: z.string().optional(),
  senderName: SenderNameSchema.optional(),
  quietHours: QuietHoursSchema.optional(),
  ratePerSecond: z.number().positive('De snelheid moet groter dan 0 zijn.').optional(),
  allowedCountries: z.array(CountryCodeSchema).min(1, 'Kies minstens één land.').optional(),
  plannedWindow: PlannedWindowSchema.nullable().optional(),
  recipients: RecipientSetSchema.optional(),
});
export type CampaignChanges = z.infer<typeof ChangesSchema>;
export type ChangeField = keyof CampaignChanges;

export const CONTENT_FIELDS: ReadonlySet<ChangeField> = new Set<ChangeField>([
  'variants',
  'letter',
  'letterSnapshot',
  'helpLink',
  'senderName',
  'allowedCountries',
  'plannedWindow',
  'recipients',
]);

/** What a route or job asks the state machine to do; parse HTTP input with this schema. */
export const CampaignCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('edit'), changes: ChangesSchema }),
  z.object({ type: z.literal('submit') }),
  z.object({
    type: z.literal('approve'),
    /** The request fingerprint the OM liaison's page showed: approving another version is refused. */
    requestFingerprint: FingerprintSchema,
    legalReference: z.string(),
    confirmed: z.boolean(),
    /** For a letter: the approver confirms it names no person, no suspect's address and no official. */
    namesNobody: z.boolean().optional(),
  }),
  z.object({ type: z.literal('reject'), requestFingerprint: FingerprintSchema, reason: z.string() }),
  z.object({ type: z.literal('withdraw'), reason: z.string() }),
  z.object({ type: z.literal('schedule'), startAt: IsoDateTimeSchema }),
  z.object({ type: z.literal('start'), currentFingerprint: FingerprintSchema }),
  z.object({ type: z.literal('pause') }),
  z.object({ type: z.literal('resume'), currentFingerprint: FingerprintSchema }),
  z.object({ type: z.literal('complete') }),
  z.object({ type: z.literal('cancel'), reason: z.string().optional() }),
  z.object({ type: z.literal('expire') }),
  z.object({ type: z.literal('purge') }),
]);
export type CampaignCommand = z.infer<typeof CampaignCommandSchema>;

import * as z from 'zod';
import { CountSchema } from './primitives.schema.js';

/** Reason keys are vocabulary words (landline, opt_out, recently_messaged …), never free text. */
const ReasonKeySchema = z.string().regex(/^[a-z][a-z_]{0,47}$/);

/** The funnel of the current recipient set, as the contact-list analysis produced it. */
export const RecipientCountsSchema = z.object({
  imported: CountSchema,
  valid: CountSchema,
  /** Numbers that remain after every exclusion: the count an approval caps sending at. */
  sendable: CountSchema,
  excluded: z.record(ReasonKeySchema, CountSchema),
});
export type RecipientCounts = z.infer<typeof RecipientCountsSchema>;

import * as z from 'zod';
import { maskPhoneNumbers } from '../audit/free-text.js';

/** Where a street of a round stands. Allowed moves live in DELIVERY_TRANSITIONS. */
export const StreetDeliveryStatusSchema = z.enum(['planned', 'delivered', 'problem']);
export type StreetDeliveryStatus = z.infer<typeof StreetDeliveryStatusSchema>;

export const HouseNumberRangeSchema = z.object({
  side: z.enum(['odd', 'even']),
  from: z.number().int().positive(),
  to: z.number().int().positive(),
  count: z.number().int().positive(),
});

export const RoundNoteSchema = z.object({
  at: z.iso.datetime(),
  by: z.string().min(1),
  // Notes are typed in the street ("bel 0612345678"): a number in one is masked before it is stored, and
  // when an older note is read, so no export carries it.
  text: z.string().trim().min(1).max(500).transform(maskPhoneNumbers),
});
export type RoundNote = z.infer<typeof RoundNoteSchema>;

export const RoundStreetSchema = z.object({
  street: z.string().min(1),
  city: z.string().min(1),
  ranges: z.array(HouseNumberRangeSchema),
  /** Letters to deliver in this street. */
  count: z.number().int().nonnegative(),
  status: StreetDeliveryStatusSchema,
  deliveredAt: z.iso.datetime().nullable(),
  deliveredBy: z.string().nullable(),
  notes: z.array(RoundNoteSchema),
});
export type RoundStreet = z.infer<typeof RoundStreetSchema>;

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Tijd als UU:MM.');

/** A distribution round: a date, a time slot, a team of distributor accounts and streets in walking order. */
export const RoundSchema = z.object({
  id: z.string().min(1),
  campaignId: z.string().min(1),
  date: z.iso.date(),
  timeSlot: z
    .object({ from: Time, to: Time })
    .refine((slot) => slot.from < slot.to, { message: 'Het tijdvak moet eindigen na het begin.' }),
  /** User ids of the distributors; only they see and tick off this round. */
  team: z.array(z.string().min(1)).min(1).max(20),
  streets: z.array(RoundStreetSchema).min(1),
  createdAt: z.iso.datetime(),
  createdBy: z.string().min(1),
});
export type Round = z.infer<typeof RoundSchema>;

/** What the area manager fills in to plan a round. */
export const RoundPlanSchema = z.object({
  campaignId: z.string().min(1),
  date: z.iso.date(),
  timeSlot: z.object({ from: Time, to: Time }),
  team: z.array(z.string().min(1)).min(1).max(20),
  streets: z.array(z.object({ street: z.string().min(1), city: z.string().min(1) })).min(1),
});
export type RoundPlan = z.infer<typeof RoundPlanSchema>;

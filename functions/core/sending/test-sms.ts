import * as z from 'zod';
import { maskE164 } from '../contacts/mask.js';
import { E164Schema } from './sms-gateway.js';

/**
 * A number the administrator keeps for test messages ("Telefoon team Veiligheid"): the only numbers a test
 * SMS may go to. Stored as plain E.164 because it must be sendable; shown only masked with its label.
 */
export const TestNumberSchema = z.object({
  id: z.string().min(1),
  e164: E164Schema,
  label: z.string().min(1).max(80),
  addedAt: z.iso.datetime(),
});
export type TestNumber = z.infer<typeof TestNumberSchema>;

/** A label as the admin types it: trimmed, 1 to 80 characters, and never something that looks like a number. */
export const TestNumberLabelSchema = z
  .string()
  .trim()
  .min(1, 'Vul een naam in, bijvoorbeeld "Telefoon team Veiligheid".')
  .max(80, 'De naam is te lang: gebruik hoogstens 80 tekens.')
  .refine((label) => !/\d{6,}/.test(label.replace(/[\s\-().]/g, '')), {
    message: 'Zet geen telefoonnummer in de naam: de naam wordt onafgeschermd getoond.',
  });

/** How a test number is shown anywhere in the UI: masked, with its label. */
export function describeTestNumber(number: Pick<TestNumber, 'e164' | 'label'>): string {
  return `${number.label} (${maskE164(number.e164)})`;
}

/** A test SMS asked for on a campaign page and sent by the dispatcher's next run. */
export const TestSmsRequestSchema = z.object({
  id: z.string().min(1),
  campaignId: z.string().min(1),
  variantId: z.string().min(1),
  testNumberId: z.string().min(1),
  /** The text exactly as recipients get it, with the test link in place of the campaign's link. */
  text: z.string().min(1).max(2_000),
  requestedAt: z.iso.datetime(),
  requestedBy: z.string().min(1),
  status: z.enum(['pending', 'claimed', 'sent', 'failed']),
  claimedBy: z.string().optional(),
  claimedAt: z.iso.datetime().optional(),
  finishedAt: z.iso.datetime().optional(),
});
export type TestSmsRequest = z.infer<typeof TestSmsRequestSchema>;

/**
 * The variant id under which a test message's link is made: its clicks never count for the real variant. A
 * capital and a colon, which no campaign's variant id may hold, so a real variant can never pass for a test.
 */
export const testVariantId = (variantId: string) => `TEST:${variantId}`;

/** Whether a tracked link's variant id is a test one (its clicks are left out of every figure). */
export const isTestVariantId = (variantId: string) => variantId.startsWith('TEST:');

/**
 * The admin's test numbers and the test messages waiting to be sent, in the main table. A claim is a
 * conditional write, so two dispatcher runs (or a retried one) send a request at most once.
 */
export interface TestSmsStore {
  listNumbers(): Promise<TestNumber[]>;
  getNumber(id: string): Promise<TestNumber | undefined>;
  addNumber(number: TestNumber): Promise<void>;
  /** Removes it; false when there was none. */
  removeNumber(id: string): Promise<boolean>;
  request(request: TestSmsRequest): Promise<void>;
  /** Requests not yet claimed, oldest first, up to `limit`. */
  listPending(limit: number): Promise<TestSmsRequest[]>;
  /** Claims a pending request for `dispatcherId`; false when another run (or an earlier one) has it. */
  claim(id: string, dispatcherId: string, at: Date): Promise<boolean>;
  /** Records the outcome of a claimed request (only the claim's owner may). */
  finish(id: string, dispatcherId: string, status: 'sent' | 'failed', at: Date): Promise<void>;
  /** The requests of one campaign, newest first (for its page). */
  listForCampaign(campaignId: string, limit: number): Promise<TestSmsRequest[]>;
}

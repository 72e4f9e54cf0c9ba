import * as z from 'zod';

/**
 * What a provider's delivery report tells us about one message, keyed by the provider's message id. It never
 * holds the destination number; `providerReason` is redacted of anything that looks like one.
 */
export const DeliveryReceiptSchema = z.object({
  messageId: z.string().min(1).max(200),
  status: z.enum(['delivered', 'failed']),
  providerReason: z.string().max(300).optional(),
  /** What the provider charged for the message, in USD, when it says so. */
  priceUsd: z.number().min(0).optional(),
});
export type DeliveryReceipt = z.infer<typeof DeliveryReceiptSchema>;

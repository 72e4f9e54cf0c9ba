import { ConflictError } from '../core/errors.js';
import type { SendingDeps } from '../core/ports.js';
import type { DeliveryReceipt } from '../core/sending/delivery-receipt.js';
import type { AppDeps } from './deps.js';

/** What recording receipts uses: the recipients, found by the provider's message id. */
export type ReceiptDeps = Pick<AppDeps, 'recipients' | 'clock' | 'logger'>;

export interface ReceiptReport {
  recorded: number;
  /** Receipts for messages this platform does not know (another system on the account) or already settled. */
  ignored: number;
}

/**
 * Records provider delivery receipts on the recipients they belong to (`sent → delivered | failed`), by message
 * id. Why idempotent: CloudWatch Logs and the local outbox may deliver a receipt twice, and a late receipt for a
 * recipient that already has one must change nothing.
 */
export async function recordDeliveryReceipts(
  deps: ReceiptDeps,
  receipts: readonly DeliveryReceipt[],
): Promise<ReceiptReport> {
  let recorded = 0;
  let ignored = 0;
  for (const receipt of receipts) {
    const recipient = await deps.recipients.findByMessageId(receipt.messageId);
    if (recipient === undefined) {
      ignored++;
      continue;
    }
    try {
      await deps.recipients.transition(
        recipient.campaignId,
        recipient.id,
        receipt.status === 'delivered'
          ? { type: 'receipt_delivered', messageId: receipt.messageId }
          : {
              type: 'receipt_failed',
              messageId: receipt.messageId,
              ...(receipt.providerReason === undefined ? {} : { providerReason: receipt.providerReason }),
            },
        deps.clock.now(),
      );
      recorded++;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      ignored++;
    }
  }
  if (receipts.length > 0) deps.logger.info('delivery receipts', { recorded, ignored });
  return { recorded, ignored };
}

/** The local outbox's simulated receipts whose moment has come, through the same use case as SNS's. */
export async function processOutboxReceipts(
  deps: ReceiptDeps & { sending: Pick<SendingDeps, 'outbox'> },
  limit = 500,
): Promise<ReceiptReport> {
  const outbox = deps.sending.outbox;
  if (outbox === undefined) return { recorded: 0, ignored: 0 };
  const due = await outbox.takeDueReceipts(deps.clock.now(), limit);
  return recordDeliveryReceipts(deps, due);
}

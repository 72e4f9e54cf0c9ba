import { DynamoRecipientStore } from '../adapters/dynamodb/recipient-store.js';
import { parseSmsDeliveryStatusEventDetailed } from '../adapters/sns/delivery-status-log.js';
import { type ReceiptDeps, recordDeliveryReceipts } from '../app/delivery-status.js';
import type { Config } from '../config.js';
import { awsRuntime, awsTables } from './aws.js';

/** The delivery-status function holds the recipients table alone: receipts find their recipient by message id. */
export async function buildDeliveryStatusDeps(config: Config): Promise<ReceiptDeps> {
  const { clock, logger } = awsRuntime(config);
  return { clock, logger, recipients: new DynamoRecipientStore(awsTables(config)('recipients')) };
}

/** A CloudWatch Logs subscription batch of SNS SMS delivery logs → receipts by message id (no number read). */
export async function handleDeliveryStatusEvent(deps: ReceiptDeps, event: unknown) {
  const { receipts, skipped } = parseSmsDeliveryStatusEventDetailed(event);
  return { ...(await recordDeliveryReceipts(deps, receipts)), skipped };
}

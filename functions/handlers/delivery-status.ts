import { parseSmsDeliveryStatusEventDetailed } from '../adapters/sns/delivery-status-log.js';
import { recordDeliveryReceipts } from '../app/delivery-status.js';
import type { AppDeps } from '../app/deps.js';
import { parseConfig } from '../config.js';
import { awsDeps } from '../deps.js';

/** A CloudWatch Logs subscription batch of SNS SMS delivery logs → receipts by message id (no number read). */
export async function handleDeliveryStatusEvent(deps: AppDeps, event: unknown) {
  const { receipts, skipped } = parseSmsDeliveryStatusEventDetailed(event);
  return { ...(await recordDeliveryReceipts(deps, receipts)), skipped };
}

let deps: Promise<AppDeps> | undefined;
/** Wired at the first invocation, not at import, so tests can import the event handling alone. */
function wired(): Promise<AppDeps> {
  deps ??= awsDeps(parseConfig(process.env));
  return deps;
}
export const handler = async (event: unknown) => handleDeliveryStatusEvent(await wired(), event);

import { parseConfig } from '../config.js';
import { buildDeliveryStatusDeps, handleDeliveryStatusEvent } from '../wiring/delivery-status.js';
import { lazyStart } from '../wiring/lazy-start.js';

/** SNS SMS delivery logs, through a CloudWatch Logs subscription: receipts by message id. */
const deps = lazyStart(() => buildDeliveryStatusDeps(parseConfig(process.env)));
export const handler = async (event: unknown) => handleDeliveryStatusEvent(await deps(), event);

import { parseConfig } from '../config.js';
import { buildDispatcherDeps, runScheduledDispatch } from '../wiring/dispatcher.js';
import { lazyStart } from '../wiring/lazy-start.js';

/** EventBridge Scheduler invokes this every minute; each run sends for the minute and publishes its lag. */
const deps = lazyStart(() => buildDispatcherDeps(parseConfig(process.env)));
export const handler = async (_event: unknown, context: { awsRequestId: string }) =>
  runScheduledDispatch(await deps(), context.awsRequestId);

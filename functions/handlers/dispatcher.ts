import type { AppDeps } from '../app/deps.js';
import { runDispatcher } from '../app/dispatch.js';
import { parseConfig } from '../config.js';
import { awsDeps } from '../deps.js';

let deps: Promise<AppDeps> | undefined;
/** Wired at the first invocation, not at import, so tests can import the event handling alone. */
function wired(): Promise<AppDeps> {
  deps ??= awsDeps(parseConfig(process.env));
  return deps;
}

/** EventBridge Scheduler invokes this every minute; it sends for up to 50 s, well inside the function's timeout. */
export const handler = async (_event: unknown, context: { awsRequestId: string }) =>
  runDispatcher(await wired(), {
    dispatcherId: `lambda-${context.awsRequestId}`,
    runForMs: 50_000,
  });

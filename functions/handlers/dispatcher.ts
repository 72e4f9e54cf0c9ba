import { createPowertoolsMetrics, DISPATCH_LAG_SECONDS } from '../adapters/metrics/metrics.js';
import { createSnsClient } from '../adapters/sns/sns-client.js';
import { SnsSmsGateway } from '../adapters/sns/sns-sms-gateway.js';
import type { AppDeps } from '../app/deps.js';
import { runDispatcherExclusively, SCHEDULED_DISPATCH } from '../app/dispatch.js';
import { dispatchLagSeconds } from '../app/dispatch-lag.js';
import { parseConfig } from '../config.js';
import { awsDeps } from '../deps.js';

const config = parseConfig(process.env);
let deps: Promise<AppDeps> | undefined;
/** Wired at the first invocation, not at import, so tests can import the event handling alone. */
function wired(): Promise<AppDeps> {
  deps ??= awsDeps(config, { sms: new SnsSmsGateway(createSnsClient({ region: config.AWS_REGION })) });
  return deps;
}

/**
 * EventBridge Scheduler invokes this every minute; it sends until the next minute's run takes over (that run
 * waits for this one's lease), so the campaign's rate holds across runs, then publishes how far it is behind
 * (the dispatcher-lag alarm's metric).
 */
export const handler = async (_event: unknown, context: { awsRequestId: string }) => {
  const app = await wired();
  const report = await runDispatcherExclusively(app, {
    dispatcherId: `lambda-${context.awsRequestId}`,
    runForMs: SCHEDULED_DISPATCH.runForMs,
    waitForLeaseMs: SCHEDULED_DISPATCH.waitForLeaseMs,
  });
  const metrics = createPowertoolsMetrics({
    namespace: config.POWERTOOLS_METRICS_NAMESPACE ?? 'Perspectief',
    service: 'perspectief',
  });
  metrics.seconds(DISPATCH_LAG_SECONDS, await dispatchLagSeconds(app));
  metrics.flush();
  return report ?? { skipped: 'another dispatcher run holds the lease' };
};

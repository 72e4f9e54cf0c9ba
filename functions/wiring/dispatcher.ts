import { DynamoApprovalRecordStore } from '../adapters/dynamodb/approval-record-store.js';
import { DynamoAuditStore } from '../adapters/dynamodb/audit-store.js';
import { DynamoCampaignStore } from '../adapters/dynamodb/campaign-store.js';
import { DynamoHashListStore } from '../adapters/dynamodb/hash-list-store.js';
import { DynamoRecipientStore } from '../adapters/dynamodb/recipient-store.js';
import { DynamoSettingsStore } from '../adapters/dynamodb/settings-store.js';
import { createPowertoolsMetrics, DISPATCH_LAG_SECONDS } from '../adapters/metrics/metrics.js';
import { createSnsClient } from '../adapters/sns/sns-client.js';
import { SnsSmsGateway } from '../adapters/sns/sns-sms-gateway.js';
import {
  type DispatchDeps,
  type DispatchReport,
  runDispatcherExclusively,
  SCHEDULED_DISPATCH,
} from '../app/dispatch.js';
import { type DispatchLagDeps, dispatchLagSeconds } from '../app/dispatch-lag.js';
import type { Config } from '../config.js';
import { awsRuntime, awsSecrets, awsTables } from './aws.js';
import { publicBase, sendingRecords } from './stores.js';

/** What the dispatcher function holds: the engine's stores, the SNS gateway, and where it publishes its lag. */
export type DispatcherDeps = DispatchDeps & DispatchLagDeps & { metricsNamespace: string };

/** The dispatcher function's dependencies: only its bundle loads the SNS client. */
export async function buildDispatcherDeps(config: Config): Promise<DispatcherDeps> {
  const runtime = awsRuntime(config);
  const table = awsTables(config);
  const main = table('main');
  return {
    ...runtime,
    secrets: await awsSecrets(config),
    settings: new DynamoSettingsStore(main),
    campaigns: new DynamoCampaignStore(main),
    approvals: new DynamoApprovalRecordStore(main),
    audit: new DynamoAuditStore(table('audit'), runtime.ids),
    recipients: new DynamoRecipientStore(table('recipients')),
    hashLists: new DynamoHashListStore(table('hashes')),
    sending: {
      gateway: new SnsSmsGateway(createSnsClient({ region: config.AWS_REGION })),
      ...sendingRecords(main),
      publicBaseUrl: publicBase(config.PERSPECTIEF_PUBLIC_URL ?? ''),
    },
    metricsNamespace: config.POWERTOOLS_METRICS_NAMESPACE ?? 'Perspectief',
  };
}

/**
 * One scheduled run: EventBridge Scheduler invokes the function every minute; it sends until the next
 * minute's run takes over (that run waits for this one's lease), so the campaign's rate holds across runs,
 * then publishes how far it is behind (the dispatcher-lag alarm's metric).
 */
export async function runScheduledDispatch(
  deps: DispatcherDeps,
  requestId: string,
): Promise<DispatchReport | { skipped: string }> {
  const report = await runDispatcherExclusively(deps, {
    dispatcherId: `lambda-${requestId}`,
    runForMs: SCHEDULED_DISPATCH.runForMs,
    waitForLeaseMs: SCHEDULED_DISPATCH.waitForLeaseMs,
  });
  const metrics = createPowertoolsMetrics({ namespace: deps.metricsNamespace, service: 'perspectief' });
  metrics.seconds(DISPATCH_LAG_SECONDS, await dispatchLagSeconds(deps));
  metrics.flush();
  return report ?? { skipped: 'another dispatcher run holds the lease' };
}

import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoAuditStore } from './adapters/dynamodb/audit-store.js';
import { createDocumentClient } from './adapters/dynamodb/client.js';
import { DynamoLoginThrottleStore, DynamoSessionStore } from './adapters/dynamodb/session-store.js';
import { DynamoSettingsStore } from './adapters/dynamodb/settings-store.js';
import { DynamoTable } from './adapters/dynamodb/table.js';
import type { TableNames } from './adapters/dynamodb/tables.js';
import { DynamoUserStore } from './adapters/dynamodb/user-store.js';
import { LocalAuth } from './adapters/local-auth/local-auth.js';
import { createLogger } from './adapters/logger/powertools-logger.js';
import { loadSecrets } from './adapters/secrets-manager/secrets.js';
import { randomIds, systemClock } from './adapters/system/system.js';
import type { AppDeps, Secrets } from './app/deps.js';
import { type Config, requireAwsResources } from './config.js';
import type { Clock, Ids, Logger } from './core/ports.js';

export interface StoreDeps {
  doc: DynamoDBDocumentClient;
  tables: TableNames;
}

/**
 * The one place that picks adapters. Both the embedded runtime and AWS use the same DynamoDB stores; they
 * differ in endpoint, secrets and the SMS gateway.
 */
export function buildDeps(options: {
  doc: DynamoDBDocumentClient;
  tables: TableNames;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  secrets: Secrets;
}): AppDeps {
  const main = new DynamoTable(options.doc, options.tables.main);
  const users = new DynamoUserStore(main);
  return {
    clock: options.clock,
    ids: options.ids,
    logger: options.logger,
    secrets: options.secrets,
    users,
    audit: new DynamoAuditStore(new DynamoTable(options.doc, options.tables.audit), options.ids),
    auth: new LocalAuth(users),
    sessions: new DynamoSessionStore(main),
    loginThrottle: new DynamoLoginThrottleStore(main),
    settings: new DynamoSettingsStore(main),
  };
}

/** Production wiring: DynamoDB in the function's region, secrets from Secrets Manager, JSON logs. */
export async function awsDeps(config: Config): Promise<AppDeps> {
  const resources = requireAwsResources(config);
  const secrets = await loadSecrets(
    new SecretsManagerClient({ region: config.AWS_REGION }),
    resources.secrets,
  );
  return buildDeps({
    doc: createDocumentClient({ region: config.AWS_REGION }),
    tables: { ...resources.tables, outbox: '' },
    clock: systemClock,
    ids: randomIds,
    logger: createLogger({ service: 'perspectief', level: config.LOG_LEVEL }),
    secrets,
  });
}

export function localDocumentClient(endpoint: string): DynamoDBDocumentClient {
  return createDocumentClient({ region: 'eu-west-1', endpoint });
}

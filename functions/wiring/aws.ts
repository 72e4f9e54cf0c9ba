import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createDocumentClient } from '../adapters/dynamodb/client.js';
import { DynamoTable } from '../adapters/dynamodb/table.js';
import { createLogger } from '../adapters/logger/powertools-logger.js';
import { loadSecrets } from '../adapters/secrets-manager/secrets.js';
import { randomIds, systemClock } from '../adapters/system/system.js';
import type { Secrets } from '../app/deps.js';
import { awsResources, type Config } from '../config.js';
import type { Clock, Ids, Logger } from '../core/ports.js';

/** The clock, ids and JSON logs every function in AWS shares. */
export function awsRuntime(config: Config): { clock: Clock; ids: Ids; logger: Logger } {
  return {
    clock: systemClock,
    ids: randomIds,
    logger: createLogger({ service: 'perspectief', level: config.LOG_LEVEL }),
  };
}

const TABLE_VARIABLES = {
  main: 'TABLE_MAIN',
  recipients: 'TABLE_RECIPIENTS',
  audit: 'TABLE_AUDIT',
  hashes: 'TABLE_HASHES',
} as const;

export type AwsTableName = keyof typeof TABLE_VARIABLES;

/**
 * The tables the stack gave this function, by logical name. A table the function's builder asks for but the
 * stack did not grant is a deployment error: it fails the cold start and names the variable.
 */
export function awsTables(config: Config): (name: AwsTableName) => DynamoTable {
  const names = awsResources(config).tables;
  const doc = createDocumentClient({
    region: config.AWS_REGION,
    ...(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {}),
  });
  return (name) => new DynamoTable(doc, names[name] ?? notGranted(TABLE_VARIABLES[name]));
}

/**
 * The secrets the stack granted, read from Secrets Manager at cold start. A secret that was not granted fails
 * where it is first used, naming its variable: the inbound-SMS function, for one, has no session key.
 */
export async function awsSecrets(config: Config): Promise<Secrets> {
  const loaded = await loadSecrets(
    new SecretsManagerClient({ region: config.AWS_REGION }),
    awsResources(config).secrets,
  );
  return {
    get sessionKey() {
      return loaded.sessionKey ?? notGranted('SESSION_SECRET_ARN');
    },
    get hmacKey() {
      return loaded.hmacKey ?? notGranted('HMAC_SECRET_ARN');
    },
    previousHmacKeys: loaded.previousHmacKeys ?? [],
  };
}

/** A resource the function was not given: a deployment error, so it fails loudly. */
export function notGranted(variable: string): never {
  throw new Error(`This function was not given ${variable}; grant it in the CDK stack before using it`);
}

import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
} from '@aws-sdk/client-dynamodb';
import { TABLES, type TableNames } from '../adapters/dynamodb/tables.js';

const require = createRequire(import.meta.url);

interface DynaliteServer {
  listen(port: number, host: string, cb: (err?: Error) => void): void;
  close(cb: (err?: Error) => void): void;
  address(): AddressInfo | string | null;
}
type Dynalite = (options: Record<string, unknown>) => DynaliteServer;

export interface EmbeddedDynamo {
  endpoint: string;
  close(): Promise<void>;
}

/**
 * Starts dynalite (a DynamoDB-API server on LevelDB) in this process on 127.0.0.1. With `path` the data
 * survives restarts; without it the store lives in memory. The real AWS SDK talks to it over HTTP.
 */
export async function startEmbeddedDynamo(options: {
  path?: string;
  port?: number;
}): Promise<EmbeddedDynamo> {
  const dynalite = require('dynalite') as Dynalite;
  const server = dynalite({
    ...(options.path ? { path: options.path } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await new Promise<void>((resolve, reject) =>
    server.listen(options.port ?? 0, '127.0.0.1', (err) => (err ? reject(err) : resolve())),
  );
  const address = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

/** Creates every table that does not exist yet and waits until each is ACTIVE. Safe to run at every start. */
export async function ensureTables(endpoint: string, names: TableNames, region = 'eu-west-1'): Promise<void> {
  const client = new DynamoDBClient({
    region,
    endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    for (const spec of TABLES) {
      const TableName = names[spec.name];
      const attributes = new Set([spec.partitionKey, spec.sortKey]);
      for (const index of spec.indexes) {
        attributes.add(index.partitionKey);
        attributes.add(index.sortKey);
      }
      try {
        await client.send(
          new CreateTableCommand({
            TableName,
            BillingMode: 'PAY_PER_REQUEST',
            AttributeDefinitions: [...attributes].map((AttributeName) => ({
              AttributeName,
              AttributeType: 'S',
            })),
            KeySchema: [
              { AttributeName: spec.partitionKey, KeyType: 'HASH' },
              { AttributeName: spec.sortKey, KeyType: 'RANGE' },
            ],
            ...(spec.indexes.length > 0
              ? {
                  GlobalSecondaryIndexes: spec.indexes.map((index) => ({
                    IndexName: index.name,
                    KeySchema: [
                      { AttributeName: index.partitionKey, KeyType: 'HASH' },
                      { AttributeName: index.sortKey, KeyType: 'RANGE' },
                    ],
                    Projection: { ProjectionType: 'ALL' },
                  })),
                }
              : {}),
          }),
        );
      } catch (error) {
        if (!(error instanceof ResourceInUseException)) throw error;
      }
      for (let i = 0; i < 100; i++) {
        const out = await client.send(new DescribeTableCommand({ TableName }));
        if (out.Table?.TableStatus === 'ACTIVE') break;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  } finally {
    client.destroy();
  }
}

import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { localTableNames } from '../adapters/dynamodb/tables.js';
import { createLogger } from '../adapters/logger/powertools-logger.js';
import { loadOrCreateLocalSecrets } from '../adapters/system/local-secrets.js';
import { randomIds, systemClock } from '../adapters/system/system.js';
import type { AppDeps } from '../app/deps.js';
import type { Clock, Logger } from '../core/ports.js';
import { buildDeps, localDocumentClient } from '../deps.js';
import { ensureTables, startEmbeddedDynamo } from './dynamo-server.js';

export interface LocalRuntime {
  deps: AppDeps;
  dataDir: string | undefined;
  endpoint: string;
  close(): Promise<void>;
}

/**
 * Starts the embedded store and builds the same dependencies AWS uses, pointed at it. `dataDir` undefined
 * means an ephemeral in-memory store (`--memory`, tests).
 */
export async function startLocalRuntime(options: {
  dataDir?: string;
  clock?: Clock;
  logger?: Logger;
  logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
}): Promise<LocalRuntime> {
  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  if (dataDir) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const dynamo = await startEmbeddedDynamo(dataDir ? { path: join(dataDir, 'db') } : {});
  const tables = localTableNames('perspectief-');
  await ensureTables(dynamo.endpoint, tables);
  const doc = localDocumentClient(dynamo.endpoint);
  const deps = buildDeps({
    doc,
    tables,
    clock: options.clock ?? systemClock,
    ids: randomIds,
    logger:
      options.logger ?? createLogger({ service: 'perspectief-local', level: options.logLevel ?? 'WARN' }),
    secrets: loadOrCreateLocalSecrets(dataDir),
  });
  return {
    deps,
    dataDir,
    endpoint: dynamo.endpoint,
    close: async () => {
      doc.destroy();
      await dynamo.close();
    },
  };
}

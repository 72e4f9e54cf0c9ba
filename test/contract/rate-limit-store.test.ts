import { DynamoRateLimitStore } from '../../functions/adapters/dynamodb/rate-limit-store.js';
import { DynamoTable } from '../../functions/adapters/dynamodb/table.js';
import { localTableNames } from '../../functions/adapters/dynamodb/tables.js';
import { MemoryRateLimitStore } from '../../functions/adapters/memory/rate-limit-store.js';
import { ensureTables, startEmbeddedDynamo } from '../../functions/local/dynamo-server.js';
import { localDocumentClient } from '../../functions/wiring/local.js';
import { rateLimitStoreContract } from './rate-limit-store.contract.js';

rateLimitStoreContract('memory (one process)', async () => {
  const store = new MemoryRateLimitStore();
  return { instances: [store, store], close: async () => {} };
});

rateLimitStoreContract('dynalite (embedded default), two instances on one table', async () => {
  const server = await startEmbeddedDynamo({});
  const tables = localTableNames('contract-');
  await ensureTables(server.endpoint, tables);
  const docs = [localDocumentClient(server.endpoint), localDocumentClient(server.endpoint)];
  return {
    instances: [
      new DynamoRateLimitStore(new DynamoTable(docs[0]!, tables.main)),
      new DynamoRateLimitStore(new DynamoTable(docs[1]!, tables.main)),
    ],
    close: async () => {
      for (const doc of docs) doc.destroy();
      await server.close();
    },
  };
});

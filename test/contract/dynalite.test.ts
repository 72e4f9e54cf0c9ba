import { localTableNames } from '../../functions/adapters/dynamodb/tables.js';
import { localDocumentClient } from '../../functions/deps.js';
import { ensureTables, startEmbeddedDynamo } from '../../functions/local/dynamo-server.js';
import { storeContract } from './stores.contract.js';

storeContract('dynalite (embedded default)', async () => {
  const server = await startEmbeddedDynamo({});
  const tables = localTableNames('contract-');
  await ensureTables(server.endpoint, tables);
  const doc = localDocumentClient(server.endpoint);
  return {
    doc,
    tables,
    close: async () => {
      doc.destroy();
      await server.close();
    },
  };
});

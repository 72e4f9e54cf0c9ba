import { localTableNames } from '../../functions/adapters/dynamodb/tables.js';
import { ensureTables, startEmbeddedDynamo } from '../../functions/local/dynamo-server.js';
import { localDocumentClient } from '../../functions/wiring/local.js';
import { campaignStoreContract } from './campaign-store.contract.js';
import { jobStoreContract } from './job-store.contract.js';
import { letterStoresContract } from './letter-stores.contract.js';
import { purgeStoresContract } from './purge-stores.contract.js';
import { sendingStoresContract } from './sending-stores.contract.js';
import { storeContract } from './stores.contract.js';
import { testSmsStoreContract } from './test-sms-store.contract.js';

async function dynalite() {
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
}

storeContract('dynalite (embedded default)', dynalite);
letterStoresContract('dynalite (embedded default)', dynalite);
jobStoreContract('dynalite (embedded default)', dynalite);
campaignStoreContract('dynalite (embedded default)', dynalite);
sendingStoresContract('dynalite (embedded default)', dynalite);
testSmsStoreContract('dynalite (embedded default)', dynalite);
purgeStoresContract('dynalite (embedded default)', dynalite);

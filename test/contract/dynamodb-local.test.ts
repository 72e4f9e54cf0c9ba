import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';
import { localTableNames } from '../../functions/adapters/dynamodb/tables.js';
import { ensureTables } from '../../functions/local/dynamo-server.js';
import { localDocumentClient } from '../../functions/wiring/local.js';
import { required } from '../fixtures/required.js';
import { campaignStoreContract } from './campaign-store.contract.js';
import { jobStoreContract } from './job-store.contract.js';
import { letterStoresContract } from './letter-stores.contract.js';
import { purgeStoresContract } from './purge-stores.contract.js';
import { sendingStoresContract } from './sending-stores.contract.js';
import { storeContract } from './stores.contract.js';
import { testSmsStoreContract } from './test-sms-store.contract.js';

/**
 * The same contract against AWS's own emulator, DynamoDB Local. `.ci/run` starts its jar and sets
 * DDB_LOCAL_ENDPOINT; on a machine without Java and the jar this file has no server to talk to, and with
 * CI=true that fails the run.
 */
const endpoint = process.env.DDB_LOCAL_ENDPOINT;

describe.runIf(required(endpoint !== undefined, 'DynamoDB Local (DDB_LOCAL_ENDPOINT, started by .ci/run)'))(
  'DynamoDB Local',
  () => {
    const connect = async () => {
      const tables = localTableNames(`c${randomBytes(4).toString('hex')}-`);
      await ensureTables(endpoint!, tables);
      const doc = localDocumentClient(endpoint!);
      return { doc, tables, close: async () => doc.destroy() };
    };
    storeContract('DynamoDB Local', connect);
    letterStoresContract('DynamoDB Local', connect);
    jobStoreContract('DynamoDB Local', connect);
    campaignStoreContract('DynamoDB Local', connect);
    sendingStoresContract('DynamoDB Local', connect);
    testSmsStoreContract('DynamoDB Local', connect);
    purgeStoresContract('DynamoDB Local', connect);
  },
);

import { DynamoOutboxStore } from '../../functions/adapters/dynamodb/outbox-store.js';
import { DynamoTable } from '../../functions/adapters/dynamodb/table.js';
import { localTableNames } from '../../functions/adapters/dynamodb/tables.js';
import { OutboxSmsGateway } from '../../functions/adapters/outbox/outbox-sms-gateway.js';
import { DEFAULT_OUTBOX_SETTINGS } from '../../functions/core/sending/ports.js';
import { ensureTables, startEmbeddedDynamo } from '../../functions/local/dynamo-server.js';
import { localDocumentClient } from '../../functions/wiring/local.js';
import { manualClock, sequentialIds } from '../fixtures/builders.js';
import { smsGatewayContract } from './sms-gateway.contract.js';

/** The local outbox (the embedded runtime's SMS provider) on dynalite, against the SmsGateway contract. */
smsGatewayContract('the local outbox', async () => {
  const server = await startEmbeddedDynamo({});
  const tables = localTableNames('outbox-contract-');
  await ensureTables(server.endpoint, tables);
  const doc = localDocumentClient(server.endpoint);
  const store = new DynamoOutboxStore(new DynamoTable(doc, tables.outbox));
  // Every reading moves the clock on, so the outbox's time order is the order of sending.
  const clock = manualClock();
  const ticking = {
    now: () => {
      clock.advance(1);
      return clock.now();
    },
  };
  const gateway = new OutboxSmsGateway(store, {
    clock: ticking,
    ids: sequentialIds('sms'),
    random: () => 0.5,
  });
  return {
    gateway,
    received: async () =>
      (await store.list()).reverse().map(({ to, body, messageId }) => ({ to, body, messageId })),
    throttle: async (on) => gateway.configure({ ...DEFAULT_OUTBOX_SETTINGS, throttleShare: on ? 1 : 0 }),
    malformedRequests: async () => 0,
    close: async () => {
      doc.destroy();
      await server.close();
    },
  };
});

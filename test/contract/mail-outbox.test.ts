import { DynamoMailOutboxStore } from '../../functions/adapters/dynamodb/mail-outbox-store.js';
import { DynamoTable } from '../../functions/adapters/dynamodb/table.js';
import { localTableNames } from '../../functions/adapters/dynamodb/tables.js';
import { OutboxMailer } from '../../functions/adapters/outbox/outbox-mailer.js';
import { ensureTables, startEmbeddedDynamo } from '../../functions/local/dynamo-server.js';
import { localDocumentClient } from '../../functions/wiring/local.js';
import { manualClock, sequentialIds } from '../fixtures/builders.js';
import { mailerContract } from './mailer.contract.js';

/** The local mail outbox (the embedded default's mail provider) on dynalite, against the Mailer contract. */
mailerContract(
  'the local mail outbox',
  async () => {
    const server = await startEmbeddedDynamo({});
    const tables = localTableNames('mail-contract-');
    await ensureTables(server.endpoint, tables);
    const doc = localDocumentClient(server.endpoint);
    const clock = manualClock();
    const ticking = {
      now: () => {
        const now = clock.now();
        clock.advance(1);
        return now;
      },
    };
    const mailer = new OutboxMailer(new DynamoMailOutboxStore(new DynamoTable(doc, tables.outbox)), {
      clock: ticking,
      ids: sequentialIds('mail'),
      from: 'perspectief@localhost',
    });
    return {
      mailer,
      received: async () =>
        (await mailer.list(Number.POSITIVE_INFINITY))
          .reverse()
          .map(({ to, subject, text, messageId }) => ({ to, subject, text, messageId })),
      malformedRequests: async () => 0,
      close: async () => {
        doc.destroy();
        await server.close();
      },
    };
  },
  { verifiesSenders: false, throttles: false },
);

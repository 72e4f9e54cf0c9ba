import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { AddressIndex } from '../functions/adapters/bag-file/address-index.js';
import { ChromiumPdfRenderer } from '../functions/adapters/chromium-pdf/chromium-pdf-renderer.js';
import { DynamoTable } from '../functions/adapters/dynamodb/table.js';
import { localTableNames } from '../functions/adapters/dynamodb/tables.js';
import { randomIds } from '../functions/adapters/system/system.js';
import type { AppDeps } from '../functions/app/deps.js';
import { runDispatcher } from '../functions/app/dispatch.js';
import type { SmsGateway } from '../functions/core/sending/sms-gateway.js';
import { defaultSettings } from '../functions/core/settings/settings.schema.js';
import { buildDeps, localDocumentClient } from '../functions/deps.js';
import { ensureTables, startEmbeddedDynamo } from '../functions/local/dynamo-server.js';
import { seedApprovedCampaign } from '../test/fixtures/sending-builders.js';
import type { Benchmark } from './bench.js';

const RECIPIENTS = 10_000;
const REFERENCE_UPDATES = 4_000;
const LANES = 8;
const RATE_TARGET = 50;
const RATE_SECONDS = 60;
/** A Tuesday, 10:00 in Amsterdam: inside the default send window whatever the hour of the run. */
const FAKE_START = Date.parse('2026-03-03T09:00:00.000Z');
const ALL_DAY = { start: '00:00', end: '23:59', days: [1, 2, 3, 4, 5, 6, 7], timeZone: 'Europe/Amsterdam' };

/** A provider that answers at once: what is measured is the dispatcher and the store. */
function zeroLatencyGateway(sends: number[]): SmsGateway {
  let n = 0;
  return {
    send: async () => {
      sends.push(performance.now());
      return { kind: 'accepted', messageId: `bench-${++n}` };
    },
    isOptedOut: async () => false,
  };
}

/** The raw conditional UpdateItem throughput of the same server, with as many requests in flight as the dispatcher. */
async function referenceUpdatesPerSecond(deps: AppDeps, table: DynamoTable): Promise<number> {
  const items = Array.from({ length: REFERENCE_UPDATES }, (_, i) => ({
    pk: 'CAMPAIGN#reference',
    sk: `R#${String(i).padStart(32, '0')}`,
    campaignId: 'reference',
    id: String(i).padStart(32, '0'),
    e164: `+3161${String(i).padStart(7, '0')}`,
    sources: 1,
    variantId: null,
    status: 'pending',
    statusKey: 'reference#pending',
  }));
  await table.batchWrite(items);
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await table.doc.send(
        new UpdateCommand({
          TableName: table.tableName,
          Key: { pk: item.pk, sk: item.sk },
          UpdateExpression: 'SET #s = :to, statusKey = :key',
          ConditionExpression: '#s = :from',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':to': 'claimed', ':key': 'reference#claimed', ':from': 'pending' },
        }),
      );
    }
  };
  await Promise.all(Array.from({ length: LANES }, lane));
  void deps;
  return REFERENCE_UPDATES / ((performance.now() - started) / 1000);
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

const bench: Benchmark = {
  name: 'send',
  description: `${RECIPIENTS} recipients through the dispatcher on the embedded DynamoDB with a zero-latency gateway, vs raw conditional UpdateItem; rate accuracy at ${RATE_TARGET}/s over ${RATE_SECONDS} s`,
  async run(log) {
    const server = await startEmbeddedDynamo({});
    const tables = localTableNames('bench-');
    await ensureTables(server.endpoint, tables);
    const doc = localDocumentClient(server.endpoint);
    const realStart = Date.now();
    const sends: number[] = [];
    const deps = buildDeps({
      doc,
      tables,
      clock: { now: () => new Date(FAKE_START + (Date.now() - realStart)) },
      ids: randomIds,
      logger: { debug() {}, info() {}, warn() {}, error() {} },
      secrets: { sessionKey: 'bench', hmacKey: new Uint8Array(32).fill(3) },
      addresses: new AddressIndex([]),
      pdf: new ChromiumPdfRenderer({ executablePath: '/nonexistent' }),
      sms: zeroLatencyGateway(sends),
    });
    try {
      await deps.settings.put({ ...defaultSettings('Benchstad'), maxRatePerSecond: 1000 });
      const reference = await referenceUpdatesPerSecond(deps, new DynamoTable(doc, tables.recipients));
      log(`reference: ${round(reference)} conditional UpdateItem/s (${LANES} in flight)`);

      const now = new Date(FAKE_START + (Date.now() - realStart));
      const campaign = await seedApprovedCampaign(deps, {
        recipients: RECIPIENTS,
        now,
        ratePerSecond: 1000,
        quietHours: ALL_DAY,
      });
      log(`seeded ${RECIPIENTS} approved recipients`);
      const started = performance.now();
      await runDispatcher(deps, {
        dispatcherId: 'bench',
        runForMs: 170_000,
        campaignIds: [campaign.id],
        lanes: LANES,
        maxBatch: 200,
      });
      const seconds = (performance.now() - started) / 1000;
      const sent = (await deps.recipients.countByStatus(campaign.id, ['sent'])).sent;
      const msgsPerSecond = sent / seconds;
      log(`dispatcher: ${sent} sent in ${round(seconds, 2)} s = ${round(msgsPerSecond)} messages/s`);

      sends.length = 0;
      const rated = await seedApprovedCampaign(deps, {
        recipients: RATE_TARGET * RATE_SECONDS + 500,
        now: new Date(FAKE_START + (Date.now() - realStart)),
        ratePerSecond: RATE_TARGET,
        quietHours: ALL_DAY,
      });
      await runDispatcher(deps, {
        dispatcherId: 'bench-rate',
        runForMs: RATE_SECONDS * 1000,
        campaignIds: [rated.id],
        lanes: LANES,
      });
      const first = sends[0] ?? 0;
      const inWindow = sends.filter((t) => t - first < RATE_SECONDS * 1000);
      const achieved = (inWindow.length - 1) / ((inWindow[inWindow.length - 1]! - first) / 1000);
      const errorPct = ((achieved - RATE_TARGET) / RATE_TARGET) * 100;
      log(`rate: ${round(achieved, 2)}/s against ${RATE_TARGET}/s (${round(errorPct, 2)} %)`);
      return {
        bench: 'send',
        msgs_per_s: round(msgsPerSecond),
        reference_updates_per_s: round(reference),
        ratio: round(msgsPerSecond / reference, 2),
        rate_target: RATE_TARGET,
        rate_achieved: round(achieved, 2),
        rate_error_pct: round(errorPct, 2),
      };
    } finally {
      doc.destroy();
      await server.close();
    }
  },
};

export default bench;

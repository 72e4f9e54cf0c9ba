/**
 * One dispatcher process of the chaos test: the real dispatcher and the local outbox gateway with faults,
 * against the test's dynalite server, on a fake clock that runs `SPEED` times faster than real time from
 * `FAKE_START` (shared by every child, so they agree on the time). It loops until it is killed.
 */
import { AddressIndex } from '../../functions/adapters/bag-file/address-index.js';
import { ChromiumPdfRenderer } from '../../functions/adapters/chromium-pdf/chromium-pdf-renderer.js';
import { DynamoOutboxStore } from '../../functions/adapters/dynamodb/outbox-store.js';
import { DynamoTable } from '../../functions/adapters/dynamodb/table.js';
import { localTableNames } from '../../functions/adapters/dynamodb/tables.js';
import { OutboxSmsGateway } from '../../functions/adapters/outbox/outbox-sms-gateway.js';
import { randomIds } from '../../functions/adapters/system/system.js';
import { runDispatcher } from '../../functions/app/dispatch.js';
import { buildDeps, localDocumentClient } from '../../functions/deps.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`missing ${name}`);
  return value;
};

const speed = Number(env('SPEED'));
const fakeStart = Number(env('FAKE_START'));
const realStart = Number(env('REAL_START'));
const clock = { now: () => new Date(fakeStart + (Date.now() - realStart) * speed) };
const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));
const fakeSleep = (fakeMs: number) => realSleep(fakeMs / speed);
const doc = localDocumentClient(env('ENDPOINT'));
const tables = localTableNames(env('TABLE_PREFIX'));
const gateway = new OutboxSmsGateway(new DynamoOutboxStore(new DynamoTable(doc, tables.outbox)), {
  clock,
  ids: randomIds,
  sleep: realSleep,
  settings: {
    simulateReceipts: false,
    throttleShare: 0.3,
    permanentShare: 0.02,
    hangShare: 0.01,
    hangMs: 400,
  },
});
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const deps = buildDeps({
  doc,
  tables,
  clock,
  ids: randomIds,
  logger: quiet,
  secrets: { sessionKey: 'chaos', hmacKey: Buffer.from(env('HMAC_KEY'), 'hex') },
  addresses: new AddressIndex([]),
  pdf: new ChromiumPdfRenderer({ executablePath: '/nonexistent' }),
  sms: gateway,
});

const real = (ms: number) => ms * speed;
for (;;) {
  await runDispatcher(deps, {
    dispatcherId: `${env('DISPATCHER_ID')}-${randomIds.next().slice(0, 8)}`,
    runForMs: real(30_000),
    sleep: fakeSleep,
    leaseMs: real(2_500),
    sendTimeoutMs: real(150),
    windowGuardMs: real(250),
    idleMs: real(50),
    retryPolicy: {
      maxAttempts: 4,
      baseDelayMs: Math.max(1, Math.round(real(2))),
      maxDelayMs: Math.round(real(20)),
    },
  });
  process.stdout.write('run\n');
}

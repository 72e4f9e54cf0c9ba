/**
 * One dispatcher process of the chaos test: the leased runner the scheduled handler uses
 * (`runDispatcherExclusively`) and the local outbox gateway with faults, against the test's dynalite server, on
 * a fake clock that runs `SPEED` times faster than real time from `FAKE_START` (shared by every child, so they
 * agree on the time and on when a dead run's lease ends). It loops until it is killed.
 *
 * With `CRASH_AFTER=n` (n > 0) the process kills itself right after the gateway accepted its n-th message and
 * before the dispatcher could record the outcome: the crash window, hit on purpose.
 */
import { AddressIndex } from '../../functions/adapters/bag-file/address-index.js';
import { ChromiumPdfRenderer } from '../../functions/adapters/chromium-pdf/chromium-pdf-renderer.js';
import { DynamoOutboxStore } from '../../functions/adapters/dynamodb/outbox-store.js';
import { DynamoTable } from '../../functions/adapters/dynamodb/table.js';
import { localTableNames } from '../../functions/adapters/dynamodb/tables.js';
import { OutboxSmsGateway } from '../../functions/adapters/outbox/outbox-sms-gateway.js';
import { randomIds } from '../../functions/adapters/system/system.js';
import { runDispatcherExclusively } from '../../functions/app/dispatch.js';
import type { GatewayOutcome, SmsMessage } from '../../functions/core/sending/sms-gateway.js';
import { buildLocalDeps, localDocumentClient } from '../../functions/wiring/local.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`missing ${name}`);
  return value;
};

const speed = Number(env('SPEED'));
const fakeStart = Number(env('FAKE_START'));
const realStart = Number(env('REAL_START'));
const crashAfter = Number(process.env.CRASH_AFTER ?? '0');
const clock = { now: () => new Date(fakeStart + (Date.now() - realStart) * speed) };
const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));
const fakeSleep = (fakeMs: number) => realSleep(fakeMs / speed);
const doc = localDocumentClient(env('ENDPOINT'));
const tables = localTableNames(env('TABLE_PREFIX'));

/** The outbox gateway, and a process that dies between the gateway's acceptance and the dispatcher's record. */
class CrashingOutboxGateway extends OutboxSmsGateway {
  #accepted = 0;

  override async send(message: SmsMessage): Promise<GatewayOutcome> {
    const outcome = await super.send(message);
    if (outcome.kind === 'accepted' && crashAfter > 0 && ++this.#accepted === crashAfter) {
      process.kill(process.pid, 'SIGKILL');
      await new Promise<never>(() => {});
    }
    return outcome;
  }
}

const gateway = new CrashingOutboxGateway(new DynamoOutboxStore(new DynamoTable(doc, tables.outbox)), {
  clock,
  ids: randomIds,
  sleep: realSleep,
  settings: {
    simulateReceipts: false,
    throttleShare: 0.3,
    permanentShare: 0.02,
    hangShare: 0.01,
    hangMs: 300,
  },
});
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const deps = buildLocalDeps({
  doc,
  tables,
  clock,
  ids: randomIds,
  logger: quiet,
  secrets: { sessionKey: 'chaos', hmacKey: Buffer.from(env('HMAC_KEY'), 'hex') },
  addresses: new AddressIndex([]),
  pdf: new ChromiumPdfRenderer({ executablePath: '/nonexistent' }),
  sms: gateway,
}).deps;

const real = (ms: number) => ms * speed;
for (;;) {
  const report = await runDispatcherExclusively(deps, {
    dispatcherId: `${env('DISPATCHER_ID')}-${randomIds.next().slice(0, 8)}`,
    runForMs: real(1_500),
    sleep: fakeSleep,
    leaseMs: real(1_000),
    sendTimeoutMs: real(1_000),
    windowGuardMs: real(250),
    idleMs: real(50),
    retryPolicy: {
      maxAttempts: 4,
      baseDelayMs: Math.max(1, Math.round(real(2))),
      maxDelayMs: Math.round(real(20)),
    },
  });
  // Another run holds the lease (a live one, or a killed one's until it ends): ask again shortly.
  if (report === undefined) await realSleep(25);
}

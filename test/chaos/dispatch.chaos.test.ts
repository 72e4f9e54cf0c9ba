import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddressIndex } from '../../functions/adapters/bag-file/address-index.js';
import { ChromiumPdfRenderer } from '../../functions/adapters/chromium-pdf/chromium-pdf-renderer.js';
import { DynamoOutboxStore } from '../../functions/adapters/dynamodb/outbox-store.js';
import { DynamoTable } from '../../functions/adapters/dynamodb/table.js';
import { localTableNames } from '../../functions/adapters/dynamodb/tables.js';
import { randomIds } from '../../functions/adapters/system/system.js';
import type { AppDeps } from '../../functions/app/deps.js';
import { keyedHasher } from '../../functions/core/contacts/fingerprint.js';
import { isTerminalStatus } from '../../functions/core/sending/recipient-status.js';
import { defaultSettings } from '../../functions/core/settings/settings.schema.js';
import { ensureTables } from '../../functions/local/dynamo-server.js';
import { buildLocalDeps, localDocumentClient } from '../../functions/wiring/local.js';
import { seedApprovedCampaign } from '../fixtures/sending-builders.js';

const RECIPIENTS = 400;
/** Kills and crashes in all; each one waits for the gateway's record to grow, never for a time. */
const EVENTS = 10;
/** Fake milliseconds per real millisecond: leases of killed runs end within a second or two. */
const SPEED = 50;
/**
 * A Tuesday at 10:00 in Amsterdam: the send window (06:30–23:00) stays open for hours of real time, so the
 * window's edges play no part here (they depend on how fast the machine is; the dispatcher tests cover them).
 */
const FAKE_START = Date.parse('2026-03-03T09:00:00.000Z');
const QUIET_HOURS = {
  start: '06:30',
  end: '23:00',
  days: [1, 2, 3, 4, 5, 6, 7],
  timeZone: 'Europe/Amsterdam',
};
/** Only a bound against a hung test: every step waits for an event, however slow the machine is. */
const SETTLE_TIMEOUT_MS = 900_000;
const STALE_REASON = 'claim abandoned by a dispatcher that stopped';
const ROOT = new URL('../../', import.meta.url).pathname;
/** Bundled once, so a restarted dispatcher is up in a fraction of a second (inside the repository to find node_modules). */
const CHILD = `${ROOT}node_modules/.cache/perspectief-chaos/dispatcher-child.mjs`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A seeded generator, so a failing run can be repeated with the same kill moments. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('chaos: dispatchers killed and restarted while the gateway throttles, fails and hangs', () => {
  let dynalite: ChildProcess;
  let deps: AppDeps;
  let endpoint: string;
  const prefix = `chaos${randomBytes(3).toString('hex')}-`;
  const hmacKey = randomBytes(32);
  let realStart = Date.now();

  beforeAll(async () => {
    mkdirSync(`${ROOT}node_modules/.cache/perspectief-chaos`, { recursive: true });
    await build({
      entryPoints: [`${ROOT}test/chaos/dispatcher-child.ts`],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile: CHILD,
      logLevel: 'silent',
    });
    const port = await freePort();
    dynalite = spawn(
      process.execPath,
      [
        `${ROOT}node_modules/dynalite/cli.js`,
        '--port',
        String(port),
        '--host',
        '127.0.0.1',
        '--createTableMs',
        '0',
      ],
      {
        stdio: 'ignore',
      },
    );
    endpoint = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100; i++) {
      try {
        await fetch(endpoint, { method: 'POST' });
        break;
      } catch {
        await sleep(100);
      }
    }
    const tables = localTableNames(prefix);
    await ensureTables(endpoint, tables);
    const clock = { now: () => new Date(FAKE_START + (Date.now() - realStart) * SPEED) };
    deps = buildLocalDeps({
      doc: localDocumentClient(endpoint),
      tables,
      clock,
      ids: randomIds,
      logger: { debug() {}, info() {}, warn() {}, error() {} },
      secrets: { sessionKey: 'chaos', hmacKey },
      addresses: new AddressIndex([]),
      pdf: new ChromiumPdfRenderer({ executablePath: '/nonexistent' }),
    }).deps;
    await deps.settings.put({ ...defaultSettings('Chaosstad'), maxRatePerSecond: 1000 });
    realStart = Date.now();
  }, 60_000);

  afterAll(() => {
    dynalite?.kill('SIGKILL');
  });

  it(
    'sends every approved number at most once and settles every recipient, with runs killed in the crash window',
    async () => {
      // Prepare
      const campaign = await seedApprovedCampaign(deps, {
        recipients: RECIPIENTS,
        now: new Date(FAKE_START - 3_600_000),
        scheduledAt: new Date(FAKE_START - 60_000),
        ratePerSecond: 1000,
        quietHours: QUIET_HOURS,
        validDays: 365,
      });
      const random = seeded(20_260_303);
      const outboxStore = new DynamoOutboxStore(
        new DynamoTable(localDocumentClient(endpoint), localTableNames(prefix).outbox),
      );
      const childEnv = (id: string, crashAfter: number) => ({
        ...process.env,
        ENDPOINT: endpoint,
        TABLE_PREFIX: prefix,
        HMAC_KEY: hmacKey.toString('hex'),
        SPEED: String(SPEED),
        FAKE_START: String(FAKE_START),
        REAL_START: String(realStart),
        DISPATCHER_ID: id,
        CRASH_AFTER: String(crashAfter),
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      });
      interface Dispatcher {
        process: ChildProcess;
        exited: boolean;
      }
      const start = (id: string, crashAfter: number): Dispatcher => {
        const child = spawn(process.execPath, [CHILD], { env: childEnv(id, crashAfter), stdio: 'ignore' });
        const d: Dispatcher = { process: child, exited: false };
        child.on('exit', () => {
          d.exited = true;
        });
        return d;
      };
      /** Half of the runs kill themselves right after the gateway accepted their n-th message. */
      const crashAfter = () => (random() < 0.5 ? 1 + Math.floor(random() * 12) : 0);
      const openCount = async () => {
        const open = await Promise.all(
          (['pending', 'claimed', 'resent'] as const).map((status) =>
            deps.recipients.listByStatus(campaign.id, status, 1),
          ),
        );
        return open.reduce((sum, list) => sum + list.length, 0);
      };
      const giveUpAt = Date.now() + SETTLE_TIMEOUT_MS;
      /** Polls until `done`; the poll interval only sets how soon the test notices, no outcome depends on it. */
      const until = async (done: () => Promise<boolean>) => {
        while (!(await done())) {
          if (Date.now() > giveUpAt) throw new Error('chaos run did not settle');
          await sleep(200);
        }
      };

      // Act: one dispatcher always, a second one half of the time. The first run dies in the crash window after
      // its third accepted message; after that, each event is either a run that crashes itself in the window or
      // a SIGKILL from here once the gateway's record has grown by a random few messages (any point of a run).
      let runs: Dispatcher[] = [start('a', 3)];
      let kills = 0;
      let crashes = 0;
      let settledEarly = false;
      while (kills + crashes < EVENTS) {
        const target = (await outboxStore.list()).length + 2 + Math.floor(random() * 15);
        await until(
          async () =>
            runs.some((r) => r.exited) ||
            (kills + crashes > 0 && (await outboxStore.list()).length >= target) ||
            (await openCount()) === 0,
        );
        const crashed = runs.filter((r) => r.exited);
        if (crashed.length > 0) {
          crashes += crashed.length;
          runs = runs.filter((r) => !r.exited);
        } else if ((await openCount()) === 0) {
          settledEarly = true;
          break;
        } else {
          const victim = runs[Math.floor(random() * runs.length)]!;
          victim.process.kill('SIGKILL');
          runs = runs.filter((r) => r !== victim);
          kills++;
        }
        if (process.env.CHAOS_VERBOSE) {
          const sent = (await outboxStore.list()).length;
          process.stderr.write(
            `${new Date().toISOString()} kills ${kills} crashes ${crashes} outbox ${sent}\n`,
          );
        }
        if (runs.length === 0) runs.push(start('a', crashAfter()));
        if (runs.length === 1 && random() < 0.5) runs.push(start('b', crashAfter()));
      }
      // Then dispatchers that no longer crash themselves finish the campaign.
      for (const r of runs) r.process.kill('SIGKILL');
      runs = [start('a', 0), start('b', 0)];
      try {
        await until(async () => (await openCount()) === 0);
      } finally {
        for (const r of runs) r.process.kill('SIGKILL');
      }

      // Assess, on the gateway's own record
      const outbox = await outboxStore.list();
      const perNumber = new Map<string, number>();
      for (const m of outbox) perNumber.set(m.to, (perNumber.get(m.to) ?? 0) + 1);
      const twice = [...perNumber.values()].filter((n) => n > 1).length;
      const counts = await deps.recipients.countByStatus(campaign.id);
      const rows = await deps.recipients.summary(campaign.id);
      const outboxIds = new Set(outbox.map((m) => m.messageId));
      const sentRecords = await deps.recipients.listByStatus(campaign.id, 'sent', RECIPIENTS);
      const unknownRecords = await deps.recipients.listByStatus(campaign.id, 'unknown', RECIPIENTS);
      const stale = new Set(
        unknownRecords
          .filter((r) => r.state.status === 'unknown' && r.state.reason === STALE_REASON)
          .map((r) => r.id),
      );
      const hash = keyedHasher(hmacKey);
      /** Accepted by the gateway, yet the run died before it recorded the outcome: the crash window. */
      const acceptedThenAbandoned = outbox.filter(
        (m) => m.outcome === 'accepted' && stale.has(hash(`recipient:${m.to}`).slice(0, 32)),
      ).length;

      expect(settledEarly).toBe(false);
      expect(crashes).toBeGreaterThan(0);
      expect(stale.size).toBeGreaterThan(0);
      expect(acceptedThenAbandoned).toBeGreaterThan(0);
      expect(twice).toBe(0);
      expect(rows).toHaveLength(RECIPIENTS);
      expect(rows.every((r) => isTerminalStatus(r.status))).toBe(true);
      expect(counts.sent + counts.failed + counts.unknown + counts.delivered).toBe(RECIPIENTS);
      expect(counts.sent).toBeGreaterThan(0);
      expect(sentRecords.every((r) => r.state.status === 'sent' && outboxIds.has(r.state.messageId))).toBe(
        true,
      );
      expect(outbox.length).toBeGreaterThanOrEqual(counts.sent);
      expect(outbox.length).toBeLessThanOrEqual(counts.sent + counts.unknown);
    },
    SETTLE_TIMEOUT_MS + 30_000,
  );
});

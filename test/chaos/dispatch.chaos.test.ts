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
import { isTerminalStatus } from '../../functions/core/sending/recipient-status.js';
import { isSendingAllowed, parseSendWindow } from '../../functions/core/sending/send-window.js';
import { defaultSettings } from '../../functions/core/settings/settings.schema.js';
import { buildDeps, localDocumentClient } from '../../functions/deps.js';
import { ensureTables } from '../../functions/local/dynamo-server.js';
import { seedApprovedCampaign } from '../fixtures/sending-builders.js';

const RECIPIENTS = 10_000;
const KILLS = 20;
/** Fake seconds per real second: an evening, a night and a morning pass within the test. */
const SPEED = 3_000;
/** A Tuesday at 22:59 in Amsterdam: the window closes a minute (fake) after the start and opens at 06:30. */
const FAKE_START = Date.parse('2026-03-03T21:59:00.000Z');
const QUIET_HOURS = {
  start: '06:30',
  end: '23:00',
  days: [1, 2, 3, 4, 5, 6, 7],
  timeZone: 'Europe/Amsterdam',
};
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
    deps = buildDeps({
      doc: localDocumentClient(endpoint),
      tables,
      clock,
      ids: randomIds,
      logger: { debug() {}, info() {}, warn() {}, error() {} },
      secrets: { sessionKey: 'chaos', hmacKey },
      addresses: new AddressIndex([]),
      pdf: new ChromiumPdfRenderer({ executablePath: '/nonexistent' }),
    });
    await deps.settings.put({ ...defaultSettings('Chaosstad'), maxRatePerSecond: 1000 });
    realStart = Date.now();
  }, 60_000);

  afterAll(() => {
    dynalite?.kill('SIGKILL');
  });

  it('sends every approved number at most once, settles every recipient, and never outside the window', async () => {
    // Prepare
    const campaign = await seedApprovedCampaign(deps, {
      recipients: RECIPIENTS,
      now: new Date(FAKE_START - 3_600_000),
      scheduledAt: new Date(FAKE_START - 60_000),
      ratePerSecond: 1000,
      quietHours: QUIET_HOURS,
      validDays: 30,
    });
    const random = seeded(20_260_303);
    const childEnv = (id: string) => ({
      ...process.env,
      ENDPOINT: endpoint,
      TABLE_PREFIX: prefix,
      HMAC_KEY: hmacKey.toString('hex'),
      SPEED: String(SPEED),
      FAKE_START: String(FAKE_START),
      REAL_START: String(realStart),
      DISPATCHER_ID: id,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    });
    const start = (id: string) =>
      spawn(process.execPath, [CHILD], {
        env: childEnv(id),
        stdio: 'ignore',
      });
    const openCount = async () => {
      const open = await Promise.all(
        (['pending', 'claimed', 'resent'] as const).map((status) =>
          deps.recipients.listByStatus(campaign.id, status, 1),
        ),
      );
      return open.reduce((sum, list) => sum + list.length, 0);
    };

    // Act: one dispatcher always, a second one half of the time; SIGKILL at random moments, then restart.
    let first = start('a');
    let second: ChildProcess | undefined;
    let kills = 0;
    const deadline = Date.now() + 270_000;
    while (kills < KILLS && Date.now() < deadline) {
      await sleep(2_000 + random() * 4_000);
      const victimIsSecond = second !== undefined && random() < 0.5;
      if (victimIsSecond) {
        second!.kill('SIGKILL');
        second = random() < 0.5 ? start('b') : undefined;
      } else {
        first.kill('SIGKILL');
        first = start('a');
        if (second === undefined && random() < 0.5) second = start('b');
      }
      kills++;
    }
    for (;;) {
      const open = await openCount();
      if (process.env.CHAOS_VERBOSE)
        process.stderr.write(`${new Date(deps.clock.now()).toISOString()} open ${open} kills ${kills}\n`);
      if (open === 0 || Date.now() >= deadline) break;
      await sleep(3_000);
    }
    first.kill('SIGKILL');
    second?.kill('SIGKILL');

    // Assess
    const outbox = await new DynamoOutboxStore(
      new DynamoTable(localDocumentClient(endpoint), localTableNames(prefix).outbox),
    ).list();
    const perNumber = new Map<string, number>();
    for (const m of outbox) perNumber.set(m.to, (perNumber.get(m.to) ?? 0) + 1);
    const twice = [...perNumber.values()].filter((n) => n > 1).length;
    const window = parseSendWindow(QUIET_HOURS);
    const outside = outbox.filter((m) => !isSendingAllowed(new Date(m.at), window)).length;
    const counts = await deps.recipients.countByStatus(campaign.id);
    const rows = await deps.recipients.summary(campaign.id);
    const outboxIds = new Set(outbox.map((m) => m.messageId));
    const sentRecords = await deps.recipients.listByStatus(campaign.id, 'sent', RECIPIENTS);

    expect(kills).toBe(KILLS);
    expect(twice).toBe(0);
    expect(outside).toBe(0);
    expect(rows).toHaveLength(RECIPIENTS);
    expect(rows.every((r) => isTerminalStatus(r.status))).toBe(true);
    expect(counts.sent + counts.failed + counts.unknown + counts.delivered).toBe(RECIPIENTS);
    expect(counts.sent).toBeGreaterThan(RECIPIENTS * 0.9);
    expect(sentRecords.every((r) => r.state.status === 'sent' && outboxIds.has(r.state.messageId))).toBe(
      true,
    );
    expect(outbox.length).toBeGreaterThanOrEqual(counts.sent);
    expect(outbox.length).toBeLessThanOrEqual(counts.sent + counts.unknown);
  }, 330_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoRateLimitStore } from '../../functions/adapters/dynamodb/rate-limit-store.js';
import { DynamoTable } from '../../functions/adapters/dynamodb/table.js';
import { localTableNames } from '../../functions/adapters/dynamodb/tables.js';
import { checkPublicLimit, type PublicLimit } from '../../functions/app/public-limits.js';
import { createApp } from '../../functions/http/app.js';
import { localDocumentClient } from '../../functions/wiring/local.js';
import { Client, type Harness, startHarness } from '../http/harness.js';

/*
 * In AWS every Lambda instance runs its own copy of the app: limits counted in one instance's memory would
 * multiply with the number of instances, and a "ceiling for everyone" would be per instance. The counters
 * live in the store, so two apps (two instances) share them.
 */

describe('public limits across instances', () => {
  let h: Harness;
  const docs: ReturnType<typeof localDocumentClient>[] = [];
  beforeAll(async () => {
    h = await startHarness();
  }, 60_000);
  afterAll(async () => {
    for (const doc of docs) doc.destroy();
    await h?.close();
  });

  function instance() {
    const doc = localDocumentClient(h.endpoint);
    docs.push(doc);
    return {
      ...h.deps,
      rateLimits: new DynamoRateLimitStore(new DynamoTable(doc, localTableNames('perspectief-').main)),
    };
  }

  it('allows one address its 10 opt-outs in all, however its posts are spread over two instances', async () => {
    // Prepare: two apps, each with its own store client, as two Lambda instances would be
    const apps = [createApp(instance(), { stylesheet: '' }), createApp(instance(), { stylesheet: '' })];
    const visitors = apps.map((app) => new Client(app));
    for (const v of visitors) await v.get('/stop');

    // Act
    const statuses: number[] = [];
    for (let i = 0; i < 16; i++) {
      const res = await visitors[i % 2]!.post('/stop', { nummer: `06${20_100_000 + i}` });
      await res.arrayBuffer();
      statuses.push(res.status);
    }

    // Assess
    expect(statuses.filter((s) => s === 303)).toHaveLength(10);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
  });

  it('holds the ceiling for everyone across instances, and one address cannot use up more than its own share', async () => {
    // Prepare
    const limit: PublicLimit = { name: 'test-ceiling', perAddress: 2, everyone: 5, windowMs: 60_000 };
    const [a, b] = [instance(), instance()];
    const outcome = async (deps: typeof a, client: string) =>
      checkPublicLimit(deps, limit, client).then(
        () => 'ok',
        (error: { userMessage?: string }) => error.userMessage ?? 'error',
      );

    // Act: one address hammers; then nine others come, alternately through each instance
    const hammer = [];
    for (let i = 0; i < 6; i++) hammer.push(await outcome(i % 2 ? a : b, '192.0.2.1'));
    const others = [];
    for (let i = 0; i < 9; i++) others.push(await outcome(i % 2 ? a : b, `192.0.2.${10 + i}`));

    // Assess
    expect(hammer.filter((o) => o === 'ok')).toHaveLength(2);
    expect(hammer.slice(2).every((o) => o.includes('te vaak achter elkaar'))).toBe(true);
    expect(others.filter((o) => o === 'ok')).toHaveLength(3);
    expect(others.slice(3).every((o) => o.includes('erg vaak gebruikt'))).toBe(true);
  });
});

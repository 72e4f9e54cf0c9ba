import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RoleSchema } from '../../functions/core/auth/roles.js';
import { accessTable } from '../../functions/http/access.js';
import { Client, type Harness, startHarness, usernameFor } from '../http/harness.js';
import { createCampaignVia, createCaseVia } from '../http/sms-support.js';

/**
 * Every state-changing route, posted an empty form and a form of nonsense by someone allowed to use it:
 * a missing or malformed field is the sender's mistake, answered with a Dutch 4xx (or a redirect that
 * re-renders the form), never a 500.
 */
describe('malformed forms on every route', () => {
  let h: Harness;
  const clients = new Map<string, Client>();
  let caseId: string;
  let campaignId: string;

  beforeAll(async () => {
    h = await startHarness();
    for (const role of RoleSchema.options) {
      const client = new Client(h.app);
      await client.login(usernameFor(role));
      clients.set(role, client);
    }
    const adviser = clients.get('adviser')!;
    caseId = await createCaseVia(adviser);
    campaignId = await createCampaignVia(adviser, caseId);
  }, 120_000);
  afterAll(async () => h.close());

  it('never answers 500', async () => {
    const posts = accessTable(h.app).filter((entry) => entry.method === 'post');
    const failures: string[] = [];
    for (const entry of posts) {
      const role =
        entry.access === 'public' || entry.access === 'authenticated' ? 'adviser' : entry.access[0]!;
      const client = clients.get(role)!;
      const path = entry.path
        .replace(':caseId', caseId)
        .replace(/:id\b/, entry.path.startsWith('/zaken') ? caseId : campaignId)
        .replace(/:[A-Za-z]+/g, 'f'.repeat(32));
      const forms: Record<string, string | string[]>[] = [
        {},
        { naam: '\u0000'.repeat(3), x: ['a', 'b'], date: 'gisteren' },
      ];
      for (const form of forms) {
        const res = await client.post(path, form);
        await res.arrayBuffer();
        if (res.status >= 500) failures.push(`${entry.path} ${JSON.stringify(form)} → ${res.status}`);
      }
    }
    expect(posts.length).toBeGreaterThan(20);
    expect(failures).toEqual([]);
    expect(h.logs.filter((line) => line.includes('"level":"ERROR"'))).toEqual([]);
  }, 300_000);
});

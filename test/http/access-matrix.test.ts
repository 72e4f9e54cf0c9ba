import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RoleSchema } from '../../functions/core/auth/roles.js';
import { accessTable } from '../../functions/http/access.js';
import { NAVIGATION, navigationFor } from '../../functions/http/views/navigation.js';
import { Client, type Harness, startHarness, usernameFor } from './harness.js';

/** Fills route parameters with a value that exists nowhere, so allowed requests reach the use case and stop there. */
function concrete(path: string): string {
  return path.replace(/:[a-zA-Z]+/g, 'onbekend0000');
}

describe('role × route matrix', () => {
  let h: Harness;
  const clients = new Map<string, Client>();
  beforeAll(async () => {
    h = await startHarness();
    for (const role of RoleSchema.options) {
      const client = new Client(h.app);
      expect((await client.login(usernameFor(role))).status).toBe(303);
      clients.set(role, client);
    }
  });
  afterAll(async () => h.close());

  it('declares an access rule for every route the app serves', () => {
    const declared = new Set(accessTable(h.app).map((e) => `${e.method.toUpperCase()} ${e.path}`));
    const served = h.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`);
    expect(served.filter((r) => !declared.has(r))).toEqual([]);
    expect(declared.size).toBeGreaterThan(8);
  });

  for (const role of RoleSchema.options) {
    it(`gives ${role} exactly the routes of its role`, async () => {
      const client = clients.get(role)!;
      const outcomes: string[] = [];
      for (const entry of accessTable(h.app)) {
        if (entry.path === '/uitloggen') continue;
        const path = concrete(entry.path);
        const res = entry.method === 'get' ? await client.get(path) : await client.post(path);
        const allowed =
          entry.access === 'public' || entry.access === 'authenticated' || entry.access.includes(role);
        const denied = res.status === 403 || (entry.access !== 'public' && res.status === 401);
        if (allowed === denied) outcomes.push(`${entry.method} ${entry.path} → ${res.status}`);
      }
      expect(outcomes).toEqual([]);
    });
  }

  it('sends anonymous visitors of protected pages to the login page, and refuses their posts', async () => {
    const anonymous = new Client(h.app);
    await anonymous.get('/inloggen');
    for (const entry of accessTable(h.app).filter((e) => e.access !== 'public')) {
      const path = concrete(entry.path);
      if (entry.method === 'get') {
        const res = await anonymous.get(path);
        expect(res.status, path).toBe(303);
        expect(res.headers.get('location'), path).toMatch(/^\/inloggen/);
      } else {
        expect((await anonymous.post(path)).status, path).toBe(401);
      }
    }
  });

  it('shows each menu entry to exactly the roles its page admits', () => {
    for (const item of NAVIGATION) {
      const entry = accessTable(h.app).find((e) => e.method === 'get' && e.path === item.href);
      expect(entry, item.href).toBeDefined();
      for (const role of RoleSchema.options) {
        const admitted =
          entry!.access === 'authenticated' || (entry!.access !== 'public' && entry!.access.includes(role));
        expect(navigationFor([role]).includes(item), `${item.href} for ${role}`).toBe(admitted);
      }
    }
  });

  it('shows a Dutch 403 page when a role opens another role’s page', async () => {
    const res = await clients.get('distributor')!.get('/beheer/gebruikers');
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Geen toegang');
  });
});

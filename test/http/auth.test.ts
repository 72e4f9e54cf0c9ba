import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, type Harness, PASSWORD, startHarness } from './harness.js';

describe('login, logout and CSRF', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  it('shows a Dutch login page to anonymous visitors and redirects them there', async () => {
    const client = new Client(h.app);
    const home = await client.get('/');
    expect(home.status).toBe(303);
    expect(home.headers.get('location')).toBe('/inloggen');
    const login = await client.get('/inloggen');
    const html = await login.text();
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain('Gebruikersnaam');
  });

  it('logs in with a signed, HttpOnly, SameSite=Strict session cookie and reaches the dashboard', async () => {
    const client = new Client(h.app);
    await client.get('/inloggen');
    const res = await client.post('/inloggen', { username: 'adviser', password: PASSWORD });
    expect(res.status).toBe(303);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('pf_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Max-Age=28800/);
    expect(cookie).not.toMatch(/Secure/);
    const dashboard = await client.get('/');
    expect(dashboard.status).toBe(200);
    expect(await dashboard.text()).toContain('Communicatieadviseur');
  });

  it('gives the same generic message for a wrong password and an unknown user', async () => {
    const client = new Client(h.app);
    await client.get('/inloggen');
    const wrong = await client.post('/inloggen', { username: 'admin', password: 'not the password' });
    const unknown = await client.post('/inloggen', { username: 'niemand', password: 'whatever whatever' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const message = 'Onjuiste gebruikersnaam of wachtwoord.';
    expect(await wrong.text()).toContain(message);
    expect(await unknown.text()).toContain(message);
  });

  it('blocks a username after five failures, even with the right password', async () => {
    const client = new Client(h.app);
    await client.get('/inloggen');
    for (let i = 0; i < 5; i++) {
      expect(
        (await client.post('/inloggen', { username: 'distributor', password: `fout ${i} fout fout` })).status,
      ).toBe(401);
    }
    const blocked = await client.post('/inloggen', { username: 'distributor', password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toContain('Te veel mislukte pogingen');
  });

  it('refuses a state-changing request without the CSRF token with 403', async () => {
    const client = new Client(h.app);
    await client.get('/inloggen');
    const res = await client.post('/inloggen', { username: 'admin', password: PASSWORD }, { csrf: false });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('beveiligingscode');
    const forged = await client.request('/inloggen', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: 'A'.repeat(32), username: 'admin', password: PASSWORD }),
    });
    expect(forged.status).toBe(403);
  });

  it('ends the session at logout so the old cookie no longer works', async () => {
    const client = new Client(h.app);
    await client.login('admin');
    expect((await client.get('/')).status).toBe(200);
    const stolen = new Client(h.app);
    stolen.adoptCookies(client);
    expect((await client.post('/uitloggen')).status).toBe(303);
    expect((await stolen.get('/')).status).toBe(303);
  });

  it('never redirects to another site after login', async () => {
    const client = new Client(h.app);
    await client.get('/inloggen');
    const res = await client.post('/inloggen', {
      username: 'admin',
      password: PASSWORD,
      volgende: '//evil.example/x',
    });
    expect(res.headers.get('location')).toBe('/');
  });

  it('does not log in a disabled user', async () => {
    const admin = new Client(h.app);
    await admin.login('admin');
    const target = await h.deps.users.findByUsername('area-manager');
    await admin.post(`/beheer/gebruikers/${target!.id}/uitschakelen`);
    const client = new Client(h.app);
    expect((await client.login('area-manager')).status).toBe(401);
    await admin.post(`/beheer/gebruikers/${target!.id}/inschakelen`);
    expect((await new Client(h.app).login('area-manager')).status).toBe(303);
  });
});

describe('error pages', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  it('answers an unknown route with a Dutch 404 page with a reference', async () => {
    const client = new Client(h.app);
    await client.login('admin');
    const res = await client.get('/bestaat/niet');
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('Pagina niet gevonden');
    expect(html).toMatch(/Referentie: <code>[0-9a-f]{32}<\/code>/);
  });

  it('shows a generic Dutch page without a stack trace on an unexpected error', async () => {
    const client = new Client(h.app);
    await client.login('admin');
    const original = h.deps.users.list.bind(h.deps.users);
    h.deps.users.list = () => Promise.reject(new Error('secret internal detail'));
    const res = await client.get('/beheer/gebruikers');
    h.deps.users.list = original;
    expect(res.status).toBe(500);
    const html = await res.text();
    expect(html).toContain('Er ging iets mis');
    expect(html).not.toContain('secret internal detail');
    // No stack frame ("at fn (file.ts:1:2)"); the menu's "Wat werkte" is not one.
    expect(html).not.toMatch(/\bat \S+ \(|\.(?:ts|tsx|js|mjs):\d+:\d+/);
    expect(h.logs.some((l) => l.includes('secret internal detail'))).toBe(true);
  });
});

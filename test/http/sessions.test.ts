import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActing } from '../../functions/app/audit.js';
import { resetPassword, setUserDisabled } from '../../functions/app/users.js';
import { Client, type Harness, startHarness } from './harness.js';

describe('sessions and cross-site requests', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  async function signedIn(username: string): Promise<Client> {
    const client = new Client(h.app);
    expect((await client.login(username)).status).toBe(303);
    expect((await client.get('/')).status).toBe(200);
    return client;
  }

  async function userId(username: string): Promise<string> {
    return (await h.deps.users.findByUsername(username))!.id;
  }

  it('ends every session of a person whose password is reset', async () => {
    // Prepare: two sessions of the same person
    const laptop = await signedIn('area-manager');
    const phone = await signedIn('area-manager');

    // Act
    await resetPassword(h.deps, systemActing('test'), await userId('area-manager'));

    // Assess
    expect((await laptop.get('/')).headers.get('location')).toBe('/inloggen');
    expect((await phone.get('/')).headers.get('location')).toBe('/inloggen');
  });

  it('does not revive the sessions of a disabled account when it is enabled again', async () => {
    // Prepare
    const distributor = await signedIn('distributor');
    const id = await userId('distributor');

    // Act
    await setUserDisabled(h.deps, systemActing('test'), id, true);
    const whileDisabled = await distributor.get('/');
    await setUserDisabled(h.deps, systemActing('test'), id, false);
    const afterEnabling = await distributor.get('/');

    // Assess
    expect(whileDisabled.status).toBe(303);
    expect(afterEnabling.status).toBe(303);
    expect(afterEnabling.headers.get('location')).toBe('/inloggen');
  });

  it('binds the CSRF token to the session and gives a new one at login', async () => {
    // Prepare
    const client = new Client(h.app);
    await client.get('/inloggen');
    const before = client.csrf;

    // Act
    await client.post('/inloggen', { username: 'adviser', password: 'correct horse battery staple' });
    const after = client.csrf;
    const withOldToken = await client.request('/zaken', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: before, name: 'X' }),
    });
    const other = await signedIn('adviser');

    // Assess
    expect(after).not.toBe(before);
    expect(withOldToken.status).toBe(403);
    expect(other.csrf).not.toBe(after);
  });

  it('refuses a state-changing request from another site, even with a valid token', async () => {
    // Prepare
    const adviser = await signedIn('adviser');
    const post = (headers: Record<string, string>) =>
      adviser.request('/zaken', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams({
          _csrf: adviser.csrf,
          name: 'Kruis',
          actionDate: '2026-03-01',
          municipality: 'Utrecht',
          areaDescription: 'Kanaleneiland-Zuid',
        }),
      });

    // Act
    const crossOrigin = await post({ origin: 'https://evil.example' });
    const crossSite = await post({ 'sec-fetch-site': 'cross-site' });
    const sameOrigin = await post({ origin: 'http://localhost', 'sec-fetch-site': 'same-origin' });
    // What a browser sends for a form under Referrer-Policy: no-referrer.
    const nullOrigin = await post({ origin: 'null', 'sec-fetch-site': 'same-origin' });
    const nullOriginCrossSite = await post({ origin: 'null', 'sec-fetch-site': 'cross-site' });

    // Assess
    expect(crossOrigin.status).toBe(403);
    expect(await crossOrigin.text()).toContain('andere website');
    expect(crossSite.status).toBe(403);
    expect(sameOrigin.status).toBe(303);
    expect(nullOrigin.status).toBe(303);
    expect(nullOriginCrossSite.status).toBe(403);
  });

  it('marks signed-in pages no-store and leaves the public stylesheet cacheable', async () => {
    const adviser = await signedIn('adviser');

    expect((await adviser.get('/zaken')).headers.get('cache-control')).toBe('private, no-store');
    expect((await adviser.get('/assets/app.css')).headers.get('cache-control')).toContain('max-age');
  });
});

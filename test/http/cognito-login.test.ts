import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CognitoLogin } from '../../functions/adapters/cognito/cognito-login.js';
import { CognitoTokenVerifier } from '../../functions/adapters/cognito/cognito-token-verifier.js';
import type { AppDeps } from '../../functions/app/deps.js';
import { defaultSettings } from '../../functions/core/settings/settings.schema.js';
import { createApp } from '../../functions/http/app.js';
import { type LocalRuntime, startLocalRuntime } from '../../functions/local/runtime.js';
import { idToken, newSigner, TEST_CLIENT, TEST_POOL } from '../fixtures/cognito-tokens.js';
import { Client } from './harness.js';

const signer = newSigner('pool-key-1');
/** What the pool's token endpoint answers per authorization code. */
const tokens = new Map<string, string>();

describe('sign-in through Cognito', () => {
  let runtime: LocalRuntime;
  let provider: Server;
  let signInUrl: string;
  let app: ReturnType<typeof createApp>;
  let deps: AppDeps;

  beforeAll(async () => {
    provider = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        const token = tokens.get(new URLSearchParams(body).get('code') ?? '');
        if (req.url !== '/oauth2/token' || !token) {
          res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"invalid_grant"}');
          return;
        }
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ id_token: token, token_type: 'Bearer' }));
      });
    });
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    signInUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
    runtime = await startLocalRuntime({});
    await runtime.deps.settings.put(defaultSettings('Teststad'));
    const verifier = new CognitoTokenVerifier({
      userPoolId: TEST_POOL,
      clientId: TEST_CLIENT,
      jwks: { keys: [signer.jwk as never] },
    });
    deps = {
      ...runtime.deps,
      externalLogin: new CognitoLogin({ signInUrl, clientId: TEST_CLIENT, verifier }),
    };
    app = createApp(deps, { stylesheet: 'body{}' });
  });
  afterAll(async () => {
    await runtime.close();
    await new Promise<void>((resolve) => provider.close(() => resolve()));
  });

  /** Starts at /inloggen and returns the state the provider would echo back. */
  async function begin(client: Client): Promise<string> {
    const res = await client.get('/inloggen?volgende=/beheer/audit');
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(`${signInUrl}/oauth2/authorize`);
    expect(location.searchParams.get('redirect_uri')).toBe('http://localhost/auth/callback');
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    return location.searchParams.get('state')!;
  }

  it('provisions the user with the roles of their groups and opens a session', async () => {
    const client = new Client(app);
    const state = await begin(client);
    tokens.set(
      'code-admin',
      idToken(signer, { sub: 'aaaa-1111', 'cognito:username': 'J.de Vries', 'cognito:groups': ['admin'] }),
    );
    const callback = await client.get(`/auth/callback?code=code-admin&state=${state}`);
    expect(callback.status).toBe(200);
    expect(await callback.text()).toContain('url=/beheer/audit');
    const user = await deps.users.get('aaaa-1111');
    expect(user).toMatchObject({ username: 'j.de-vries', roles: ['admin'], disabled: false });
    expect((await client.get('/beheer/audit')).status).toBe(200);
    const [event] = await deps.audit.list({
      months: [new Date().toISOString().slice(0, 7)],
      action: 'user.changed',
      limit: 1,
    });
    expect(event?.details.changedFields).toEqual(['provisioned', 'admin']);
  });

  it('follows role changes made at the provider at the next sign-in', async () => {
    const client = new Client(app);
    const state = await begin(client);
    tokens.set(
      'code-demoted',
      idToken(signer, {
        sub: 'aaaa-1111',
        'cognito:username': 'J.de Vries',
        'cognito:groups': ['distributor'],
      }),
    );
    expect((await client.get(`/auth/callback?code=code-demoted&state=${state}`)).status).toBe(200);
    expect((await deps.users.get('aaaa-1111'))?.roles).toEqual(['distributor']);
    expect((await client.get('/beheer/audit')).status).toBe(403);
  });

  it('refuses a callback whose state does not match the one it started with', async () => {
    const client = new Client(app);
    await begin(client);
    tokens.set('code-x', idToken(signer, { sub: 'bbbb-2222' }));
    const res = await client.get('/auth/callback?code=code-x&state=forged-state-value');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Aanmelden niet gelukt');
    expect(await deps.users.get('bbbb-2222')).toBeUndefined();
  });

  it('refuses a callback that was not started here', async () => {
    tokens.set('code-y', idToken(signer, { sub: 'cccc-3333' }));
    const res = await new Client(app).get('/auth/callback?code=code-y&state=whatever-state-1234');
    expect(res.status).toBe(400);
  });

  it('keeps a person without a platform group out, with a Dutch message', async () => {
    const client = new Client(app);
    const state = await begin(client);
    tokens.set(
      'code-norole',
      idToken(signer, { sub: 'dddd-4444', 'cognito:groups': ['eu-central-1_Pool_AD'] }),
    );
    const res = await client.get(`/auth/callback?code=code-norole&state=${state}`);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('nog geen rol');
    expect(await deps.users.get('dddd-4444')).toBeUndefined();
  });

  it('has no password form, and logging out also ends the provider session', async () => {
    const client = new Client(app);
    const state = await begin(client);
    tokens.set(
      'code-adv',
      idToken(signer, { sub: 'eeee-5555', 'cognito:username': 'adviseur1', 'cognito:groups': ['adviser'] }),
    );
    await client.get(`/auth/callback?code=code-adv&state=${state}`);
    expect((await client.post('/inloggen', { username: 'x', password: 'y' })).status).toBe(404);
    const out = await client.post('/uitloggen');
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe(
      `${signInUrl}/logout?client_id=${TEST_CLIENT}&logout_uri=http%3A%2F%2Flocalhost%2F`,
    );
    expect((await client.get('/')).status).toBe(303);
  });
});

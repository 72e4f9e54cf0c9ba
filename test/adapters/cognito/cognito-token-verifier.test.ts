import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authorizeUrl,
  CognitoTokenVerifier,
  createPkcePair,
  exchangeCode,
  rolesFromGroups,
} from '../../../functions/adapters/cognito/index.js';
import { RoleSchema } from '../../../functions/core/auth/roles.js';
import { ForbiddenError, UnauthenticatedError } from '../../../functions/core/errors.js';
import { idToken, newSigner, TEST_CLIENT, TEST_POOL } from '../../fixtures/cognito-tokens.js';

const POOL = TEST_POOL;
const CLIENT = TEST_CLIENT;

describe('CognitoTokenVerifier', () => {
  const pool = newSigner('pool-key-1');
  const stranger = newSigner('pool-key-1');
  const verifier = new CognitoTokenVerifier({
    userPoolId: POOL,
    clientId: CLIENT,
    jwks: { keys: [pool.jwk as never] },
  });

  it('turns a valid ID token into an actor with the roles of its groups', async () => {
    // Prepare
    const token = idToken(pool, { 'cognito:groups': ['om_liaison', 'admin', `${POOL}_Teststad-AD`] });
    // Act
    const actor = await verifier.verifyIdToken(token);
    // Assess
    expect(actor).toEqual({
      userId: '6b2f1c8e-1111-4a5b-9c0d-123456789abc',
      username: 'j.devries',
      roles: ['om_liaison', 'admin'],
      email: 'j.devries@teststad.nl',
    });
  });

  it.each([
    ['signed by another key with the same kid', () => idToken(stranger)],
    ['expired', () => idToken(pool, { exp: Math.floor(Date.now() / 1000) - 60 })],
    ['for another app client', () => idToken(pool, { aud: 'someotherclient' })],
    [
      'from another pool',
      () => idToken(pool, { iss: 'https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_Other' }),
    ],
    ['an access token', () => idToken(pool, { token_use: 'access' })],
    ['tampered with', () => idToken(pool).replace(/\.([^.]+)\./, (_m, p) => `.${p.slice(0, -2)}AA.`)],
    ['not a JWT', () => 'not-a-token'],
  ])('refuses a token %s as unauthenticated', async (_label, make) => {
    await expect(verifier.verifyIdToken(make())).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('refuses a valid token without any platform group, with a Dutch message and no personal data', async () => {
    // Prepare
    const token = idToken(pool, { 'cognito:groups': [`${POOL}_Teststad-AD`] });
    // Act
    const error = await verifier.verifyIdToken(token).catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(ForbiddenError);
    const forbidden = error as ForbiddenError;
    expect(forbidden.userMessage).toMatch(/rol/);
    expect(`${forbidden.message} ${JSON.stringify(forbidden.context)}`).not.toContain('teststad.nl');
    expect(`${forbidden.message} ${JSON.stringify(forbidden.context)}`).not.toContain('j.devries');
  });
});

describe('rolesFromGroups', () => {
  it('keeps exactly the groups that are roles, in role order, without duplicates', () => {
    const group = fc.oneof(fc.constantFrom(...RoleSchema.options), fc.string());
    fc.assert(
      fc.property(fc.array(group), (groups) => {
        const roles = rolesFromGroups(groups);
        const expected = RoleSchema.options.filter((r) => groups.includes(r));
        expect(roles).toEqual(expected);
      }),
    );
  });

  it('grants nothing for a missing or malformed claim', () => {
    expect(rolesFromGroups(undefined)).toEqual([]);
    expect(rolesFromGroups('admin')).toEqual([]);
  });
});

describe('the authorization code flow with PKCE', () => {
  let server: ReturnType<typeof createServer>;
  let signInUrl: string;
  const received: URLSearchParams[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        const form = new URLSearchParams(body);
        received.push(form);
        if (req.url !== '/oauth2/token' || form.get('code') !== 'good-code') {
          res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"invalid_grant"}');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            id_token: 'the.id.token',
            access_token: 'a',
            token_type: 'Bearer',
            expires_in: 900,
          }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    signInUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('builds a challenge that is the S256 hash of the verifier', () => {
    const { verifier, challenge } = createPkcePair();
    expect(verifier.length).toBeGreaterThanOrEqual(43);
    expect(challenge).toBe(createHash('sha256').update(verifier).digest('base64url'));
    expect(createPkcePair().verifier).not.toBe(verifier);
  });

  it('sends the browser to /oauth2/authorize with the code flow, the challenge and the state', () => {
    const url = new URL(
      authorizeUrl({
        signInUrl: 'https://perspectief-teststad-test.auth.eu-central-1.amazoncognito.com',
        clientId: CLIENT,
        redirectUri: 'https://perspectief.teststad.nl/auth/callback',
        state: 'st4te',
        codeChallenge: 'ch4llenge',
        identityProvider: 'Teststad-AD',
      }),
    );
    expect(url.pathname).toBe('/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: CLIENT,
      redirect_uri: 'https://perspectief.teststad.nl/auth/callback',
      scope: 'openid email profile',
      state: 'st4te',
      code_challenge: 'ch4llenge',
      code_challenge_method: 'S256',
      identity_provider: 'Teststad-AD',
    });
  });

  it('exchanges the code and the verifier for the ID token', async () => {
    // Act
    const token = await exchangeCode({
      signInUrl,
      clientId: CLIENT,
      redirectUri: 'https://perspectief.teststad.nl/auth/callback',
      code: 'good-code',
      codeVerifier: 'v3rifier',
    });
    // Assess
    expect(token).toBe('the.id.token');
    const form = received.at(-1)!;
    expect(form.get('grant_type')).toBe('authorization_code');
    expect(form.get('code_verifier')).toBe('v3rifier');
    expect(form.get('client_id')).toBe(CLIENT);
  });

  it('refuses a code the token endpoint rejects', async () => {
    await expect(
      exchangeCode({
        signInUrl,
        clientId: CLIENT,
        redirectUri: 'https://x.nl/auth/callback',
        code: 'bad',
        codeVerifier: 'v',
      }),
    ).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});

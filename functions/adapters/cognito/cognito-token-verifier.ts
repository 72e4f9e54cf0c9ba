import { createHash, randomBytes } from 'node:crypto';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { Jwks } from 'aws-jwt-verify/jwk';
import * as z from 'zod';
import { type Actor, type Role, RoleSchema } from '../../core/auth/roles.js';
import { ForbiddenError, UnauthenticatedError } from '../../core/errors.js';

const UsernameClaim = z.string().min(1).max(128);

/** Who an ID token says signed in: the actor plus the e-mail address Cognito holds for them. */
export interface CognitoIdentity extends Actor {
  email?: string;
}

/**
 * Maps `cognito:groups` to platform roles. Groups that are not a role (such as the group Cognito creates
 * for federated users) are ignored, so only a group an admin assigned grants anything.
 */
export function rolesFromGroups(groups: unknown): Role[] {
  if (!Array.isArray(groups)) return [];
  const roles = new Set<Role>();
  for (const group of groups) {
    const role = RoleSchema.safeParse(group);
    if (role.success) roles.add(role.data);
  }
  return RoleSchema.options.filter((r) => roles.has(r));
}

/**
 * Verifies Cognito ID tokens (signature against the pool's JWKS, issuer, audience, expiry, token use) and
 * turns them into an actor. The JWKS is fetched from the pool once and cached; tests and warm starts can
 * hand it in with `jwks`, so nothing calls AWS.
 */
export class CognitoTokenVerifier {
  private readonly verifier;

  constructor(options: { userPoolId: string; clientId: string; jwks?: Jwks }) {
    this.verifier = CognitoJwtVerifier.create({
      userPoolId: options.userPoolId,
      clientId: options.clientId,
      tokenUse: 'id',
    });
    if (options.jwks) this.verifier.cacheJwks(options.jwks);
  }

  /** UnauthenticatedError for any invalid token; ForbiddenError for a valid one without a platform role. */
  async verifyIdToken(token: string): Promise<CognitoIdentity> {
    let payload: Record<string, unknown>;
    try {
      payload = await this.verifier.verify(token);
    } catch (cause) {
      throw new UnauthenticatedError('Cognito ID token rejected', {
        cause,
        userMessage: 'Uw aanmelding is verlopen of ongeldig. Meld u opnieuw aan.',
        context: { reason: cause instanceof Error ? cause.name : 'unknown' },
      });
    }
    const sub = z.string().min(1).parse(payload.sub);
    const username = UsernameClaim.safeParse(payload['cognito:username']);
    const roles = rolesFromGroups(payload['cognito:groups']);
    if (roles.length === 0) {
      throw new ForbiddenError('Cognito user has no platform role', {
        userMessage:
          'Uw account heeft nog geen rol in Perspectief. Vraag de beheerder om u een rol te geven.',
        context: { sub },
      });
    }
    const email = z.string().email().safeParse(payload.email);
    return {
      userId: sub,
      username: username.success ? username.data : sub,
      roles,
      ...(email.success ? { email: email.data } : {}),
    };
  }
}

/** A PKCE verifier and its S256 challenge: the public web client proves it started the login it finishes. */
export function createPkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** The Cognito sign-in address the browser is sent to: authorization code flow with PKCE and a state. */
export function authorizeUrl(options: {
  signInUrl: string;
  clientId: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
  identityProvider?: string;
}): string {
  const url = new URL('/oauth2/authorize', options.signInUrl);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', options.clientId);
  url.searchParams.set('redirect_uri', options.redirectUri);
  url.searchParams.set('scope', 'openid email profile');
  url.searchParams.set('state', options.state);
  url.searchParams.set('code_challenge', options.codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  if (options.identityProvider) url.searchParams.set('identity_provider', options.identityProvider);
  return url.toString();
}

const TokenResponseSchema = z.object({ id_token: z.string().min(1), token_type: z.string() });

/**
 * Exchanges the authorization code for tokens at the pool's token endpoint and returns the ID token. The
 * caller verifies it with CognitoTokenVerifier before trusting anything in it.
 */
export async function exchangeCode(options: {
  signInUrl: string;
  clientId: string;
  redirectUri: string;
  code: string;
  codeVerifier: string;
  fetch?: typeof fetch;
}): Promise<string> {
  const doFetch = options.fetch ?? fetch;
  const response = await doFetch(new URL('/oauth2/token', options.signInUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: options.clientId,
      redirect_uri: options.redirectUri,
      code: options.code,
      code_verifier: options.codeVerifier,
    }),
    signal: AbortSignal.timeout(5000),
  });
  if (!response.ok) {
    throw new UnauthenticatedError('Cognito token exchange failed', {
      userMessage: 'Aanmelden is niet gelukt. Probeer het opnieuw.',
      context: { status: response.status },
    });
  }
  return TokenResponseSchema.parse(await response.json()).id_token;
}

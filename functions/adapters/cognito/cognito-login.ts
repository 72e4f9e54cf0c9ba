import { randomBytes } from 'node:crypto';
import type { ExternalIdentity, ExternalLogin } from '../../core/ports.js';
import {
  authorizeUrl,
  type CognitoTokenVerifier,
  createPkcePair,
  exchangeCode,
} from './cognito-token-verifier.js';

/**
 * `ExternalLogin` over the Cognito hosted UI: the browser goes to `/oauth2/authorize` with a PKCE challenge
 * and a random state, comes back with a code, and the code is exchanged and the ID token verified here.
 */
export class CognitoLogin implements ExternalLogin {
  constructor(
    private readonly options: {
      signInUrl: string;
      clientId: string;
      verifier: CognitoTokenVerifier;
      identityProvider?: string;
      fetch?: typeof fetch;
    },
  ) {}

  begin(redirectUri: string): { url: string; state: string; verifier: string } {
    const { verifier, challenge } = createPkcePair();
    const state = randomBytes(16).toString('base64url');
    const url = authorizeUrl({
      signInUrl: this.options.signInUrl,
      clientId: this.options.clientId,
      redirectUri,
      state,
      codeChallenge: challenge,
      ...(this.options.identityProvider ? { identityProvider: this.options.identityProvider } : {}),
    });
    return { url, state, verifier };
  }

  async complete(input: { code: string; verifier: string; redirectUri: string }): Promise<ExternalIdentity> {
    const token = await exchangeCode({
      signInUrl: this.options.signInUrl,
      clientId: this.options.clientId,
      redirectUri: input.redirectUri,
      code: input.code,
      codeVerifier: input.verifier,
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
    });
    const identity = await this.options.verifier.verifyIdToken(token);
    return {
      subject: identity.userId,
      username: identity.username,
      displayName: identity.email ?? identity.username,
      roles: identity.roles,
    };
  }

  logoutUrl(returnTo: string): string {
    const url = new URL('/logout', this.options.signInUrl);
    url.searchParams.set('client_id', this.options.clientId);
    url.searchParams.set('logout_uri', returnTo);
    return url.toString();
  }
}

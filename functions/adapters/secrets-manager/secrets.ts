import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { z } from 'zod';

const SecretString = z.string().min(32);

/**
 * Reads the platform secrets a function was given from AWS Secrets Manager, once per cold start: two
 * generated random strings, one signing session cookies and one keying the hashes of opt-out,
 * do-not-contact and frequency lists. A secret the function was not given is absent from the result.
 * Rotation is described in PRIVACY.md.
 */
export async function loadSecrets(
  client: SecretsManagerClient,
  ids: { sessionSecretArn?: string; hmacSecretArn?: string },
): Promise<{ sessionKey?: string; hmacKey?: Uint8Array }> {
  const read = async (SecretId: string) =>
    SecretString.parse((await client.send(new GetSecretValueCommand({ SecretId }))).SecretString);
  const [sessionKey, hmacKey] = await Promise.all([
    ids.sessionSecretArn ? read(ids.sessionSecretArn) : undefined,
    ids.hmacSecretArn ? read(ids.hmacSecretArn) : undefined,
  ]);
  return {
    ...(sessionKey ? { sessionKey } : {}),
    ...(hmacKey ? { hmacKey: new TextEncoder().encode(hmacKey) } : {}),
  };
}

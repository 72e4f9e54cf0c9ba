import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { z } from 'zod';
import type { Secrets } from '../../core/ports.js';

const SecretString = z.string().min(32);

/**
 * Reads the platform secrets from AWS Secrets Manager once per cold start: two generated random strings,
 * one signing session cookies and one keying the hashes of opt-out, do-not-contact and frequency lists.
 * Rotation is described in PRIVACY.md.
 */
export async function loadSecrets(
  client: SecretsManagerClient,
  ids: { sessionSecretArn: string; hmacSecretArn: string },
): Promise<Secrets> {
  const read = async (SecretId: string) =>
    SecretString.parse((await client.send(new GetSecretValueCommand({ SecretId }))).SecretString);
  const [sessionKey, hmacKey] = await Promise.all([read(ids.sessionSecretArn), read(ids.hmacSecretArn)]);
  return { sessionKey, hmacKey: new TextEncoder().encode(hmacKey) };
}

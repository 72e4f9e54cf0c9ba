import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import * as z from 'zod';

const SecretString = z.string().min(32);

/**
 * The HMAC secret's value: a plain generated string (as the stack creates it), or after a rotation a JSON
 * object with the current key and the retired ones, newest first. Retired keys stay because opt-out and
 * do-not-contact entries never expire and cannot be re-hashed without the numbers.
 */
const RotatedHmacSecret = z.object({
  current: SecretString,
  previous: z.array(SecretString).max(20),
});

/** The current and previous HMAC keys in a secret value, as the strings they are. */
export function parseHmacSecret(value: string): { current: string; previous: string[] } {
  if (value.trimStart().startsWith('{')) return RotatedHmacSecret.parse(JSON.parse(value));
  return { current: SecretString.parse(value), previous: [] };
}

/**
 * Reads the platform secrets a function was given from AWS Secrets Manager, once per cold start: two
 * generated random strings, one signing session cookies and one keying the hashes of opt-out,
 * do-not-contact and frequency lists (with the keys earlier rotations retired). A secret the function was
 * not given is absent from the result. Rotation is described in PRIVACY.md.
 */
export async function loadSecrets(
  client: SecretsManagerClient,
  ids: { sessionSecretArn?: string; hmacSecretArn?: string },
): Promise<{ sessionKey?: string; hmacKey?: Uint8Array; previousHmacKeys?: Uint8Array[] }> {
  const read = async (SecretId: string) =>
    SecretString.parse((await client.send(new GetSecretValueCommand({ SecretId }))).SecretString);
  const [sessionKey, hmac] = await Promise.all([
    ids.sessionSecretArn ? read(ids.sessionSecretArn) : undefined,
    ids.hmacSecretArn ? read(ids.hmacSecretArn).then(parseHmacSecret) : undefined,
  ]);
  const encode = (key: string) => new TextEncoder().encode(key);
  return {
    ...(sessionKey ? { sessionKey } : {}),
    ...(hmac ? { hmacKey: encode(hmac.current), previousHmacKeys: hmac.previous.map(encode) } : {}),
  };
}

/**
 * Rotates the HMAC key in Secrets Manager: the new key becomes current and the old one moves to the front
 * of the retired keys, in one new secret version. Functions pick it up at their next cold start.
 */
export async function rotateHmacSecret(
  client: SecretsManagerClient,
  secretId: string,
  newKey: string,
): Promise<{ previous: number }> {
  const stored = (await client.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString;
  const { current, previous } = parseHmacSecret(SecretString.parse(stored));
  const next = RotatedHmacSecret.parse({
    current: SecretString.parse(newKey),
    previous: [current, ...previous],
  });
  await client.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: JSON.stringify(next) }));
  return { previous: next.previous.length };
}

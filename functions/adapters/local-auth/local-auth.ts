import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import type { Auth, UserStore } from '../../core/ports.js';
import type { User } from '../../core/users/user.schema.js';

const N = 2 ** 15;
const R = 8;
const P = 1;
const KEYLEN = 32;

function scrypt(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(password, salt, KEYLEN, { N: n, r, p, maxmem: 128 * n * r * 2 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** Format: `scrypt$N$r$p$salt$hash` (base64url), so the cost can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, N, R, P);
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPasswordHash(password: string, credential: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = credential.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scrypt(password, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A fixed hash to compare against when the user does not exist, so timing does not reveal usernames. */
const DUMMY = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** Username/password accounts stored (hashed) in the platform's own UserStore: the embedded default. */
export class LocalAuth implements Auth {
  constructor(private readonly users: UserStore) {}

  async verifyPassword(username: string, password: string): Promise<User | undefined> {
    const user = await this.users.findByUsername(username);
    const credential = user ? await this.users.getCredential(user.id) : undefined;
    const ok = await verifyPasswordHash(password, credential ?? DUMMY);
    return ok && user && !user.disabled ? user : undefined;
  }

  hashPassword(password: string): Promise<string> {
    return hashPassword(password);
  }
}

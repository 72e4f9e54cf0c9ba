import { createHash, createHmac } from 'node:crypto';

/**
 * HMAC-SHA-256 of an E.164 number with the platform secret, hex.
 * Why: exclusion lists must be comparable without storing the numbers themselves.
 */
export function keyedHash(e164: string, key: Uint8Array): string {
  return createHmac('sha256', key).update(e164).digest('hex');
}

/**
 * A keyed hasher for many numbers, with the same output as `keyedHash`.
 * Why: a campaign hashes every sendable number against three lists. The HMAC key schedule is computed
 * once; a number (short ASCII, as E.164 is) then costs two SHA-256 blocks computed right here, instead of
 * two native hash objects, two copies and two digests per number. Longer or non-ASCII input goes through
 * node:crypto, with the same result.
 */
export function keyedHasher(key: Uint8Array): (e164: string) => string {
  const block = 64;
  const normalisedKey = key.length > block ? createHash('sha256').update(key).digest() : Buffer.from(key);
  const inner = Buffer.alloc(block, 0x36);
  const outer = Buffer.alloc(block, 0x5c);
  for (let i = 0; i < normalisedKey.length; i++) {
    inner[i]! ^= normalisedKey[i]!;
    outer[i]! ^= normalisedKey[i]!;
  }
  const innerState = createHash('sha256').update(inner);
  const outerState = createHash('sha256').update(outer);
  const slow = (e164: string): string =>
    outerState.copy().update(innerState.copy().update(e164).digest()).digest('hex');

  const innerStart = Sha256Block.initial();
  Sha256Block.compress(innerStart, wordsOf(inner));
  const outerStart = Sha256Block.initial();
  Sha256Block.compress(outerStart, wordsOf(outer));
  const words = new Int32Array(64);
  const state = new Int32Array(8);
  return (e164) => {
    const length = e164.length;
    // One block holds the message, the 0x80 terminator and the 8-byte length: at most 55 bytes.
    if (length > 55) return slow(e164);
    words.fill(0, 0, 16);
    for (let i = 0; i < length; i++) {
      const c = e164.charCodeAt(i);
      if (c > 0x7f) return slow(e164);
      words[i >> 2]! |= c << (24 - 8 * (i & 3));
    }
    words[length >> 2]! |= 0x80 << (24 - 8 * (length & 3));
    words[15] = (block + length) * 8;
    state.set(innerStart);
    Sha256Block.compress(state, words);
    // The outer block: the 32-byte inner digest, the terminator, and the length of key block + digest.
    words.set(state, 0);
    words[8] = 0x80000000;
    words.fill(0, 9, 15);
    words[15] = (block + 32) * 8;
    state.set(outerStart);
    Sha256Block.compress(state, words);
    return hex(state);
  };
}

function wordsOf(bytes: Uint8Array): Int32Array {
  const words = new Int32Array(64);
  for (let i = 0; i < 16; i++) {
    words[i] =
      (bytes[4 * i]! << 24) | (bytes[4 * i + 1]! << 16) | (bytes[4 * i + 2]! << 8) | bytes[4 * i + 3]!;
  }
  return words;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex(state: Int32Array): string {
  let out = '';
  for (let i = 0; i < 8; i++) {
    const w = state[i]!;
    out += HEX[(w >>> 24) & 0xff]! + HEX[(w >>> 16) & 0xff]! + HEX[(w >>> 8) & 0xff]! + HEX[w & 0xff]!;
  }
  return out;
}

/** The SHA-256 compression function (FIPS 180-4) on one 64-byte block, in 32-bit integers. */
const Sha256Block = {
  K: Int32Array.from([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ]),

  initial(): Int32Array {
    return Int32Array.from([
      0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    ]);
  },

  /** Updates `state` with the block in `w[0..15]`; `w` has room for the 64-word schedule. */
  compress(state: Int32Array, w: Int32Array): void {
    const k = Sha256Block.K;
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15]!;
      const b = w[i - 2]!;
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
    }
    let a = state[0]!;
    let b = state[1]!;
    let c = state[2]!;
    let d = state[3]!;
    let e = state[4]!;
    let f = state[5]!;
    let g = state[6]!;
    let h = state[7]!;
    for (let i = 0; i < 64; i++) {
      const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (h + s1 + ((e & f) ^ (~e & g)) + k[i]! + w[i]!) | 0;
      const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    state[0] = (state[0]! + a) | 0;
    state[1] = (state[1]! + b) | 0;
    state[2] = (state[2]! + c) | 0;
    state[3] = (state[3]! + d) | 0;
    state[4] = (state[4]! + e) | 0;
    state[5] = (state[5]! + f) | 0;
    state[6] = (state[6]! + g) | 0;
    state[7] = (state[7]! + h) | 0;
  },
};

/** Lines hashed per update: one native call per chunk instead of one per number. */
const FINGERPRINT_CHUNK = 4096;

/**
 * "sha256:<hex>" over the sorted, distinct E.164 list, one number per line.
 * Why: the approval binds to exactly this recipient set; order and repeats must not change it.
 */
export function recipientFingerprint(e164s: readonly string[]): string {
  let ordered = true;
  for (let i = 1; i < e164s.length && ordered; i++) ordered = e164s[i - 1]! < e164s[i]!;
  // A recipient list from the analysis is sorted and distinct already; anything else is made so.
  const sorted = ordered ? e164s : [...new Set(e164s)].sort();
  const hash = createHash('sha256');
  for (let i = 0; i < sorted.length; i += FINGERPRINT_CHUNK) {
    hash.update(`${sorted.slice(i, i + FINGERPRINT_CHUNK).join('\n')}\n`);
  }
  return `sha256:${hash.digest('hex')}`;
}

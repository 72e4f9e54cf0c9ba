import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyExclusions,
  ExclusionResultSchema,
  keyedHash,
  keyedHasher,
  maskE164,
  recipientFingerprint,
} from '../../../functions/core/contacts/index.js';

const KEY = new TextEncoder().encode('platform-geheim-voor-tests');
const e164 = fc.integer({ min: 600_000_000, max: 699_999_999 }).map((n) => `+31${n}`);

describe('keyedHash', () => {
  it('is HMAC-SHA-256 in hex, and the fast hasher agrees for short and long keys', () => {
    const longKey = new Uint8Array(100).fill(7);
    fc.assert(
      fc.property(e164, (number) => {
        expect(keyedHash(number, KEY)).toBe(createHmac('sha256', KEY).update(number).digest('hex'));
        expect(keyedHasher(KEY)(number)).toBe(keyedHash(number, KEY));
        expect(keyedHasher(longKey)(number)).toBe(keyedHash(number, longKey));
      }),
    );
  });
});

describe('recipientFingerprint', () => {
  it('is independent of order and repeats', () => {
    fc.assert(
      fc.property(fc.array(e164), (numbers) => {
        expect(recipientFingerprint([...numbers].reverse().concat(numbers))).toBe(
          recipientFingerprint(numbers),
        );
      }),
    );
  });

  it('changes if and only if the set changes', () => {
    fc.assert(
      fc.property(fc.uniqueArray(e164), fc.uniqueArray(e164), (a, b) => {
        const same = new Set(a).size === new Set(b).size && a.every((n) => b.includes(n));
        expect(recipientFingerprint(a) === recipientFingerprint(b)).toBe(same);
      }),
    );
  });
});

describe('applyExclusions', () => {
  it('applies do-not-contact, opt-out and the frequency cap in that order, each counted once', () => {
    const sendable = ['+31612345601', '+31612345602', '+31612345603', '+31612345604', '+31612345605'];
    const hash = (n: string) => keyedHash(n, KEY);
    const lists = {
      doNotContact: new Set([hash('+31612345601')]),
      optOut: new Set([hash('+31612345601'), hash('+31612345602')]),
      recentlyMessaged: new Set([hash('+31612345602'), hash('+31612345603'), hash('+31699999999')]),
    };

    const result = applyExclusions(sendable, lists, KEY);

    expect(result.excluded).toEqual({ do_not_contact: 1, opt_out: 1, recently_messaged: 1 });
    expect(result.after).toEqual({ do_not_contact: 4, opt_out: 3, recently_messaged: 2 });
    expect(result.remaining).toEqual(['+31612345604', '+31612345605']);
    expect(result.fingerprint).toBe(recipientFingerprint(result.remaining));
    expect(ExclusionResultSchema.parse(result)).toEqual(result);
  });

  it('excludes nothing when the lists hold hashes made with another key', () => {
    const other = new TextEncoder().encode('ander-geheim');
    const lists = {
      doNotContact: new Set([keyedHash('+31612345601', other)]),
      optOut: new Set<string>(),
      recentlyMessaged: new Set<string>(),
    };

    expect(applyExclusions(['+31612345601'], lists, KEY).remaining).toEqual(['+31612345601']);
  });
});

describe('maskE164', () => {
  it.each([
    ['+31612345678', '+31 6 •••• 5678'],
    ['+3197012345678', '+31 9 •••• 5678'],
    ['+32470123456', '+32 4 •••• 3456'],
    ['+4915123456789', '+49 1 •••• 6789'],
    ['+318000432', '+31 •••• 32'],
    ['geen nummer', '••••'],
  ])('masks %s as %s', (number, masked) => {
    expect(maskE164(number)).toBe(masked);
  });

  it('never shows more than four digits of the subscriber number', () => {
    fc.assert(
      fc.property(e164, (number) => {
        const shown = maskE164(number)
          .replace(/^\+31 /, '')
          .replace(/\D/g, '');
        expect(shown.length).toBeLessThanOrEqual(5);
      }),
    );
  });
});

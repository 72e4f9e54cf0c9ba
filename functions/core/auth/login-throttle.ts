import { LOGIN_WINDOW_MINUTES } from './session.js';

/**
 * Progressive delays for failed logins, instead of a lock-out. Failures are counted per 15-minute window
 * for three keys: the account from one address (strict), the address across all accounts (against a
 * password spray), and the account from everywhere (loose, against a spread-out attack). Once a key has
 * used its free failures, one attempt is allowed per slot of a delay that doubles with every failure, up
 * to a ceiling. A stranger elsewhere therefore cannot lock the owner out: from the owner's own address only
 * the loose account-wide key applies, and its delay never exceeds a minute.
 */
export interface ThrottleRule {
  kind: 'account_address' | 'address' | 'account';
  freeFailures: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

export const LOGIN_THROTTLE_RULES: readonly ThrottleRule[] = [
  {
    kind: 'account_address',
    freeFailures: 5,
    firstDelayMs: 5_000,
    maxDelayMs: LOGIN_WINDOW_MINUTES * 60_000,
  },
  { kind: 'address', freeFailures: 20, firstDelayMs: 5_000, maxDelayMs: LOGIN_WINDOW_MINUTES * 60_000 },
  { kind: 'account', freeFailures: 50, firstDelayMs: 1_000, maxDelayMs: 60_000 },
];

/** The delay a key is under after `failures` failures in its window; 0 while failures are free. */
export function throttleDelayMs(rule: ThrottleRule, failures: number): number {
  if (failures < rule.freeFailures) return 0;
  return Math.min(rule.maxDelayMs, rule.firstDelayMs * 2 ** Math.min(30, failures - rule.freeFailures));
}

/** The slot of that delay `now` falls in: its key suffix and when the next one starts. */
export function throttleSlot(delayMs: number, now: Date): { key: string; nextAt: Date } {
  const start = Math.floor(now.getTime() / delayMs) * delayMs;
  return { key: `slot:${delayMs}:${start}`, nextAt: new Date(start + delayMs) };
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActing } from '../../functions/app/audit.js';
import type { AppDeps } from '../../functions/app/deps.js';
import { login } from '../../functions/app/login.js';
import { createUser } from '../../functions/app/users.js';
import { UnauthenticatedError } from '../../functions/core/errors.js';
import { defaultSettings } from '../../functions/core/settings/settings.schema.js';
import { startLocalRuntime } from '../../functions/local/runtime.js';
import { PASSWORD } from './harness.js';

/** A clock the test moves by hand: delays are read from it, never waited for. */
class ManualClock {
  constructor(private at: number) {}
  now(): Date {
    return new Date(this.at);
  }
  advance(ms: number): void {
    this.at += ms;
  }
}

describe('login delays instead of lock-outs', () => {
  const clock = new ManualClock(Date.parse('2026-03-02T09:00:00Z'));
  let deps: AppDeps;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const runtime = await startLocalRuntime({ clock, contactFileTimeoutMs: false });
    deps = runtime.deps;
    close = runtime.close;
    await deps.settings.put(defaultSettings('Teststad'));
    await createUser(deps, systemActing('test'), {
      username: 'om-contact',
      displayName: 'OM',
      roles: ['om_liaison'],
      password: PASSWORD,
    });
  });
  afterAll(async () => close());

  const attempt = (password: string, client: string) =>
    login(deps, { username: 'om-contact', password, client }).then(
      () => 'in' as const,
      (error: unknown) => (error instanceof UnauthenticatedError ? ('wrong' as const) : (error as Error)),
    );

  it('lets the owner in from their own address while a stranger keeps failing elsewhere', async () => {
    // Act: a stranger fails 12 times from one address
    const stranger: unknown[] = [];
    for (let i = 0; i < 12; i++) {
      stranger.push(await attempt(`fout ${i} fout fout`, '203.0.113.9'));
      clock.advance(100);
    }
    const owner = await attempt(PASSWORD, '198.51.100.20');

    // Assess: the stranger is slowed down after five failures; the owner is not affected
    expect(stranger.slice(0, 5)).toEqual(['wrong', 'wrong', 'wrong', 'wrong', 'wrong']);
    const delayed = stranger[5] as Error & { userMessage?: string };
    expect(delayed).toBeInstanceOf(Error);
    expect(delayed.userMessage).toMatch(
      /Te veel mislukte pogingen\. Probeer het opnieuw na \d\d:\d\d:\d\d\./,
    );
    expect(owner).toBe('in');
  });

  it('allows one more attempt once the delay has passed, and doubles the delay after another failure', async () => {
    // Prepare: the stranger's address is under a 5 s delay from the previous test
    clock.advance(5_000);

    // Act
    const afterDelay = await attempt('nog steeds fout fout', '203.0.113.9');
    const rightAway = await attempt('nog steeds fout fout', '203.0.113.9');
    clock.advance(5_000);
    const afterFiveSeconds = await attempt('nog steeds fout fout', '203.0.113.9');
    clock.advance(5_000);
    const afterTenSeconds = await attempt('nog steeds fout fout', '203.0.113.9');

    // Assess
    expect(afterDelay).toBe('wrong');
    expect(rightAway).toBeInstanceOf(Error);
    expect(afterFiveSeconds).toBeInstanceOf(Error);
    expect(afterTenSeconds).toBe('wrong');
  });

  it('audits failed logins, the start of a delay and sign-ins, without the typed username', async () => {
    // Act
    await login(deps, { username: '0612345678', password: 'wat dan ook hier', client: '192.0.2.1' }).catch(
      () => undefined,
    );
    const month = clock.now().toISOString().slice(0, 7);
    const events = await deps.audit.list({ months: [month] });

    // Assess
    const actions = events.map((e) => e.action);
    expect(actions).toContain('user.login_failed');
    expect(actions).toContain('user.login_throttled');
    expect(actions).toContain('user.signed_in');
    expect(JSON.stringify(events)).not.toContain('0612345678');
    expect(JSON.stringify(events)).not.toContain('203.0.113.9');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../../functions/app/deps.js';
import { runDispatcher } from '../../../functions/app/dispatch.js';
import { dispatchLagSeconds } from '../../../functions/app/dispatch-lag.js';
import { defaultSettings } from '../../../functions/core/settings/settings.schema.js';
import { startLocalRuntime } from '../../../functions/local/runtime.js';
import { manualClock } from '../../fixtures/builders.js';
import { seedApprovedCampaign, sendingMobile } from '../../fixtures/sending-builders.js';

const ALL_DAY = { start: '00:00', end: '24:00', days: [1, 2, 3, 4, 5, 6, 7], timeZone: 'Europe/Amsterdam' };

describe('dispatcher lag', () => {
  let deps: AppDeps;
  let close: () => Promise<void>;
  const clock = manualClock('2026-03-03T10:00:00.000Z');
  beforeAll(async () => {
    const runtime = await startLocalRuntime({ clock });
    deps = runtime.deps;
    close = runtime.close;
    await deps.settings.put({ ...defaultSettings('Teststad'), maxRatePerSecond: 1000 });
  });
  afterAll(async () => close());

  it('is 0 when nothing is due, grows while a due campaign waits for the dispatcher, and is 0 again once sent', async () => {
    // Prepare
    expect(await dispatchLagSeconds(deps)).toBe(0);
    await seedApprovedCampaign(deps, {
      recipients: 3,
      now: clock.now(),
      scheduledAt: new Date(clock.now().getTime() + 60_000),
      ratePerSecond: 1000,
      quietHours: ALL_DAY,
      numberOf: (n) => sendingMobile(9000 + n),
    });

    // Act
    const beforeStart = await dispatchLagSeconds(deps);
    clock.advance(11 * 60_000);
    const stalled = await dispatchLagSeconds(deps);
    const realStart = Date.now();
    const from = clock.now().getTime();
    const running = { ...deps, clock: { now: () => new Date(from + Date.now() - realStart) } };
    await runDispatcher(running, { dispatcherId: 'lag-test', runForMs: 2_000 });
    clock.set(running.clock.now().toISOString());
    const afterRun = await dispatchLagSeconds(deps);

    // Assess
    expect(beforeStart).toBe(0);
    expect(stalled).toBe(600);
    expect(afterRun).toBe(0);
  });
});

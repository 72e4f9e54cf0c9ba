import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../functions/app/deps.js';
import { runDispatcher } from '../../functions/app/dispatch.js';
import type { GatewayOutcome, SmsGateway, SmsMessage } from '../../functions/core/sending/sms-gateway.js';
import { defaultSettings } from '../../functions/core/settings/settings.schema.js';
import { startLocalRuntime } from '../../functions/local/runtime.js';
import { seedApprovedCampaign, sendingMobile } from '../fixtures/sending-builders.js';

const ALL_DAY = { start: '00:00', end: '24:00', days: [1, 2, 3, 4, 5, 6, 7], timeZone: 'Europe/Amsterdam' };

/** A gateway whose first message is answered only when the test says so; every other one at once. */
class HeldFirstGateway implements SmsGateway {
  readonly seen: SmsMessage[] = [];
  private releaseFirst: (() => void) | undefined;
  private readonly first = new Promise<void>((resolve) => {
    this.releaseFirst = resolve;
  });
  private readonly waiters: { count: number; resolve: () => void }[] = [];

  async send(message: SmsMessage): Promise<GatewayOutcome> {
    this.seen.push(message);
    const n = this.seen.length;
    for (const w of this.waiters.filter((x) => this.seen.length >= x.count)) w.resolve();
    if (n === 1) await this.first;
    return { kind: 'accepted', messageId: `held-${message.to}` };
  }
  async isOptedOut(): Promise<boolean> {
    return false;
  }
  /** Resolves once `count` messages have reached the gateway. */
  reached(count: number): Promise<void> {
    if (this.seen.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }
  answerFirst(): void {
    this.releaseFirst?.();
  }
}

describe('dispatcher pacing across batches', () => {
  let base: AppDeps;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const runtime = await startLocalRuntime({});
    base = runtime.deps;
    close = runtime.close;
    await base.settings.put({ ...defaultSettings('Teststad'), maxRatePerSecond: 1000 });
  });
  afterAll(async () => {
    await close();
  });

  it('starts the next batches while an answer of an earlier one is still out, and still sends each recipient once', async () => {
    // Prepare: batches of 5, three lanes; the first message's answer is held back
    const gateway = new HeldFirstGateway();
    const realStart = Date.now();
    const start = Date.parse('2026-03-03T10:00:00.000Z');
    const deps: AppDeps = {
      ...base,
      clock: { now: () => new Date(start + Date.now() - realStart) },
      sending: { ...base.sending, gateway },
    };
    const campaign = await seedApprovedCampaign(deps, {
      recipients: 20,
      now: new Date(deps.clock.now().getTime() - 60_000),
      ratePerSecond: 1000,
      quietHours: ALL_DAY,
      numberOf: (n) => sendingMobile(700_000 + n),
    });

    // Act: the run goes on; the held answer is given only after messages of a third batch reached the gateway
    const running = runDispatcher(deps, {
      dispatcherId: 'pacing',
      runForMs: 600_000,
      campaignIds: [campaign.id],
      maxBatch: 5,
      lanes: 3,
    });
    await gateway.reached(11);
    const whileHeld = gateway.seen.length;
    const countsWhileHeld = await deps.recipients.countByStatus(campaign.id);
    gateway.answerFirst();
    const report = await running;

    // Assess
    const counts = await deps.recipients.countByStatus(campaign.id);
    const numbers = gateway.seen.map((m) => m.to);
    expect(whileHeld).toBeGreaterThanOrEqual(11);
    expect(countsWhileHeld.claimed).toBeGreaterThanOrEqual(1);
    expect(numbers).toHaveLength(20);
    expect(new Set(numbers).size).toBe(20);
    expect(report.sent).toBe(20);
    expect(counts.sent).toBe(20);
    expect(counts.claimed).toBe(0);
    expect(report.completed).toEqual([campaign.id]);
    const dispatched = (
      await deps.audit.list({ caseId: campaign.caseId, campaignId: campaign.id, limit: 100 })
    ).filter((e) => e.action === 'sending.batch_dispatched');
    const total = dispatched.reduce(
      (sum, e) => sum + Number((e.details as { counts: { sent: number } }).counts.sent),
      0,
    );
    expect(total).toBe(20);
  });

  it('never has more sends at the gateway at once than the run has lanes, across batches', async () => {
    // Prepare: a gateway that answers after a few turns of the event loop and records how many are open
    let open = 0;
    let most = 0;
    const seen: string[] = [];
    const gateway: SmsGateway = {
      async send(message) {
        seen.push(message.to);
        open++;
        most = Math.max(most, open);
        for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
        open--;
        return { kind: 'accepted', messageId: `lanes-${message.to}` };
      },
      async isOptedOut() {
        return false;
      },
    };
    const realStart = Date.now();
    const start = Date.parse('2026-03-03T10:00:00.000Z');
    const deps: AppDeps = {
      ...base,
      clock: { now: () => new Date(start + Date.now() - realStart) },
      sending: { ...base.sending, gateway },
    };
    const campaign = await seedApprovedCampaign(deps, {
      recipients: 30,
      now: new Date(deps.clock.now().getTime() - 60_000),
      ratePerSecond: 1000,
      quietHours: ALL_DAY,
      numberOf: (n) => sendingMobile(710_000 + n),
    });

    // Act
    const report = await runDispatcher(deps, {
      dispatcherId: 'lanes',
      runForMs: 600_000,
      campaignIds: [campaign.id],
      maxBatch: 4,
      lanes: 3,
    });

    // Assess
    expect(report.sent).toBe(30);
    expect(new Set(seen).size).toBe(30);
    expect(most).toBeLessThanOrEqual(3);
  });
});

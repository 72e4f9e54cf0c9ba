import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../functions/app/deps.js';
import { runDispatcher, runDispatcherExclusively } from '../../functions/app/dispatch.js';
import { keyedHash } from '../../functions/core/contacts/fingerprint.js';
import { CAMPAIGN_PAUSE_MESSAGES } from '../../functions/core/sending/dispatch-messages.js';
import {
  type GatewayOutcome,
  refused,
  type SmsGateway,
  type SmsMessage,
} from '../../functions/core/sending/sms-gateway.js';
import { defaultSettings } from '../../functions/core/settings/settings.schema.js';
import { startLocalRuntime } from '../../functions/local/runtime.js';
import { seedApprovedCampaign, sendingMobile } from '../fixtures/sending-builders.js';

const ALL_DAY = { start: '00:00', end: '24:00', days: [1, 2, 3, 4, 5, 6, 7], timeZone: 'Europe/Amsterdam' };
const NINE_TO_EIGHT = {
  start: '09:00',
  end: '20:00',
  days: [1, 2, 3, 4, 5, 6, 7],
  timeZone: 'Europe/Amsterdam',
};

/** A gateway that records every message and answers what the test says. */
class RecordingGateway implements SmsGateway {
  readonly seen: SmsMessage[] = [];
  constructor(
    private readonly answer: (n: number, m: SmsMessage) => GatewayOutcome | Promise<GatewayOutcome>,
  ) {}
  async send(message: SmsMessage): Promise<GatewayOutcome> {
    this.seen.push(message);
    return this.answer(this.seen.length, message);
  }
  async isOptedOut(): Promise<boolean> {
    return false;
  }
}

describe('dispatcher', () => {
  let base: AppDeps;
  let close: () => Promise<void>;
  let offset = 0;
  beforeAll(async () => {
    const runtime = await startLocalRuntime({});
    base = runtime.deps;
    close = runtime.close;
    await base.settings.put({ ...defaultSettings('Teststad'), maxRatePerSecond: 1000 });
  });
  afterAll(async () => {
    await close();
  });

  /** The same store with another gateway and a clock that starts at `startIso` and then runs in real time. */
  function withGateway(gateway: SmsGateway, startIso = '2026-03-03T10:00:00.000Z'): AppDeps {
    const realStart = Date.now();
    const start = Date.parse(startIso);
    return {
      ...base,
      clock: { now: () => new Date(start + Date.now() - realStart) },
      sending: { ...base.sending, gateway },
    };
  }

  async function campaignOf(deps: AppDeps, recipients: number, quietHours = ALL_DAY, ratePerSecond = 1000) {
    offset += 1000;
    const from = offset;
    return seedApprovedCampaign(deps, {
      recipients,
      now: new Date(deps.clock.now().getTime() - 60_000),
      ratePerSecond,
      quietHours,
      numberOf: (n) => sendingMobile(from + n),
    });
  }

  it('starts the campaign, sends each recipient once with its link, updates the frequency cap and completes', async () => {
    // Prepare
    const gateway = new RecordingGateway((n) => ({ kind: 'accepted', messageId: `m-${offset}-${n}` }));
    const deps = withGateway(gateway);
    const campaign = await campaignOf(deps, 9);

    // Act
    const report = await runDispatcher(deps, {
      dispatcherId: 't1',
      runForMs: 20_000,
      campaignIds: [campaign.id],
    });

    // Assess
    expect(report.sent).toBe(9);
    expect(report.completed).toEqual([campaign.id]);
    expect(new Set(gateway.seen.map((m) => m.to)).size).toBe(9);
    expect(gateway.seen.every((m) => /http:\/\/localhost:3000\/r\/[A-Za-z0-9_-]{10}/.test(m.body))).toBe(
      true,
    );
    expect(gateway.seen.every((m) => !m.body.includes('{link}') && m.senderId === campaign.senderName)).toBe(
      true,
    );
    const capped = await deps.hashLists.hashes('recently_messaged', deps.clock.now());
    expect(gateway.seen.every((m) => capped.has(keyedHash(m.to, deps.secrets.hmacKey)))).toBe(true);
    const events = (await deps.audit.list({ caseId: campaign.caseId, campaignId: campaign.id })).map(
      (e) => e.action,
    );
    expect(events).toEqual(
      expect.arrayContaining(['campaign.started', 'sending.batch_dispatched', 'campaign.completed']),
    );
  });

  it('sends nothing outside the send window and says when it goes on', async () => {
    // Prepare: 21:00 in Amsterdam
    const gateway = new RecordingGateway(() => ({ kind: 'accepted', messageId: 'never' }));
    const deps = withGateway(gateway, '2026-03-03T20:00:00.000Z');
    const campaign = await campaignOf(deps, 3, NINE_TO_EIGHT);

    // Act
    await runDispatcher(deps, { dispatcherId: 't2', runForMs: 3_000, campaignIds: [campaign.id] });
    const status = await deps.sending.dispatchStatus.get(campaign.id);

    // Assess
    expect(gateway.seen).toEqual([]);
    expect(status?.hold).toBe('outside_window');
    expect(status?.until).toBe('2026-03-04T08:00:00.000Z');
  });

  it('pauses on the monthly spend limit with the Dutch message, and returns the refused recipient to pending', async () => {
    // Prepare
    const gateway = new RecordingGateway((n) =>
      n <= 2
        ? { kind: 'accepted', messageId: `s-${offset}-${n}` }
        : refused('spend_limit', 'MONTHLY_SPEND_LIMIT_REACHED_FOR_TEXT'),
    );
    const deps = withGateway(gateway);
    const campaign = await campaignOf(deps, 6);

    // Act
    const report = await runDispatcher(deps, {
      dispatcherId: 't3',
      runForMs: 5_000,
      campaignIds: [campaign.id],
      lanes: 1,
    });
    const counts = await deps.recipients.countByStatus(campaign.id);

    // Assess
    expect(report.paused).toEqual([campaign.id]);
    expect((await deps.campaigns.get(campaign.id))?.status).toBe('paused');
    expect(counts.sent).toBe(2);
    expect(counts.pending).toBe(4);
    expect((await deps.sending.dispatchStatus.get(campaign.id))?.message).toBe(
      CAMPAIGN_PAUSE_MESSAGES.spend_limit,
    );
  });

  it('stops within one batch when the adviser pauses mid-run', async () => {
    // Prepare
    let pausedAfter = Number.POSITIVE_INFINITY;
    const deps: AppDeps = withGateway(
      new RecordingGateway(async (n) => {
        if (n === 3) {
          const c = (await deps.campaigns.get(campaignId))!;
          await deps.campaigns.save({ ...c, status: 'paused', version: c.version + 1 }, c.version);
          pausedAfter = n;
        }
        return { kind: 'accepted', messageId: `p-${offset}-${n}` };
      }),
    );
    const campaign = await campaignOf(deps, 40);
    const campaignId = campaign.id;

    // Act
    await runDispatcher(deps, {
      dispatcherId: 't4',
      runForMs: 5_000,
      campaignIds: [campaignId],
      maxBatch: 5,
      lanes: 1,
    });
    const counts = await deps.recipients.countByStatus(campaignId);

    // Assess
    expect(counts.sent).toBeGreaterThanOrEqual(pausedAfter);
    expect(counts.sent).toBeLessThanOrEqual(5);
    expect(counts.pending).toBe(40 - counts.sent);
  });

  it('settles an abandoned claim as unknown and never sends it again', async () => {
    // Prepare
    const gateway = new RecordingGateway((n) => ({ kind: 'accepted', messageId: `u-${offset}-${n}` }));
    const deps = withGateway(gateway);
    const campaign = await campaignOf(deps, 3);
    const [victim] = await deps.recipients.list(campaign.id);
    await deps.recipients.transition(
      campaign.id,
      victim!.id,
      { type: 'claim', by: 'crashed' },
      new Date(deps.clock.now().getTime() - 600_000),
    );

    // Act
    const report = await runDispatcher(deps, {
      dispatcherId: 't5',
      runForMs: 5_000,
      campaignIds: [campaign.id],
    });
    const after = await deps.recipients.countByStatus(campaign.id);

    // Assess
    expect(report.staleUnknown).toBe(1);
    expect(after.unknown).toBe(1);
    expect(after.sent).toBe(2);
    expect(gateway.seen.map((m) => m.to)).not.toContain(victim!.e164);
    expect((await deps.campaigns.get(campaign.id))?.status).toBe('sending');
  });

  it('fails numbers that opted out after the approval without sending to them', async () => {
    // Prepare
    const gateway = new RecordingGateway((n) => ({ kind: 'accepted', messageId: `o-${offset}-${n}` }));
    const deps = withGateway(gateway);
    const campaign = await campaignOf(deps, 3);
    const [optedOut] = await deps.recipients.list(campaign.id);
    await deps.hashLists.add(
      'opt_out',
      [{ hash: keyedHash(optedOut!.e164, deps.secrets.hmacKey) }],
      deps.clock.now().toISOString(),
    );

    // Act
    await runDispatcher(deps, { dispatcherId: 't6', runForMs: 5_000, campaignIds: [campaign.id] });
    const counts = await deps.recipients.countByStatus(campaign.id);

    // Assess
    expect(gateway.seen.map((m) => m.to)).not.toContain(optedOut!.e164);
    expect(counts.failed).toBe(1);
    expect(counts.sent).toBe(2);
  });

  it('sends nothing when the stored recipients no longer match the approval', async () => {
    // Prepare
    const gateway = new RecordingGateway(() => ({ kind: 'accepted', messageId: 'never' }));
    const deps = withGateway(gateway);
    const campaign = await campaignOf(deps, 3);
    const entries = await deps.recipients.list(campaign.id);
    await deps.recipients.replace(campaign.id, [
      ...entries,
      { id: 'f'.repeat(32), e164: sendingMobile(999_999), sources: 1, variantId: null },
    ]);

    // Act
    await runDispatcher(deps, { dispatcherId: 't7', runForMs: 3_000, campaignIds: [campaign.id] });

    // Assess
    expect(gateway.seen).toEqual([]);
    expect((await deps.sending.dispatchStatus.get(campaign.id))?.hold).toBe('approval_invalid');
  });

  it('never lets two concurrent dispatchers send one recipient twice', async () => {
    // Prepare
    const gateway = new RecordingGateway(async (n) => {
      await new Promise((resolve) => setTimeout(resolve, 2));
      return { kind: 'accepted', messageId: `c-${offset}-${n}` };
    });
    const deps = withGateway(gateway);
    const campaign = await campaignOf(deps, 120);

    // Act
    await Promise.all([
      runDispatcher(deps, { dispatcherId: 'left', runForMs: 20_000, campaignIds: [campaign.id] }),
      runDispatcher(deps, { dispatcherId: 'right', runForMs: 20_000, campaignIds: [campaign.id] }),
    ]);

    // Assess
    const numbers = gateway.seen.map((m) => m.to);
    expect(numbers).toHaveLength(120);
    expect(new Set(numbers).size).toBe(120);
    expect((await deps.recipients.countByStatus(campaign.id)).sent).toBe(120);
  });
  it('sends nothing when the public address for the links is not configured', async () => {
    // Prepare
    const gateway = new RecordingGateway(() => ({ kind: 'accepted', messageId: 'never' }));
    const configured = withGateway(gateway);
    const deps: AppDeps = { ...configured, sending: { ...configured.sending, publicBaseUrl: '' } };
    const campaign = await campaignOf(deps, 2);

    // Act
    await runDispatcher(deps, { dispatcherId: 't8', runForMs: 2_000, campaignIds: [campaign.id] });

    // Assess
    expect(gateway.seen).toEqual([]);
    expect((await deps.sending.dispatchStatus.get(campaign.id))?.message).toContain('PERSPECTIEF_PUBLIC_URL');
  });

  it('lets one run send at a time: a second run started meanwhile sends nothing, and the next one after it does', async () => {
    // Prepare: the second run starts while the first is inside its first send (explicit synchronisation, not
    // a delay), and the first run's end is a jump of its clock, not a deadline in real time.
    let jumpMs = 0;
    let second: Awaited<ReturnType<typeof runDispatcherExclusively>> | 'not started' = 'not started';
    const gateway = new RecordingGateway(async (n) => {
      if (n === 1) {
        second = await runDispatcherExclusively(deps, {
          dispatcherId: 'lease-b',
          runForMs: 60_000,
          campaignIds: [campaign.id],
        });
        jumpMs += 3_600_000;
      }
      return { kind: 'accepted', messageId: `lease-${offset}-${n}` };
    });
    const running = withGateway(gateway);
    const deps: AppDeps = {
      ...running,
      clock: { now: () => new Date(running.clock.now().getTime() + jumpMs) },
    };
    const campaign = await campaignOf(deps, 6, ALL_DAY, 5);

    // Act
    const first = await runDispatcherExclusively(deps, {
      dispatcherId: 'lease-a',
      runForMs: 60_000,
      campaignIds: [campaign.id],
    });
    const third = await runDispatcherExclusively(deps, {
      dispatcherId: 'lease-c',
      runForMs: 60_000,
      campaignIds: [campaign.id],
    });

    // Assess
    expect(second).toBeUndefined();
    expect(first?.sent).toBeGreaterThan(0);
    expect(first!.sent).toBeLessThan(6);
    expect(third?.sent).toBe(6 - first!.sent);
    const numbers = gateway.seen.map((m) => m.to);
    expect(numbers).toHaveLength(6);
    expect(new Set(numbers).size).toBe(6);
  });
  it('hands over between scheduled runs: a run that finds the lease held waits for it, and still ends when its minute does', async () => {
    // Prepare: a clock that moves only while the run waits; the previous run lets go of its lease 4 s in
    const start = Date.parse('2026-03-03T10:00:00.000Z');
    let t = start;
    const store = base.sending.dispatchStatus;
    const acquired: { holder: string; untilMs: number; nowMs: number }[] = [];
    const spied = Object.assign(Object.create(store) as typeof store, {
      acquireLease: async (holder: string, untilMs: number, nowMs: number) => {
        const ok = await store.acquireLease(holder, untilMs, nowMs);
        if (ok) acquired.push({ holder, untilMs, nowMs });
        return ok;
      },
    });
    const deps: AppDeps = {
      ...base,
      clock: {
        now: () => new Date(t),
        sleep: async (ms) => {
          t += ms;
          if (t - start >= 4_000) await store.releaseLease('previous-run');
        },
      },
      sending: { ...base.sending, dispatchStatus: spied },
    };
    expect(await store.acquireLease('previous-run', start + 90_000, start)).toBe(true);

    // Act
    const report = await runDispatcherExclusively(deps, {
      dispatcherId: 'next-run',
      runForMs: 60_000,
      waitForLeaseMs: 20_000,
      campaignIds: [],
    });

    // Assess: it ran, after the previous run let go, with a lease counted from its invocation, and released it
    expect(report).toBeDefined();
    expect(acquired).toHaveLength(1);
    expect(acquired[0]?.holder).toBe('next-run');
    expect(acquired[0]!.nowMs - start).toBeGreaterThanOrEqual(4_000);
    expect(acquired[0]!.nowMs - start).toBeLessThan(4_500);
    expect(acquired[0]?.untilMs).toBe(start + 60_000 + 30_000);
    expect(await store.acquireLease('after', t + 1_000, t)).toBe(true);
    await store.releaseLease('after');
  });

  it('skips a run when the lease stays held longer than it may wait, without having sent anything', async () => {
    // Prepare
    const start = Date.parse('2026-03-03T11:00:00.000Z');
    let t = start;
    const store = base.sending.dispatchStatus;
    const deps: AppDeps = {
      ...base,
      clock: {
        now: () => new Date(t),
        sleep: async (ms) => {
          t += ms;
        },
      },
    };
    expect(await store.acquireLease('stuck-run', start + 600_000, start)).toBe(true);

    // Act
    const report = await runDispatcherExclusively(deps, {
      dispatcherId: 'waiting-run',
      runForMs: 60_000,
      waitForLeaseMs: 5_000,
      campaignIds: [],
    });

    // Assess
    expect(report).toBeUndefined();
    expect(t - start).toBeLessThanOrEqual(5_000);
    expect(t - start).toBeGreaterThanOrEqual(4_800);
    await store.releaseLease('stuck-run');
  });

  it('ends a run at once when its signal fires, leaving the rest pending', async () => {
    // Prepare
    const stop = new AbortController();
    const gateway = new RecordingGateway((n) => {
      if (n === 2) stop.abort();
      return { kind: 'accepted', messageId: `abort-${offset}-${n}` };
    });
    const deps = withGateway(gateway);
    const campaign = await campaignOf(deps, 20, ALL_DAY, 2);

    // Act
    const report = await runDispatcher(deps, {
      dispatcherId: 'aborted',
      runForMs: 600_000,
      campaignIds: [campaign.id],
      lanes: 1,
      signal: stop.signal,
    });

    // Assess
    expect(report.sent).toBe(2);
    expect((await deps.recipients.countByStatus(campaign.id, ['pending'])).pending).toBe(18);
  });
});

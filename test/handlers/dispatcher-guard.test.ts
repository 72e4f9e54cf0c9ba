import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxSmsGateway } from '../../functions/adapters/outbox/outbox-sms-gateway.js';
import type { AppDeps } from '../../functions/app/deps.js';
import { runDispatcherExclusively } from '../../functions/app/dispatch.js';
import type { Campaign } from '../../functions/core/campaigns/campaign.schema.js';
import type { GatewayOutcome, SmsGateway, SmsMessage } from '../../functions/core/sending/sms-gateway.js';
import { defaultSettings } from '../../functions/core/settings/settings.schema.js';
import { startLocalRuntime } from '../../functions/local/runtime.js';
import { manualClock } from '../fixtures/builders.js';
import { seedApprovedCampaign, sendingMobile } from '../fixtures/sending-builders.js';

const ALL_DAY = { start: '00:00', end: '24:00', days: [1, 2, 3, 4, 5, 6, 7], timeZone: 'Europe/Amsterdam' };
const BATCH = 5;
const RECIPIENTS = 30;
/** The send timeout of these runs: its race never fires, so no outcome depends on how fast the machine is. */
const SEND_TIMEOUT_MS = 3_600_000;
const LEASE_MS = 60_000;

/** The outbox gateway (the local provider, its own record in the store), with a hook after each acceptance. */
class HookedOutbox implements SmsGateway {
  accepted = 0;
  constructor(
    private readonly outbox: OutboxSmsGateway,
    private readonly after: (n: number, message: SmsMessage) => Promise<void>,
  ) {}
  async send(message: SmsMessage): Promise<GatewayOutcome> {
    const outcome = await this.outbox.send(message);
    if (outcome.kind === 'accepted') await this.after(++this.accepted, message);
    return outcome;
  }
  isOptedOut(e164: string): Promise<boolean> {
    return this.outbox.isOptedOut(e164);
  }
}

class InjectedCrash extends Error {}

describe('the guard on the running dispatcher (leased runner, dynalite, outbox gateway)', () => {
  let base: AppDeps;
  let outbox: OutboxSmsGateway;
  let close: () => Promise<void>;
  let offset = 500_000;
  const clock = manualClock('2026-03-03T10:00:00.000Z');

  beforeAll(async () => {
    const runtime = await startLocalRuntime({ clock });
    base = runtime.deps;
    close = runtime.close;
    if (!(base.sending.gateway instanceof OutboxSmsGateway)) throw new Error('expected the local outbox');
    outbox = base.sending.gateway;
    await base.settings.put({ ...defaultSettings('Teststad'), maxRatePerSecond: 1000 });
  });
  afterAll(async () => {
    await close();
  });

  /** Sleeping advances the injected clock; the send-timeout race never resolves. */
  const sleep = (ms: number): Promise<void> => {
    if (ms >= SEND_TIMEOUT_MS) return new Promise<void>(() => {});
    clock.advance(ms);
    return Promise.resolve();
  };

  function run(deps: AppDeps, campaign: Campaign, dispatcherId: string) {
    return runDispatcherExclusively(deps, {
      dispatcherId,
      runForMs: 600_000,
      campaignIds: [campaign.id],
      maxBatch: BATCH,
      lanes: 1,
      sleep,
      sendTimeoutMs: SEND_TIMEOUT_MS,
      leaseMs: LEASE_MS,
      random: () => 0.5,
    });
  }

  async function seed(): Promise<Campaign> {
    offset += 1_000;
    const from = offset;
    return seedApprovedCampaign(base, {
      recipients: RECIPIENTS,
      now: new Date(clock.now().getTime() - 60_000),
      ratePerSecond: 1000,
      quietHours: ALL_DAY,
      numberOf: (n) => sendingMobile(from + n),
    });
  }

  /** The campaign's messages in the gateway's own record. */
  async function outboxFor(campaign: Campaign): Promise<string[]> {
    const entries = await base.recipients.list(campaign.id);
    const mine = new Set(entries.map((e) => e.e164));
    return (await outbox.list(100_000)).map((m) => m.to).filter((to) => mine.has(to));
  }

  async function mutate(deps: AppDeps, id: string, change: (c: Campaign) => Campaign): Promise<void> {
    const c = (await deps.campaigns.get(id))!;
    await deps.campaigns.save({ ...change(c), version: c.version + 1 }, c.version);
  }

  /** The intervention happens after the 3rd accepted message, inside the first batch of 5. */
  const AT = 3;

  it.each([
    [
      'an OM withdrawal',
      async (deps: AppDeps, c: Campaign) =>
        mutate(deps, c.id, (x) => ({
          ...x,
          status: 'cancelled',
          approval: null,
          withdrawal: {
            requestSeq: 1,
            requestFingerprint: x.approvalRequest!.fingerprint,
            withdrawnBy: 'user-om',
            reason: 'Het OM trekt de goedkeuring in.',
            at: clock.now().toISOString(),
          },
        })),
      null,
    ],
    [
      'the approval expiring',
      async () => {
        clock.advance(2 * 3_600_000);
      },
      'verlopen',
    ],
    [
      'a variant edited in the store',
      async (deps: AppDeps, c: Campaign) =>
        mutate(deps, c.id, (x) => ({
          ...x,
          variants: x.variants.map((v, i) => (i === 0 ? { ...v, text: `${v.text} Extra zin.` } : v)),
        })),
      'gewijzigd',
    ],
    [
      'a recipient added to the stored set',
      async (deps: AppDeps, c: Campaign) => {
        const entries = await deps.recipients.list(c.id);
        await deps.recipients.replace(c.id, [
          ...entries,
          { id: 'e'.repeat(32), e164: sendingMobile(offset + 999), sources: 1, variantId: null },
        ]);
      },
      'gewijzigd',
    ],
  ] as const)('sends nothing after the batch boundary that follows %s', async (_name, intervene, says) => {
    // Prepare: an approval that expires one hour from now (the window lasts longer)
    const campaign = await seed();
    await mutate(base, campaign.id, (x) => ({
      ...x,
      approval: { ...x.approval!, expiresAt: new Date(clock.now().getTime() + 3_600_000).toISOString() },
    }));
    const gateway = new HookedOutbox(outbox, async (n) => {
      if (n === AT) await intervene(deps, campaign);
    });
    const deps: AppDeps = { ...base, sending: { ...base.sending, gateway } };

    // Act
    const report = await run(deps, campaign, `guard-${campaign.id}`);
    const again = await run(deps, campaign, `guard-again-${campaign.id}`);

    // Assess: the messages in the gateway's own record stop at the first batch boundary
    const sent = await outboxFor(campaign);
    expect(report).toBeDefined();
    expect(again?.sent).toBe(0);
    expect(gateway.accepted).toBeGreaterThanOrEqual(AT);
    expect(sent.length).toBe(gateway.accepted);
    expect(sent.length).toBeLessThanOrEqual(BATCH);
    expect(new Set(sent).size).toBe(sent.length);
    const counts = await base.recipients.countByStatus(campaign.id);
    expect(counts.claimed).toBe(0);
    const status = await base.sending.dispatchStatus.get(campaign.id);
    if (says === null) {
      // A withdrawal while sending cancels the campaign: the dispatcher no longer takes it up at all.
      expect((await base.campaigns.get(campaign.id))?.status).toBe('cancelled');
    } else {
      expect(status?.hold).toBe('approval_invalid');
      expect(status?.message ?? '').toContain(says);
    }
  });

  it('leaves a message accepted just before a crash unknown, and never sends it again after a restart or by a second dispatcher', async () => {
    // Prepare: the 2nd accepted message is followed by a crash before its outcome is written
    const campaign = await seed();
    let crashedOn: string | undefined;
    const crashing: AppDeps = {
      ...base,
      sending: {
        ...base.sending,
        gateway: new HookedOutbox(outbox, async (n, message) => {
          if (n === 2) crashedOn = message.to;
        }),
      },
      recipients: new Proxy(base.recipients, {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver);
          if (key !== 'transition' || typeof value !== 'function') return value;
          return async (...args: Parameters<typeof target.transition>) => {
            const [, , event] = args;
            if (crashedOn !== undefined && event.type !== 'claim' && event.type !== 'mark_unknown') {
              throw new InjectedCrash('process killed before the outcome was recorded');
            }
            return value.apply(target, args);
          };
        },
      }),
    };

    // Act: the crash, then (after the claim lease) a restarted dispatcher and a second one at once
    await expect(run(crashing, campaign, 'crashed')).rejects.toBeInstanceOf(InjectedCrash);
    const afterCrash = await base.recipients.countByStatus(campaign.id);
    clock.advance(LEASE_MS + 1_000);
    const [restarted, second] = await Promise.all([
      run(base, campaign, 'restarted'),
      run(base, campaign, 'second'),
    ]);
    const more = await run(base, campaign, 'third');

    // Assess
    const sent = await outboxFor(campaign);
    const counts = await base.recipients.countByStatus(campaign.id);
    expect(crashedOn).toBeDefined();
    expect(afterCrash.claimed).toBe(1);
    expect(afterCrash.sent).toBe(1);
    expect([restarted, second].filter((r) => r !== undefined)).toHaveLength(1);
    expect((restarted ?? second)!.staleUnknown).toBe(1);
    expect(more?.sent).toBe(0);
    expect(counts.unknown).toBe(1);
    expect(counts.sent).toBe(RECIPIENTS - 1);
    expect(sent.filter((to) => to === crashedOn)).toHaveLength(1);
    expect(new Set(sent).size).toBe(RECIPIENTS);
    expect(sent).toHaveLength(RECIPIENTS);
  });
});

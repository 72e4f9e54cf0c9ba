import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxSmsGateway } from '../../functions/adapters/outbox/outbox-sms-gateway.js';
import { commitCampaignAction } from '../../functions/app/campaign-commit.js';
import type { AppDeps } from '../../functions/app/deps.js';
import { runDispatcherExclusively } from '../../functions/app/dispatch.js';
import type { Campaign } from '../../functions/core/campaigns/campaign.schema.js';
import { applyCampaignAction } from '../../functions/core/campaigns/lifecycle.js';
import { DEFAULT_CAMPAIGN_POLICY } from '../../functions/core/campaigns/policy.js';
import { defaultSettings } from '../../functions/core/settings/settings.schema.js';
import { startLocalRuntime } from '../../functions/local/runtime.js';
import { manualClock } from '../fixtures/builders.js';
import { seedApprovedCampaign, sendingMobile } from '../fixtures/sending-builders.js';

const ALL_DAY = { start: '00:00', end: '24:00', days: [1, 2, 3, 4, 5, 6, 7], timeZone: 'Europe/Amsterdam' };
const RECIPIENTS = 12;
const SEND_TIMEOUT_MS = 3_600_000;
const OM = { userId: 'user-om-2', username: 'om2', roles: ['om_liaison' as const] };

type Step =
  | { kind: 'dispatch'; seconds: number }
  | { kind: 'withdraw' }
  | { kind: 'editVariant' }
  | { kind: 'drift' }
  | { kind: 'advance'; hours: number }
  | { kind: 'pause' };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('dispatch' as const), seconds: fc.integer({ min: 1, max: 4 }) }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'withdraw' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'editVariant' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'drift' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('advance' as const), hours: fc.integer({ min: 1, max: 60 }) }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'pause' as const }) },
);

describe('the running dispatcher under random interference (leased runner, dynalite, outbox gateway)', () => {
  let deps: AppDeps;
  let outbox: OutboxSmsGateway;
  let close: () => Promise<void>;
  const clock = manualClock('2026-03-03T10:00:00.000Z');
  let serial = 0;

  beforeAll(async () => {
    const runtime = await startLocalRuntime({ clock });
    deps = runtime.deps;
    close = runtime.close;
    if (!(deps.sending.gateway instanceof OutboxSmsGateway)) throw new Error('expected the local outbox');
    outbox = deps.sending.gateway;
    await deps.settings.put({ ...defaultSettings('Teststad'), maxRatePerSecond: 1000 });
  });
  afterAll(async () => {
    await close();
  });

  const sleep = (ms: number): Promise<void> => {
    if (ms >= SEND_TIMEOUT_MS) return new Promise<void>(() => {});
    clock.advance(ms);
    return Promise.resolve();
  };

  async function write(id: string, change: (c: Campaign) => Campaign): Promise<void> {
    const c = (await deps.campaigns.get(id))!;
    await deps.campaigns.save({ ...change(c), version: c.version + 1 }, c.version);
  }

  it('sends only while the approval covers exactly what is stored, each number at most once, never above the cap', async () => {
    const stats = { dispatches: 0, withSends: 0, blocked: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 3, maxLength: 8 }), async (steps) => {
        // Prepare: an approved, scheduled campaign at 2 messages per second, so a run of a few seconds
        // sends some of it; the approval lasts two days.
        serial += 1;
        const from = serial * 1_000;
        const numbers = Array.from({ length: RECIPIENTS }, (_, n) => sendingMobile(900_000 + from + n));
        const campaign = await seedApprovedCampaign(deps, {
          recipients: RECIPIENTS,
          now: new Date(clock.now().getTime() - 60_000),
          ratePerSecond: 2,
          quietHours: ALL_DAY,
          validDays: 2,
          numberOf: (n) => numbers[n]!,
        });
        // The model: whether anything the approval covers has changed or gone, kept apart from the code.
        let tampered = false;
        let paused = false;
        const mine = new Set(numbers);
        const outboxCount = async () => (await outbox.list(100_000)).filter((m) => mine.has(m.to)).length;

        for (const step of steps) {
          switch (step.kind) {
            case 'dispatch': {
              const expired = clock.now().getTime() >= Date.parse(campaign.approval!.expiresAt);
              const before = await outboxCount();
              const report = await runDispatcherExclusively(deps, {
                dispatcherId: `prop-${serial}-${stats.dispatches}`,
                runForMs: step.seconds * 1_000,
                campaignIds: [campaign.id],
                maxBatch: 3,
                lanes: 1,
                sleep,
                sendTimeoutMs: SEND_TIMEOUT_MS,
                random: () => 0.5,
              });
              const after = await outboxCount();
              stats.dispatches += 1;
              expect(report).toBeDefined();
              if (tampered || expired || paused) {
                stats.blocked += 1;
                expect(after).toBe(before);
              } else if (after > before) stats.withSends += 1;
              break;
            }
            case 'withdraw': {
              const current = (await deps.campaigns.get(campaign.id))!;
              try {
                const result = applyCampaignAction(
                  current,
                  { type: 'withdraw', reason: 'Het OM trekt de goedkeuring in.' },
                  {
                    actor: OM,
                    now: clock.now(),
                    policy: { ...DEFAULT_CAMPAIGN_POLICY, allowedHelpDomains: [] },
                  },
                );
                await commitCampaignAction(deps, current, result);
                tampered = true;
              } catch {
                // Not withdrawable in this status (completed): nothing changed.
              }
              break;
            }
            case 'editVariant':
              await write(campaign.id, (c) => ({
                ...c,
                variants: c.variants.map((v, i) => (i === 0 ? { ...v, text: `${v.text} Nu.` } : v)),
              }));
              tampered = true;
              break;
            case 'drift': {
              const entries = await deps.recipients.list(campaign.id);
              await deps.recipients.replace(campaign.id, entries.slice(1));
              tampered = true;
              break;
            }
            case 'advance':
              clock.advance(step.hours * 3_600_000);
              break;
            case 'pause': {
              const current = (await deps.campaigns.get(campaign.id))!;
              if (current.status === 'sending') {
                await write(campaign.id, (c) => ({ ...c, status: 'paused' }));
                paused = true;
              }
              break;
            }
          }
        }

        // Assess: at most one message per number, never more than the approved count
        const sent = (await outbox.list(100_000)).filter((m) => mine.has(m.to)).map((m) => m.to);
        expect(new Set(sent).size).toBe(sent.length);
        expect(sent.length).toBeLessThanOrEqual(campaign.approval!.approvedCount);
      }),
      { numRuns: 12, seed: 20_261_204 },
    );
    // Not vacuous: some runs sent, and some were blocked by an interference.
    expect(stats.withSends).toBeGreaterThan(3);
    expect(stats.blocked).toBeGreaterThan(3);
  }, 300_000);
});

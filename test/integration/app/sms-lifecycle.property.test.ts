import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Acting } from '../../../functions/app/audit.js';
import { runCampaignAction } from '../../../functions/app/campaign-commit.js';
import {
  approveCampaign,
  editCampaign,
  rejectCampaign,
  submitCampaign,
  withdrawApproval,
} from '../../../functions/app/campaigns.js';
import { uploadContactFiles } from '../../../functions/app/contact-files.js';
import { removeContactUpload } from '../../../functions/app/contact-uploads.js';
import { allowedBatchSize, preparersOf } from '../../../functions/core/campaigns/approval.js';
import {
  CAMPAIGN_TRANSITIONS,
  CampaignSchema,
  campaignContentFingerprint,
} from '../../../functions/core/campaigns/index.js';
import { isDomainError } from '../../../functions/core/errors.js';
import { csvOf, mobile } from '../../fixtures/sms-builders.js';
import { draftCampaign, personWith, runtimeWithClock } from './sms-support.js';

const DAY = 86_400_000;

type Step =
  | { kind: 'upload'; who: number; phone: number; numbers: number[] }
  | { kind: 'remove'; who: number }
  | { kind: 'editText'; who: number; suffix: string }
  | { kind: 'editSender'; who: number; sender: string }
  | { kind: 'window'; who: number }
  | { kind: 'submit'; who: number }
  | { kind: 'approve'; who: number; stale: boolean }
  | { kind: 'reject'; who: number }
  | { kind: 'withdraw'; who: number }
  | { kind: 'schedule'; who: number }
  | { kind: 'start'; who: number }
  | { kind: 'dispatch'; batch: number }
  | { kind: 'wait'; days: number };

const who = fc.nat({ max: 5 });
const STEP: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('upload' as const),
    who,
    phone: fc.integer({ min: 1, max: 3 }),
    numbers: fc.array(fc.nat({ max: 20 }), { minLength: 1, maxLength: 6 }),
  }),
  fc.record({ kind: fc.constant('remove' as const), who }),
  fc.record({
    kind: fc.constant('editText' as const),
    who,
    suffix: fc.constantFrom('', ' Echt.', ' Gratis.'),
  }),
  fc.record({
    kind: fc.constant('editSender' as const),
    who,
    sender: fc.constantFrom('Gemeente', 'Utrecht'),
  }),
  fc.record({ kind: fc.constant('window' as const), who }),
  fc.record({ kind: fc.constant('submit' as const), who }),
  fc.record({ kind: fc.constant('approve' as const), who, stale: fc.boolean() }),
  fc.record({ kind: fc.constant('reject' as const), who }),
  fc.record({ kind: fc.constant('withdraw' as const), who }),
  fc.record({ kind: fc.constant('schedule' as const), who }),
  fc.record({ kind: fc.constant('start' as const), who }),
  fc.record({ kind: fc.constant('dispatch' as const), batch: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('wait' as const), days: fc.integer({ min: 1, max: 8 }) }),
);

describe('the SMS-bom lifecycle through the real use cases and the embedded store', () => {
  let env: Awaited<ReturnType<typeof runtimeWithClock>>;
  let people: Acting[];
  beforeAll(async () => {
    env = await runtimeWithClock(Date.parse('2026-03-02T08:00:00.000Z'));
    people = [
      await personWith(env.deps, 'p-adviseur-1', ['adviser']),
      await personWith(env.deps, 'p-adviseur-2', ['adviser']),
      await personWith(env.deps, 'p-om-1', ['om_liaison']),
      await personWith(env.deps, 'p-om-2', ['om_liaison']),
      await personWith(env.deps, 'p-beide', ['adviser', 'om_liaison']),
      await personWith(env.deps, 'p-beheerder', ['admin']),
    ];
  });
  afterAll(async () => env.close());

  /** A prepared, approved and started campaign, so that random steps also happen during sending. */
  const HAPPY: Step[] = [
    { kind: 'upload', who: 0, phone: 1, numbers: [1, 2, 3, 4] },
    { kind: 'window', who: 0 },
    { kind: 'submit', who: 0 },
    { kind: 'approve', who: 2, stale: false },
    { kind: 'schedule', who: 0 },
    { kind: 'start', who: 0 },
  ];
  let dispatched = 0;

  it('never dispatches without an unexpired four-eyes approval of exactly the current data, never beyond the cap', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.array(STEP, { minLength: 4, maxLength: 14 }),
        async (happy, random) => {
          const steps = happy ? [...HAPPY, ...random] : random;
          const { deps } = env;
          const id = await draftCampaign(deps, people[0]!);
          let sent = 0;
          let seenFingerprint: string | null = null;
          for (const step of steps) {
            const actor = 'who' in step ? people[step.who]! : people[0]!;
            const campaign = (await deps.campaigns.get(id))!;
            try {
              switch (step.kind) {
                case 'upload':
                  await uploadContactFiles(deps, actor, id, {
                    source: `telefoon ${step.phone}`,
                    files: [
                      { name: 'x.csv', bytes: new TextEncoder().encode(csvOf(step.numbers.map(mobile))) },
                    ],
                  });
                  break;
                case 'remove': {
                  const first = (await deps.contactUploads.list(id))[0];
                  if (first) await removeContactUpload(deps, actor, id, first.id);
                  break;
                }
                case 'editText':
                  await editCampaign(deps, actor, id, {
                    variants: campaign.variants.map((v, i) =>
                      i === 0 ? { ...v, text: `Hulp? {link}${step.suffix}` } : v,
                    ),
                  });
                  break;
                case 'editSender':
                  await editCampaign(deps, actor, id, { senderName: step.sender });
                  break;
                case 'window': {
                  const now = deps.clock.now().getTime();
                  await editCampaign(deps, actor, id, {
                    plannedWindow: {
                      from: new Date(now).toISOString(),
                      until: new Date(now + 6 * DAY).toISOString(),
                    },
                  });
                  break;
                }
                case 'submit':
                  await submitCampaign(deps, actor, id);
                  seenFingerprint = (await deps.campaigns.get(id))!.approvalRequest?.fingerprint ?? null;
                  break;
                case 'approve':
                  await approveCampaign(deps, actor, id, {
                    requestFingerprint:
                      step.stale && seenFingerprint
                        ? seenFingerprint
                        : (campaign.approvalRequest?.fingerprint ?? ''),
                    legalReference: '13/654321-22',
                    confirmed: true,
                  });
                  break;
                case 'reject':
                  await rejectCampaign(deps, actor, id, {
                    requestFingerprint: campaign.approvalRequest?.fingerprint ?? '',
                    reason: 'Nog niet goed',
                  });
                  break;
                case 'withdraw':
                  await withdrawApproval(deps, actor, id, { reason: 'Onderzoek loopt' });
                  break;
                case 'schedule':
                  await runCampaignAction(deps, actor, id, {
                    type: 'schedule',
                    startAt: deps.clock.now().toISOString(),
                  });
                  break;
                case 'start':
                  await runCampaignAction(deps, actor, id, {
                    type: 'start',
                    currentFingerprint: campaignContentFingerprint(campaign) ?? '',
                  });
                  break;
                case 'dispatch': {
                  const recipients = await deps.recipients.fingerprint(id);
                  const current =
                    recipients === null
                      ? ''
                      : (campaignContentFingerprint({
                          ...campaign,
                          recipients: { ...campaign.recipients, fingerprint: recipients },
                        }) ?? '');
                  const size = allowedBatchSize(campaign, {
                    currentFingerprint: current,
                    now: deps.clock.now(),
                    sentSoFar: sent,
                    requested: step.batch,
                  });
                  // Everything the guard required must hold, checked independently of it.
                  const approval = campaign.approval!;
                  expect(campaign.status).toBe('sending');
                  expect(new Date(approval.expiresAt).getTime()).toBeGreaterThan(deps.clock.now().getTime());
                  expect(approval.requestFingerprint).toBe(campaignContentFingerprint(campaign));
                  expect(recipients).toBe(campaign.recipients.fingerprint);
                  expect(preparersOf(campaign).has(approval.approvedBy)).toBe(false);
                  sent += size;
                  dispatched++;
                  break;
                }
                case 'wait':
                  env.advance(step.days * DAY);
                  break;
              }
            } catch (error) {
              if (!isDomainError(error)) throw error;
            }
            const after = (await deps.campaigns.get(id))!;
            expect(CampaignSchema.safeParse(after).success).toBe(true);
            if (after.approval) expect(sent).toBeLessThanOrEqual(after.approval.approvedCount);
          }
          const events = await deps.audit.list({
            caseId: (await deps.campaigns.get(id))!.caseId,
            campaignId: id,
            limit: 1000,
          });
          for (const event of events) {
            const { fromStatus, toStatus } = event.details;
            if (fromStatus && toStatus && event.action !== 'campaign.approval_voided') {
              expect(
                CAMPAIGN_TRANSITIONS.some((t) => t.from === fromStatus && t.to === toStatus),
                `${fromStatus} → ${toStatus}`,
              ).toBe(true);
            }
          }
        },
      ),
      { numRuns: 25, seed: 20260302 },
    );
    // The property is only worth something if some runs really reached sending.
    expect(dispatched).toBeGreaterThan(0);
  }, 120_000);
});

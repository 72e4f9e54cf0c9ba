import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AuditEventDraftSchema } from '../../../functions/core/audit/index.js';
import type { Role } from '../../../functions/core/auth/roles.js';
import {
  applyCampaignAction,
  assertDispatchAllowed,
  CAMPAIGN_TRANSITIONS,
  type Campaign,
  type CampaignAction,
  CampaignActionSchema,
  type CampaignActor,
  type CampaignCommand,
  CampaignSchema,
  createCampaign,
  DispatchRefusedError,
  dispatchFingerprint,
  remainingCap,
} from '../../../functions/core/campaigns/index.js';
import { isDomainError } from '../../../functions/core/errors.js';
import {
  ctx,
  HOUR,
  loadBlueprint,
  NOW,
  PLANNED_WINDOW,
  person,
  recipientSet,
  recipientsFingerprint,
} from './campaign-builders.js';

const BLUEPRINT = loadBlueprint('sms-bom-straathandel');
const ALL_ROLES: readonly Role[] = ['adviser', 'om_liaison', 'area_manager', 'distributor', 'admin'];

type Step =
  | { kind: 'act'; user: number; action: CampaignAction; stale: boolean; offsetMinutes: number }
  | { kind: 'upload'; user: number; label: number; size: number }
  | { kind: 'editVariant'; user: number; variant: number; suffix: string }
  | { kind: 'advance'; minutes: number }
  | { kind: 'dispatch'; batch: number }
  | { kind: 'drift'; label: number }
  | { kind: 'next'; user: number; natural: boolean };

const userArb = fc.integer({ min: 0, max: 4 });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record({
      kind: fc.constant('act' as const),
      user: userArb,
      action: fc.constantFrom(...CampaignActionSchema.options),
      stale: fc.boolean(),
      offsetMinutes: fc.integer({ min: -5, max: 600 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('upload' as const),
      user: userArb,
      label: fc.integer({ min: 0, max: 3 }),
      size: fc.integer({ min: 0, max: 800 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('editVariant' as const),
      user: userArb,
      variant: fc.integer({ min: 0, max: 5 }),
      suffix: fc.constantFrom('', ' Echt.', ' Gratis.', '!'),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      minutes: fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: 1, max: 240 }) },
        { weight: 1, arbitrary: fc.integer({ min: 1440, max: 4 * 1440 }) },
      ),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('dispatch' as const), batch: fc.integer({ min: 1, max: 400 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('drift' as const), label: fc.integer({ min: 0, max: 3 }) }),
  },
  {
    weight: 12,
    arbitrary: fc.record({ kind: fc.constant('next' as const), user: userArb, natural: fc.boolean() }),
  },
);

/** The action that moves the campaign forward from each status, so random runs also reach sending. */
const NEXT_ACTION: Partial<Record<Campaign['status'], CampaignAction>> = {
  draft: 'submit',
  rejected: 'submit',
  expired: 'submit',
  ready_for_approval: 'approve',
  approved: 'schedule',
  scheduled: 'start',
  paused: 'resume',
};

/** Who normally takes that step: the adviser u-0, the OM liaison u-1, or the dispatcher. */
const NATURAL_ACTOR: Partial<Record<CampaignAction, number>> = {
  submit: 0,
  approve: 1,
  schedule: 0,
  start: 4,
  resume: 0,
};

const WINDOW = { from: NOW.toISOString(), until: new Date(NOW.getTime() + 90 * 24 * HOUR).toISOString() };

/** Five people: the first is an adviser, the second an OM liaison, all may hold extra roles. */
const usersArb = fc
  .tuple(
    fc.subarray([...ALL_ROLES]),
    fc.subarray([...ALL_ROLES]),
    fc.subarray([...ALL_ROLES], { minLength: 1 }),
    fc.subarray([...ALL_ROLES], { minLength: 1 }),
  )
  .map(([a, b, c, d]) => [
    person('u-0', ...new Set<Role>(['adviser', ...a])),
    person('u-1', ...new Set<Role>(['om_liaison', ...b])),
    person('u-2', ...c),
    person('u-3', ...d),
    { system: 'dispatcher' } as CampaignActor,
  ]);

const stats = { runs: 0, started: 0, batches: 0, refusedBatches: 0 };

describe('campaign lifecycle under random use', () => {
  it('never sends without a valid approval of exactly the current data, never leaves the table, never exceeds the cap', () => {
    fc.assert(
      fc.property(
        usersArb,
        fc.array(stepArb, { minLength: 10, maxLength: 60, size: 'max' }),
        (users, steps) => {
          stats.runs += 1;
          let now = NOW;
          const creator = users[0]!;
          let campaign: Campaign = createCampaign({
            id: 'c-prop',
            caseId: 'case-prop',
            name: 'Eigenschap',
            blueprint: BLUEPRINT,
            actor: creator,
            now,
          }).campaign;
          campaign = applyCampaignAction(
            campaign,
            { type: 'edit', changes: { recipients: recipientSet('set-0'), plannedWindow: WINDOW } },
            ctx(creator, now),
          ).campaign;
          // The model's own view, kept apart from the campaign: who ever prepared it, what the store holds, what left.
          const everPrepared = new Set<string>(['u-0']);
          let storeRecipients = recipientsFingerprint('set-0');
          let sent = 0;
          const seenRequests: string[] = [];

          // The dispatcher's own computation, over the model's view of the recipient store.
          const dispatcherFingerprint = (c: Campaign): string => dispatchFingerprint(c, storeRecipients);

          const assertApprovedForExactlyThis = (c: Campaign) => {
            const approval = c.approval;
            expect(approval).not.toBeNull();
            expect(new Date(approval!.expiresAt).getTime()).toBeGreaterThan(now.getTime());
            expect(approval!.requestFingerprint).toBe(dispatcherFingerprint(c));
            expect(everPrepared.has(approval!.approvedBy)).toBe(false);
            expect(approval!.approvedBy.startsWith('system:')).toBe(false);
          };

          const tryCommand = (actor: CampaignActor, command: CampaignCommand, userId: string | null) => {
            const before = campaign;
            let result: ReturnType<typeof applyCampaignAction>;
            try {
              result = applyCampaignAction(before, command, ctx(actor, now));
            } catch (error) {
              expect(isDomainError(error), String(error)).toBe(true);
              return;
            }
            const after = result.campaign;
            if (after === before) {
              expect(result.events).toEqual([]);
              return;
            }
            expect(CampaignSchema.safeParse(after).success).toBe(true);
            const row = CAMPAIGN_TRANSITIONS.find(
              (t) => t.from === before.status && t.action === command.type && t.to === after.status,
            );
            expect(row, `${before.status} --${command.type}--> ${after.status}`).toBeDefined();
            expect(after.version).toBe(before.version + 1);
            expect(result.events.length).toBeGreaterThan(0);
            for (const event of result.events)
              expect(AuditEventDraftSchema.safeParse(event).success).toBe(true);
            if ((command.type === 'edit' || command.type === 'submit') && userId !== null)
              everPrepared.add(userId);
            if (command.type === 'edit' && command.changes.recipients?.fingerprint)
              storeRecipients = command.changes.recipients.fingerprint;
            if (after.status === 'sending' && before.status !== 'sending') {
              stats.started += 1;
              assertApprovedForExactlyThis(after);
            }
            if (after.approvalRequest && !seenRequests.includes(after.approvalRequest.fingerprint))
              seenRequests.push(after.approvalRequest.fingerprint);
            campaign = after;
          };

          for (const step of steps) {
            switch (step.kind) {
              case 'advance':
                now = new Date(now.getTime() + step.minutes * 60_000);
                break;
              case 'drift':
                storeRecipients = recipientsFingerprint(`drift-${step.label}`);
                break;
              case 'upload': {
                const user = users[step.user]!;
                const set = recipientSet(`set-${step.label}`, step.size);
                tryCommand(
                  user,
                  { type: 'edit', changes: { recipients: set } },
                  'userId' in user ? user.userId : null,
                );
                break;
              }
              case 'editVariant': {
                const user = users[step.user]!;
                const variants = campaign.variants.map((v, i) =>
                  i === step.variant ? { ...v, text: v.text.replace('{link}', `{link}${step.suffix}`) } : v,
                );
                tryCommand(
                  user,
                  { type: 'edit', changes: { variants } },
                  'userId' in user ? user.userId : null,
                );
                break;
              }
              case 'dispatch': {
                // The checks the dispatcher makes before each batch (app/dispatch.ts): the guard, then the cap.
                // The running dispatcher itself is driven by test/handlers/dispatcher.property.test.ts.
                let size: number;
                try {
                  assertDispatchAllowed(campaign, dispatcherFingerprint(campaign), now);
                  size = Math.min(step.batch, remainingCap(campaign, sent));
                } catch (error) {
                  expect(error).toBeInstanceOf(DispatchRefusedError);
                  stats.refusedBatches += 1;
                  break;
                }
                expect(campaign.status).toBe('sending');
                assertApprovedForExactlyThis(campaign);
                sent += size;
                stats.batches += 1;
                expect(sent).toBeLessThanOrEqual(campaign.approval!.approvedCount);
                break;
              }
              case 'next':
              case 'act': {
                const action = step.kind === 'act' ? step.action : NEXT_ACTION[campaign.status];
                if (action === undefined) break;
                const user =
                  users[
                    step.kind === 'next' && step.natural ? (NATURAL_ACTOR[action] ?? step.user) : step.user
                  ]!;
                const stale = step.kind === 'act' && step.stale;
                const offsetMinutes = step.kind === 'act' ? step.offsetMinutes : 0;
                if (step.kind === 'next' && action === 'start' && campaign.scheduledAt !== null) {
                  now = new Date(Math.max(now.getTime(), new Date(campaign.scheduledAt).getTime()));
                }
                const request =
                  campaign.approvalRequest?.fingerprint ?? seenRequests.at(-1) ?? `sha256:${'1'.repeat(64)}`;
                const seen = stale && seenRequests.length > 0 ? seenRequests[0]! : request;
                const commands: Record<CampaignAction, CampaignCommand> = {
                  edit: { type: 'edit', changes: { ratePerSecond: 1 + (offsetMinutes % 15 === 0 ? 9 : 4) } },
                  submit: { type: 'submit' },
                  approve: {
                    type: 'approve',
                    requestFingerprint: seen,
                    legalReference: 'Parket 16/123456-26',
                    confirmed: true,
                  },
                  reject: { type: 'reject', requestFingerprint: seen, reason: 'Niet akkoord' },
                  withdraw: { type: 'withdraw', reason: 'Ingetrokken' },
                  schedule: {
                    type: 'schedule',
                    startAt: new Date(now.getTime() + offsetMinutes * 60_000).toISOString(),
                  },
                  start: { type: 'start', currentFingerprint: dispatcherFingerprint(campaign) },
                  pause: { type: 'pause' },
                  resume: { type: 'resume', currentFingerprint: dispatcherFingerprint(campaign) },
                  complete: { type: 'complete' },
                  cancel: { type: 'cancel' },
                  expire: { type: 'expire' },
                  purge: { type: 'purge' },
                };
                tryCommand(user, commands[action], 'userId' in user ? user.userId : null);
                break;
              }
            }
          }
        },
      ),
      { numRuns: 400, seed: 20260302 },
    );
    // The property must not hold vacuously: random use reaches sending and dispatches batches.
    expect(stats.started).toBeGreaterThan(20);
    expect(stats.batches).toBeGreaterThan(20);
    expect(stats.refusedBatches).toBeGreaterThan(20);
  });
});

describe('campaign lifecycle on the happy path with random interference', () => {
  it('an edit between approval and dispatch always blocks the next batch', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), fc.constantFrom(' Nu.', ' Echt.'), (index, suffix) => {
        // Prepare
        const owner = person('u-a', 'adviser');
        const om = person('u-o', 'om_liaison');
        let c = createCampaign({
          id: 'c-x',
          caseId: 'case-x',
          name: 'Xenon',
          blueprint: BLUEPRINT,
          actor: owner,
          now: NOW,
        }).campaign;
        c = applyCampaignAction(
          c,
          { type: 'edit', changes: { recipients: recipientSet('s'), plannedWindow: PLANNED_WINDOW } },
          ctx(owner),
        ).campaign;
        c = applyCampaignAction(c, { type: 'submit' }, ctx(owner)).campaign;
        c = applyCampaignAction(
          c,
          {
            type: 'approve',
            requestFingerprint: c.approvalRequest!.fingerprint,
            legalReference: 'Parket 1/2',
            confirmed: true,
          },
          ctx(om),
        ).campaign;
        const approvedFingerprint = c.approval!.requestFingerprint;
        const variants = c.variants.map((v, i) => (i === index ? { ...v, text: `${v.text}${suffix}` } : v));

        // Act
        const edited = applyCampaignAction(c, { type: 'edit', changes: { variants } }, ctx(owner)).campaign;
        const attempt = () =>
          assertDispatchAllowed(
            { ...edited, status: 'sending' },
            dispatchFingerprint(edited, edited.recipients.fingerprint),
            new Date(NOW.getTime() + HOUR),
          );

        // Assess
        expect(edited.status).toBe('draft');
        expect(dispatchFingerprint(edited, edited.recipients.fingerprint)).not.toBe(approvedFingerprint);
        expect(attempt).toThrow(DispatchRefusedError);
      }),
      { numRuns: 50 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CAMPAIGN_ACTION_ROLES, ROUND_TASK_ROLES } from '../../../functions/core/auth/permissions.js';
import { type Role, RoleSchema } from '../../../functions/core/auth/roles.js';
import { type Campaign, CampaignStatusSchema } from '../../../functions/core/campaigns/campaign.schema.js';
import { taskNotification } from '../../../functions/core/tasks/mail.js';
import {
  amsterdamDate,
  myTasks,
  TASK_KIND_LABELS,
  type TaskKind,
  TaskKindSchema,
  type TaskSources,
} from '../../../functions/core/tasks/my-tasks.js';
import { aRound, aRoundStreet } from '../../fixtures/letter-builders.js';
import { aCampaign } from '../../fixtures/sms-builders.js';

const NOW = new Date('2026-03-04T10:00:00.000Z');
const FP = 'a'.repeat(64);

const request = (preparedBy: string[]): NonNullable<Campaign['approvalRequest']> =>
  ({ seq: 1, fingerprint: FP, preparedBy, requestedBy: preparedBy[0] }) as NonNullable<
    Campaign['approvalRequest']
  >;
const approval = (expiresAt: string): NonNullable<Campaign['approval']> =>
  ({ requestSeq: 1, requestFingerprint: FP, approvedBy: 'om1', expiresAt }) as NonNullable<
    Campaign['approval']
  >;

function sms(overrides: Partial<Campaign> = {}): Campaign {
  return aCampaign({ preparers: ['adv1'], ...overrides });
}
function letter(overrides: Partial<Campaign> = {}): Campaign {
  return aCampaign({ preparers: ['area1'], ...overrides }, 'wijkbericht-na-arrestaties');
}
function sources(overrides: Partial<TaskSources> = {}): TaskSources {
  return {
    campaigns: [],
    responsibleByCase: new Map(),
    rounds: [],
    unknownOutcomes: new Map(),
    ...overrides,
  };
}
const person = (id: string, ...roles: Role[]) => ({ id, roles });
const kinds = (tasks: { kind: TaskKind }[]) => tasks.map((t) => t.kind);

describe('myTasks', () => {
  it('gives the OM an SMS request waiting for approval, unless they prepared it (four-eyes)', () => {
    // Prepare
    const waiting = sms({ status: 'ready_for_approval', approvalRequest: request(['adv1', 'om2']) });
    const all = sources({ campaigns: [waiting] });
    // Act
    const om1 = myTasks(person('om1', 'om_liaison'), all, NOW);
    const om2 = myTasks(person('om2', 'om_liaison'), all, NOW);
    const adviser = myTasks(person('adv1', 'adviser'), all, NOW);
    // Assess
    expect(om1).toEqual([
      {
        kind: 'approve_sms',
        subjectId: waiting.id,
        campaignId: waiting.id,
        text: `Beoordeel het verzoek om goedkeuring van „${waiting.name}”.`,
        href: `/goedkeuringen/${waiting.id}`,
      },
    ]);
    expect(om2).toEqual([]);
    expect(adviser).toEqual([]);
  });

  it('gives a letter waiting for a decision to its case’s responsible manager only', () => {
    // Prepare
    const waiting = letter({
      status: 'ready_for_approval',
      caseId: 'case9',
      approvalRequest: request(['area1']),
    });
    const all = sources({ campaigns: [waiting], responsibleByCase: new Map([['case9', 'boss']]) });
    // Act / Assess
    expect(kinds(myTasks(person('boss', 'area_manager'), all, NOW))).toEqual(['decide_letter']);
    expect(myTasks(person('boss', 'area_manager'), all, NOW)[0]!.href).toBe(`/wijkberichten/${waiting.id}`);
    expect(myTasks(person('other', 'area_manager'), all, NOW)).toEqual([]);
    expect(myTasks(person('boss', 'om_liaison'), all, NOW)).toEqual([]);
  });

  it('gives the area manager today’s rounds in Europe/Amsterdam that still have streets to deliver', () => {
    // Prepare: 23:30 UTC on 3 March is already 4 March in Amsterdam
    const lateEvening = new Date('2026-03-03T23:30:00.000Z');
    const campaign = letter({ status: 'approved', name: 'Brief Bazooka' });
    const today = aRound({ campaignId: campaign.id, date: '2026-03-04' });
    const yesterday = aRound({ campaignId: campaign.id, date: '2026-03-03' });
    const done = aRound({
      campaignId: campaign.id,
      date: '2026-03-04',
      streets: [aRoundStreet({ status: 'delivered' })],
    });
    const all = sources({ campaigns: [campaign], rounds: [today, yesterday, done] });
    // Act
    const tasks = myTasks(person('area1', 'area_manager'), all, lateEvening);
    // Assess
    expect(tasks.map((t) => t.subjectId)).toEqual([today.id]);
    expect(tasks[0]!.text).toBe(
      'Vandaag 09:00–12:00 bezorgronde van „Brief Bazooka”: 2 van 2 straten nog niet bezorgd.',
    );
    expect(tasks[0]!.href).toBe(`/wijkberichten/${campaign.id}/bezorging`);
    expect(myTasks(person('d1', 'distributor'), all, lateEvening)).toEqual([]);
    expect(amsterdamDate(lateEvening)).toBe('2026-03-04');
  });

  it('gives a rejected campaign back to whoever prepared it', () => {
    // Prepare
    const rejected = sms({ status: 'rejected' });
    const all = sources({ campaigns: [rejected] });
    // Act / Assess
    expect(kinds(myTasks(person('adv1', 'adviser'), all, NOW))).toEqual(['campaign_rejected']);
    expect(myTasks(person('adv2', 'adviser'), all, NOW)).toEqual([]);
    expect(myTasks(person('adv1', 'om_liaison'), all, NOW)).toEqual([]);
  });

  it('asks the preparer to decide on recipients with an unknown outcome while the campaign runs', () => {
    // Prepare
    const running = sms({ status: 'sending' });
    const finished = sms({ status: 'completed' });
    const all = sources({
      campaigns: [running, finished],
      unknownOutcomes: new Map([
        [running.id, 3],
        [finished.id, 2],
      ]),
    });
    // Act
    const tasks = myTasks(person('adv1', 'adviser'), all, NOW);
    // Assess
    expect(tasks.map((t) => [t.kind, t.subjectId, t.href])).toEqual([
      ['unknown_outcome', running.id, `/campagnes/${running.id}/verzending`],
    ]);
    expect(tasks[0]!.text).toContain('Van 3 ontvangers van');
  });

  it('warns about an approval that ends within 24 hours, not one further off or already ended', () => {
    // Prepare
    const soon = sms({ status: 'approved', approval: approval('2026-03-05T09:59:00.000Z') });
    const later = sms({ status: 'scheduled', approval: approval('2026-03-05T10:01:00.000Z') });
    const ended = sms({ status: 'approved', approval: approval('2026-03-04T09:59:00.000Z') });
    const all = sources({ campaigns: [soon, later, ended] });
    // Act
    const tasks = myTasks(person('adv1', 'adviser'), all, NOW);
    // Assess
    expect(tasks.map((t) => [t.kind, t.subjectId])).toEqual([['approval_expiring', soon.id]]);
    expect(tasks[0]!.text).toMatch(/verloopt 5 maart om 10:59\.$/);
  });

  const arbitraryWorld = fc
    .record({
      campaigns: fc.array(
        fc.record({
          status: fc.constantFrom(...CampaignStatusSchema.options),
          kind: fc.constantFrom('sms' as const, 'letter' as const),
          preparers: fc.subarray(['p1', 'p2', 'p3'], { minLength: 1 }),
          expiresInMs: fc.integer({ min: -86_400_000, max: 3 * 86_400_000 }),
          unknown: fc.nat(5),
          responsible: fc.constantFrom('p1', 'p2', 'p3'),
        }),
        { maxLength: 8 },
      ),
      roundDays: fc.array(fc.integer({ min: -1, max: 1 }), { maxLength: 4 }),
      me: fc.constantFrom('p1', 'p2', 'p3'),
      roles: fc.subarray(RoleSchema.options, { minLength: 1 }),
    })
    .map((w) => {
      const campaigns = w.campaigns.map((c, i) =>
        (c.kind === 'sms' ? sms : letter)({
          id: `c${i}`,
          caseId: `case${i}`,
          status: c.status,
          preparers: c.preparers,
          approvalRequest: request(c.preparers),
          approval: approval(new Date(NOW.getTime() + c.expiresInMs).toISOString()),
        }),
      );
      const rounds = w.roundDays.map((d, i) =>
        aRound({
          id: `r${i}`,
          campaignId: campaigns[0]?.id ?? 'c0',
          date: amsterdamDate(new Date(NOW.getTime() + d * 86_400_000)),
        }),
      );
      return {
        person: person(w.me, ...w.roles),
        sources: sources({
          campaigns,
          rounds,
          responsibleByCase: new Map(w.campaigns.map((c, i) => [`case${i}`, c.responsible])),
          unknownOutcomes: new Map(w.campaigns.map((c, i) => [`c${i}`, c.unknown])),
        }),
      };
    });

  it('only ever gives a task to someone whose role the role table allows to do it', () => {
    const doer: Record<TaskKind, (kind: 'sms' | 'letter') => readonly string[]> = {
      approve_sms: () => CAMPAIGN_ACTION_ROLES.sms.approve,
      decide_letter: () => CAMPAIGN_ACTION_ROLES.letter.approve,
      round_today: () => ROUND_TASK_ROLES,
      campaign_rejected: (k) => CAMPAIGN_ACTION_ROLES[k].submit,
      unknown_outcome: (k) => CAMPAIGN_ACTION_ROLES[k].resume,
      approval_expiring: (k) => CAMPAIGN_ACTION_ROLES[k].schedule,
    };
    fc.assert(
      fc.property(arbitraryWorld, ({ person: p, sources: s }) => {
        for (const task of myTasks(p, s, NOW)) {
          const campaign = s.campaigns.find((c) => c.id === task.campaignId);
          const allowed = doer[task.kind](campaign?.kind ?? 'letter');
          expect(
            p.roles.some((r) => allowed.includes(r)),
            task.kind,
          ).toBe(true);
          expect(task.href.startsWith('/')).toBe(true);
          if (task.kind !== 'round_today') expect(task.subjectId).toBe(task.campaignId);
          // Four-eyes: nobody is asked to decide on what they prepared.
          if (task.kind === 'approve_sms' || task.kind === 'decide_letter') {
            expect(campaign?.preparers).not.toContain(p.id);
          }
        }
      }),
    );
  });

  it('lists the same tasks in the same order whatever order the sources come in', () => {
    fc.assert(
      fc.property(arbitraryWorld, fc.integer(), ({ person: p, sources: s }, seed) => {
        const shuffled = [...s.campaigns].sort(
          (a, b) => ((a.id.charCodeAt(1) * seed) % 7) - ((b.id.charCodeAt(1) * seed) % 7),
        );
        expect(myTasks(p, { ...s, campaigns: shuffled, rounds: [...s.rounds].reverse() }, NOW)).toEqual(
          myTasks(p, s, NOW),
        );
      }),
    );
  });
});

describe('the notification mail', () => {
  it('names the kind of task and where to sign in, and nothing about the campaign or a person', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TaskKindSchema.options), (kind) => {
        // Act
        const mail = taskNotification('om@gemeente.nl', kind, 'https://perspectief.gemeente.nl');
        // Assess
        expect(mail.text.split('\n')[0]).toBe(
          `Er wacht een taak voor u in Perspectief: ${TASK_KIND_LABELS[kind]}.`,
        );
        expect(mail.text).toContain('Log in: https://perspectief.gemeente.nl/');
        expect(mail.text).not.toMatch(/\d{6,}|„|Bazooka|@/);
        expect(mail.subject).not.toMatch(/\d/);
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { AuditEventDraftSchema } from '../../../functions/core/audit/index.js';
import type { Role } from '../../../functions/core/auth/roles.js';
import {
  ActionForbiddenError,
  applyCampaignAction,
  availableActions,
  CAMPAIGN_TRANSITIONS,
  type Campaign,
  type CampaignAction,
  CampaignActionSchema,
  type CampaignActor,
  type CampaignCommand,
  CampaignSchema,
  type CampaignStatus,
  CampaignStatusSchema,
  campaignContentFingerprint,
  DispatchRefusedError,
  FourEyesError,
  IllegalTransitionError,
  StaleRequestError,
} from '../../../functions/core/campaigns/index.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../../functions/core/errors.js';
import {
  adviser,
  adviser2,
  approveCommand,
  at,
  campaignIn,
  caseManager,
  ctx,
  DAY,
  dispatcher,
  HOUR,
  NOW,
  newDraft,
  omLiaison,
  omLiaison2,
  POLICY,
  person,
  recipientSet,
  run,
  START_AT,
  startCommand,
} from './campaign-builders.js';

function expectError<T extends Error>(fn: () => unknown, type: new (...args: never[]) => T): T {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(type);
    return error as T;
  }
  throw new Error(`expected ${type.name}`);
}

describe('transition table', () => {
  it('mentions only known statuses and actions, and leaves purged terminal', () => {
    // Prepare
    const statuses = new Set<string>(CampaignStatusSchema.options);
    const actions = new Set<string>(CampaignActionSchema.options);

    // Act
    const unknown = CAMPAIGN_TRANSITIONS.filter(
      (t) => !statuses.has(t.from) || !statuses.has(t.to) || !actions.has(t.action),
    );
    const fromPurged = CAMPAIGN_TRANSITIONS.filter((t) => t.from === 'purged');

    // Assess
    expect(unknown).toEqual([]);
    expect(fromPurged).toEqual([]);
  });

  it('has at most one row per status, action and edit scope', () => {
    // Prepare
    const keys = CAMPAIGN_TRANSITIONS.map((t) => `${t.from}|${t.action}|${t.editScope ?? '*'}`);

    // Act
    const duplicates = keys.filter((k, i) => keys.indexOf(k) !== i);

    // Assess
    expect(duplicates).toEqual([]);
  });

  it('reaches every status from draft', () => {
    // Prepare
    const reached = new Set<CampaignStatus>(['draft']);

    // Act
    for (let changed = true; changed; ) {
      changed = false;
      for (const t of CAMPAIGN_TRANSITIONS) {
        if (reached.has(t.from) && !reached.has(t.to)) {
          reached.add(t.to);
          changed = true;
        }
      }
    }

    // Assess
    expect([...reached].sort()).toEqual([...CampaignStatusSchema.options].sort());
  });
});

describe('the normal path', () => {
  it('goes draft → ready → approved → scheduled → sending ⇄ paused → completed with one audit event per step', () => {
    // Prepare
    let campaign = newDraft();
    const events: unknown[] = [];
    const step = (actor: CampaignActor, command: CampaignCommand, now: Date = NOW) => {
      const result = applyCampaignAction(campaign, command, ctx(actor, now));
      events.push(...result.events);
      campaign = result.campaign;
      return campaign.status;
    };

    // Act
    const statuses = [
      step(adviser, { type: 'submit' }),
      step(omLiaison, approveCommand(campaign)),
      step(adviser, { type: 'schedule', startAt: START_AT.toISOString() }),
      step(dispatcher, startCommand(campaign), START_AT),
      step(adviser, { type: 'pause' }, START_AT),
      step(adviser, startCommand(campaign, 'resume'), START_AT),
      step(dispatcher, { type: 'complete' }, at(2 * HOUR)),
    ];

    // Assess
    expect(statuses).toEqual([
      'ready_for_approval',
      'approved',
      'scheduled',
      'sending',
      'paused',
      'sending',
      'completed',
    ]);
    expect(events).toHaveLength(7);
    for (const event of events) expect(AuditEventDraftSchema.safeParse(event).success).toBe(true);
    expect(CampaignSchema.safeParse(campaign).success).toBe(true);
    expect(campaign.version).toBe(1 + 7);
  });

  it('freezes the request with a full SHA-256 fingerprint over exactly what will be sent', () => {
    // Prepare
    const draft = newDraft();

    // Act
    const ready = applyCampaignAction(draft, { type: 'submit' }, ctx(adviser)).campaign;

    // Assess
    const request = ready.approvalRequest!;
    expect(request.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(request.fingerprint).toBe(campaignContentFingerprint(draft));
    expect(request.variants).toEqual(draft.variants);
    expect(request.counts.excluded).toEqual({ landline: 25, opt_out: 10, recently_messaged: 5 });
    expect(request.preparedBy).toEqual(['u-adviser']);
    expect(request.seq).toBe(1);
  });

  it('records the legal reference, the approver and the expiry on approval', () => {
    // Prepare
    const ready = campaignIn('ready_for_approval');

    // Act
    const { campaign, events } = applyCampaignAction(
      ready,
      { ...approveCommand(ready), legalReference: '  16/659320-26   RC-machtiging  ' } as CampaignCommand,
      ctx(omLiaison),
    );

    // Assess
    expect(campaign.status).toBe('approved');
    expect(campaign.approval).toMatchObject({
      approvedBy: 'u-om',
      legalReference: '16/659320-26 RC-machtiging',
      approvedCount: 600,
      expiresAt: new Date(NOW.getTime() + 7 * DAY).toISOString(),
    });
    expect(events.map((e) => e.action)).toEqual(['campaign.approved']);
    expect(events[0]?.details.legalReference).toBe('16/659320-26 RC-machtiging');
  });
});

describe('role × action matrix', () => {
  // The expected permissions, written out independently of CAMPAIGN_ACTION_ROLES.
  const SMS_EXPECTED: Record<CampaignAction, readonly (Role | 'system')[]> = {
    edit: ['adviser'],
    submit: ['adviser'],
    approve: ['om_liaison'],
    reject: ['om_liaison'],
    withdraw: ['om_liaison'],
    schedule: ['adviser'],
    start: ['adviser', 'system'],
    pause: ['adviser', 'admin'],
    resume: ['adviser'],
    complete: ['system'],
    cancel: ['adviser', 'admin'],
    expire: ['system'],
    purge: ['admin', 'system'],
  };
  // Letters: the area manager also prepares and plans; the case's responsible manager (an adviser or an
  // area manager) decides instead of the OM.
  const LETTER_EXPECTED: Record<CampaignAction, readonly (Role | 'system')[]> = {
    ...SMS_EXPECTED,
    edit: ['adviser', 'area_manager'],
    submit: ['adviser', 'area_manager'],
    approve: ['adviser', 'area_manager'],
    reject: ['adviser', 'area_manager'],
    withdraw: ['adviser', 'area_manager'],
    schedule: ['adviser', 'area_manager'],
    start: ['adviser', 'area_manager', 'system'],
    pause: ['adviser', 'area_manager', 'admin'],
    resume: ['adviser', 'area_manager'],
    cancel: ['adviser', 'area_manager', 'admin'],
  };

  /** A campaign where the action is legal, the command to do it, and when. */
  function setup(
    action: CampaignAction,
    kind: 'sms' | 'letter',
  ): { campaign: Campaign; command: CampaignCommand; now: Date } {
    switch (action) {
      case 'edit':
        return {
          campaign: campaignIn('draft', kind),
          command: { type: 'edit', changes: { name: 'Bazooka 2' } },
          now: NOW,
        };
      case 'submit':
        return { campaign: campaignIn('draft', kind), command: { type: 'submit' }, now: NOW };
      case 'approve': {
        const campaign = campaignIn('ready_for_approval', kind);
        return { campaign, command: approveCommand(campaign), now: NOW };
      }
      case 'reject': {
        const campaign = campaignIn('ready_for_approval', kind);
        const requestFingerprint = campaign.approvalRequest!.fingerprint;
        return { campaign, command: { type: 'reject', requestFingerprint, reason: 'Onvolledig' }, now: NOW };
      }
      case 'withdraw':
        return {
          campaign: campaignIn('approved', kind),
          command: { type: 'withdraw', reason: 'Onderzoek loopt nog' },
          now: NOW,
        };
      case 'schedule':
        return {
          campaign: campaignIn('approved', kind),
          command: { type: 'schedule', startAt: START_AT.toISOString() },
          now: NOW,
        };
      case 'start': {
        const campaign = campaignIn('scheduled', kind);
        return { campaign, command: startCommand(campaign), now: START_AT };
      }
      case 'pause':
        return { campaign: campaignIn('sending', kind), command: { type: 'pause' }, now: START_AT };
      case 'resume': {
        const campaign = campaignIn('paused', kind);
        return { campaign, command: startCommand(campaign, 'resume'), now: START_AT };
      }
      case 'complete':
        return { campaign: campaignIn('sending', kind), command: { type: 'complete' }, now: START_AT };
      case 'cancel':
        return { campaign: campaignIn('draft', kind), command: { type: 'cancel' }, now: NOW };
      case 'expire':
        return { campaign: campaignIn('approved', kind), command: { type: 'expire' }, now: at(8 * DAY) };
      case 'purge':
        return { campaign: campaignIn('cancelled', kind), command: { type: 'purge' }, now: NOW };
    }
  }

  const actingAs: readonly (Role | 'system')[] = [
    'adviser',
    'om_liaison',
    'area_manager',
    'distributor',
    'admin',
    'system',
  ];

  for (const kind of ['sms', 'letter'] as const) {
    for (const action of CampaignActionSchema.options) {
      for (const role of actingAs) {
        const allowed = (kind === 'sms' ? SMS_EXPECTED : LETTER_EXPECTED)[action].includes(role);
        it(`${kind}: ${role} ${allowed ? 'may' : 'may not'} ${action}`, () => {
          // Prepare
          const { campaign, command, now } = setup(action, kind);
          const actor: CampaignActor =
            role === 'system' ? { system: 'dispatcher' } : person(`u-fresh-${role}`, role);

          // Act
          const attempt = () => applyCampaignAction(campaign, command, ctx(actor, now));

          // Assess
          if (allowed) {
            const { campaign: after, events } = attempt();
            expect(after.version).toBe(campaign.version + 1);
            expect(events.length).toBeGreaterThan(0);
            expect(events[0]?.actorRole).toBe(role);
          } else {
            expectError(attempt, ActionForbiddenError);
          }
        });
      }
    }
  }

  it('lets only the case’s responsible manager decide on a letter campaign', () => {
    // Prepare
    const ready = campaignIn('ready_for_approval', 'letter');
    const otherManager = person('u-other-manager', 'area_manager');

    // Act
    const byOther = () =>
      applyCampaignAction(ready, approveCommand(ready), ctx(otherManager, NOW, POLICY, 'u-case-manager'));
    const byResponsible = applyCampaignAction(ready, approveCommand(ready), ctx(caseManager, NOW, POLICY));

    // Assess
    expectError(byOther, ActionForbiddenError);
    expect(byResponsible.campaign.status).toBe('approved');
  });

  it('offers as available exactly the actions the table and the roles allow', () => {
    // Prepare
    const ready = campaignIn('ready_for_approval');

    // Act
    const forOm = availableActions(ready, omLiaison);
    const forAdviser = availableActions(ready, adviser);

    // Assess
    expect(forOm).toEqual(['approve', 'reject']);
    expect(forAdviser).toEqual(['edit', 'cancel']);
  });
});

describe('four-eyes', () => {
  it('refuses an approver who prepared the campaign, also when they hold the OM role', () => {
    // Prepare
    const both = person('u-both', 'adviser', 'om_liaison');
    const draft = run(newDraft(), [
      { actor: both, command: { type: 'edit', changes: { name: 'Bazooka herzien' } } },
    ]);
    const ready = run(draft, [{ actor: adviser, command: { type: 'submit' } }]);

    // Act
    const error = expectError(
      () => applyCampaignAction(ready, approveCommand(ready), ctx(both)),
      FourEyesError,
    );

    // Assess
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error.userMessage).toContain('zelf voorbereid');
  });

  it('refuses the submitter even when someone else uploaded the list', () => {
    // Prepare
    const both = person('u-both', 'adviser', 'om_liaison');

    // Act
    const ready = run(newDraft(), [{ actor: both, command: { type: 'submit' } }]);

    // Assess
    expectError(() => applyCampaignAction(ready, approveCommand(ready), ctx(both)), FourEyesError);
    expect(applyCampaignAction(ready, approveCommand(ready), ctx(omLiaison)).campaign.status).toBe(
      'approved',
    );
  });

  it('does not let the approver change the approved campaign afterwards', () => {
    // Prepare
    const both = person('u-both', 'adviser', 'om_liaison');
    const ready = campaignIn('ready_for_approval');
    const approved = run(ready, [{ actor: both, command: approveCommand(ready) }]);

    // Act
    const attempt = () =>
      applyCampaignAction(approved, { type: 'edit', changes: { ratePerSecond: 5 } }, ctx(both));

    // Assess
    expectError(attempt, ActionForbiddenError);
  });
});

describe('approving', () => {
  it('makes a double click one approval: the second is a conflict without an event', () => {
    // Prepare
    const ready = campaignIn('ready_for_approval');
    const command = approveCommand(ready);
    const first = applyCampaignAction(ready, command, ctx(omLiaison));

    // Act
    const error = expectError(
      () => applyCampaignAction(first.campaign, command, ctx(omLiaison)),
      IllegalTransitionError,
    );

    // Assess
    expect(first.events).toHaveLength(1);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.userMessage).toBe('Deze aanvraag is al goedgekeurd.');
  });

  it('refuses a stale request after an edit with a clear Dutch message', () => {
    // Prepare
    const ready = campaignIn('ready_for_approval');
    const seen = approveCommand(ready);
    const edited = run(ready, [
      { actor: adviser, command: { type: 'edit', changes: { variants: ready.variants.slice(0, 3) } } },
    ]);
    const resubmitted = run(edited, [{ actor: adviser, command: { type: 'submit' } }]);

    // Act
    const whileDraft = expectError(
      () => applyCampaignAction(edited, seen, ctx(omLiaison)),
      StaleRequestError,
    );
    const afterResubmit = expectError(
      () => applyCampaignAction(resubmitted, seen, ctx(omLiaison)),
      StaleRequestError,
    );

    // Assess
    expect(edited.status).toBe('draft');
    expect(whileDraft.userMessage).toContain('gewijzigd of ingetrokken nadat u haar opende');
    expect(afterResubmit.userMessage).toContain('gewijzigd nadat u haar opende');
    expect(resubmitted.approvalRequest?.seq).toBe(2);
  });

  it.each([
    ['', 'Vul een juridische referentie in'],
    ['   ', 'Vul een juridische referentie in'],
    ['x'.repeat(101), 'hoogstens 100 tekens'],
    ['bel 06-12345678', 'telefoonnummer'],
    ['<script>', 'alleen letters, cijfers'],
  ])('refuses the legal reference %j', (legalReference, message) => {
    // Prepare
    const ready = campaignIn('ready_for_approval');

    // Act
    const error = expectError(
      () =>
        applyCampaignAction(
          ready,
          { ...approveCommand(ready), legalReference } as CampaignCommand,
          ctx(omLiaison),
        ),
      ValidationError,
    );

    // Assess
    expect(error.userMessage).toContain(message);
  });

  it('requires the explicit confirmation', () => {
    // Prepare
    const ready = campaignIn('ready_for_approval');

    // Act
    const error = expectError(
      () =>
        applyCampaignAction(
          ready,
          { ...approveCommand(ready), confirmed: false } as CampaignCommand,
          ctx(omLiaison),
        ),
      ValidationError,
    );

    // Assess
    expect(error.userMessage).toContain('Bevestig');
  });

  it('uses the configured validity', () => {
    // Prepare
    const ready = campaignIn('ready_for_approval');

    // Act
    const { campaign } = applyCampaignAction(ready, approveCommand(ready), {
      ...ctx(omLiaison),
      policy: { ...ctx(omLiaison).policy, approvalValidityDays: 3 },
    });

    // Assess
    expect(campaign.approval?.expiresAt).toBe(at(3 * DAY).toISOString());
  });
});

describe('rejecting and resubmitting', () => {
  it('requires a reason, shows it to the adviser, and allows edit and resubmit', () => {
    // Prepare
    const ready = campaignIn('ready_for_approval');
    const requestFingerprint = ready.approvalRequest!.fingerprint;

    // Act
    const noReason = expectError(
      () => applyCampaignAction(ready, { type: 'reject', requestFingerprint, reason: '  ' }, ctx(omLiaison)),
      ValidationError,
    );
    const rejected = run(ready, [
      {
        actor: omLiaison,
        command: { type: 'reject', requestFingerprint, reason: 'Variant 3 is te stellig' },
      },
    ]);
    const edited = run(rejected, [
      { actor: adviser, command: { type: 'edit', changes: { variants: rejected.variants.slice(0, 2) } } },
    ]);
    const resubmitted = run(edited, [{ actor: adviser, command: { type: 'submit' } }]);

    // Assess
    expect(noReason.userMessage).toContain('reden');
    expect(rejected.status).toBe('rejected');
    expect(rejected.rejection?.reason).toBe('Variant 3 is te stellig');
    expect(edited.status).toBe('draft');
    expect(edited.rejection?.reason).toBe('Variant 3 is te stellig');
    expect(resubmitted.status).toBe('ready_for_approval');
    expect(resubmitted.rejection).toBeNull();
    expect(resubmitted.approvalRequest?.fingerprint).not.toBe(requestFingerprint);
  });
});

describe('voiding by edits', () => {
  const contentChanges = [
    ['a new upload', (_c: Campaign) => ({ recipients: recipientSet('upload-2') })],
    [
      'an edited variant',
      (c: Campaign) => ({
        variants: [{ ...c.variants[0]!, text: `${c.variants[0]!.text} ` }, ...c.variants.slice(1)],
      }),
    ],
    ['a changed link', (_c: Campaign) => ({ helpLink: 'https://hulpnadrugs.example.nl/anders' })],
    ['a changed sender', (_c: Campaign) => ({ senderName: 'Utrecht' })],
  ] as const;

  for (const status of ['ready_for_approval', 'approved', 'scheduled'] as const) {
    for (const [label, change] of contentChanges) {
      it(`${label} in ${status} returns to draft and voids the approval`, () => {
        // Prepare
        const campaign = campaignIn(status);

        // Act
        const { campaign: after, events } = applyCampaignAction(
          campaign,
          { type: 'edit', changes: change(campaign) },
          ctx(adviser2),
        );

        // Assess
        expect(after.status).toBe('draft');
        expect(after.approval).toBeNull();
        expect(after.approvalRequest).toBeNull();
        expect(after.preparers).toContain('u-adviser-2');
        expect(events.map((e) => e.action)).toEqual(['campaign.edited', 'campaign.approval_voided']);
        for (const event of events)
          expect(AuditEventDraftSchema.parse(event).details.changedFields).toHaveLength(1);
        expect(campaignContentFingerprint(after)).not.toBe(campaign.approvalRequest?.fingerprint);
      });
    }
  }

  it('keeps the approval on a settings-only edit', () => {
    // Prepare
    const approved = campaignIn('approved');

    // Act
    const { campaign } = applyCampaignAction(
      approved,
      { type: 'edit', changes: { ratePerSecond: 5 } },
      ctx(adviser),
    );

    // Assess
    expect(campaign.status).toBe('approved');
    expect(campaign.approval).toEqual(approved.approval);
  });

  it('refuses content edits while sending', () => {
    // Prepare
    const sending = campaignIn('sending');

    // Act
    const error = expectError(
      () =>
        applyCampaignAction(
          sending,
          { type: 'edit', changes: { recipients: recipientSet('x') } },
          ctx(adviser, START_AT),
        ),
      IllegalTransitionError,
    );

    // Assess
    expect(error.userMessage).toContain('Tijdens het versturen');
  });

  it('treats an edit that changes nothing as no change at all', () => {
    // Prepare
    const approved = campaignIn('approved');

    // Act
    const result = applyCampaignAction(
      approved,
      { type: 'edit', changes: { senderName: approved.senderName } },
      ctx(adviser),
    );

    // Assess
    expect(result.campaign).toBe(approved);
    expect(result.events).toEqual([]);
  });

  it('refuses a link to a domain that is not allowed', () => {
    // Prepare
    const draft = newDraft();

    // Act
    const error = expectError(
      () =>
        applyCampaignAction(
          draft,
          { type: 'edit', changes: { helpLink: 'https://evil.example.com/' } },
          ctx(adviser),
        ),
      ValidationError,
    );

    // Assess
    expect(error.userMessage).toContain('buiten de toegestane domeinen');
  });

  it('refuses a 2,000-character variant and a variant without {link}', () => {
    // Prepare
    const draft = newDraft();
    const long = [{ id: 'lang', label: 'Lang', text: `${'a'.repeat(1994)} {link}` }];
    const noLink = [{ id: 'kaal', label: 'Kaal', text: 'Hulp nodig? Kijk op onze website.' }];

    // Act
    const tooLong = expectError(
      () => applyCampaignAction(draft, { type: 'edit', changes: { variants: long } }, ctx(adviser)),
      ValidationError,
    );
    const missing = expectError(
      () => applyCampaignAction(draft, { type: 'edit', changes: { variants: noLink } }, ctx(adviser)),
      ValidationError,
    );

    // Assess
    expect(tooLong.userMessage).toContain('hoogstens 3 delen');
    expect(missing.userMessage).toContain('bevat geen {link}');
  });
});

describe('launching and sending', () => {
  it('does not start before the scheduled moment', () => {
    // Prepare
    const scheduled = campaignIn('scheduled');

    // Act
    const error = expectError(
      () => applyCampaignAction(scheduled, startCommand(scheduled), ctx(dispatcher, at(HOUR - 1000))),
      IllegalTransitionError,
    );

    // Assess
    expect(error.userMessage).toContain('nog niet bereikt');
  });

  it('does not start when the recipient store holds another set than was approved', () => {
    // Prepare
    const scheduled = campaignIn('scheduled');
    const other = { type: 'start', currentFingerprint: `sha256:${'0'.repeat(64)}` } as const;

    // Act
    const error = expectError(
      () => applyCampaignAction(scheduled, other, ctx(dispatcher, START_AT)),
      DispatchRefusedError,
    );

    // Assess
    expect(error.refusal).toBe('fingerprint_mismatch');
  });

  it('does not start or resume after the approval expired', () => {
    // Prepare
    const scheduled = campaignIn('scheduled');
    const paused = campaignIn('paused');
    const late = at(7 * DAY);

    // Act
    const start = expectError(
      () => applyCampaignAction(scheduled, startCommand(scheduled), ctx(dispatcher, late)),
      DispatchRefusedError,
    );
    const resume = expectError(
      () => applyCampaignAction(paused, startCommand(paused, 'resume'), ctx(adviser, late)),
      DispatchRefusedError,
    );
    const expired = applyCampaignAction(paused, { type: 'expire' }, ctx(dispatcher, late)).campaign;

    // Assess
    expect(start.refusal).toBe('expired');
    expect(resume.refusal).toBe('expired');
    expect(expired.status).toBe('expired');
  });

  it('refuses to expire an approval that is still valid', () => {
    // Prepare
    const approved = campaignIn('approved');

    // Act
    const attempt = () => applyCampaignAction(approved, { type: 'expire' }, ctx(dispatcher, at(6 * DAY)));

    // Assess
    expectError(attempt, IllegalTransitionError);
  });

  it('refuses a start time outside the approved window', () => {
    // Prepare
    const approved = campaignIn('approved');

    // Act
    const attempt = () =>
      applyCampaignAction(approved, { type: 'schedule', startAt: at(11 * DAY).toISOString() }, ctx(adviser));

    // Assess
    expect(expectError(attempt, ValidationError).userMessage).toContain(
      'binnen de goedgekeurde verzendperiode',
    );
  });
});

describe('withdrawal by the OM liaison', () => {
  it('returns an approved campaign to draft and keeps the reason for the adviser', () => {
    // Prepare
    const scheduled = campaignIn('scheduled');

    // Act
    const { campaign, events } = applyCampaignAction(
      scheduled,
      { type: 'withdraw', reason: 'Zitting verplaatst' },
      ctx(omLiaison2),
    );

    // Assess
    expect(campaign.status).toBe('draft');
    expect(campaign.approval).toBeNull();
    expect(campaign.scheduledAt).toBeNull();
    expect(campaign.withdrawal).toMatchObject({ withdrawnBy: 'u-om-2', reason: 'Zitting verplaatst' });
    expect(events.map((e) => e.action)).toEqual(['campaign.approval_withdrawn']);
  });

  it('stops a campaign that is sending: it is cancelled and no batch may follow', () => {
    // Prepare
    const sending = campaignIn('sending');

    // Act
    const { campaign } = applyCampaignAction(
      sending,
      { type: 'withdraw', reason: 'Stop direct' },
      ctx(omLiaison, START_AT),
    );

    // Assess
    expect(campaign.status).toBe('cancelled');
    expect(campaign.approval).toBeNull();
    const resume = () =>
      applyCampaignAction(campaign, startCommand(sending, 'resume'), ctx(adviser, START_AT));
    expectError(resume, IllegalTransitionError);
  });
});

describe('schema consistency', () => {
  it('refuses a stored campaign that claims approval by one of its preparers', () => {
    // Prepare
    const approved = campaignIn('approved');
    const tampered = { ...approved, preparers: [...approved.preparers, approved.approval!.approvedBy] };

    // Act
    const result = CampaignSchema.safeParse(tampered);

    // Assess
    expect(result.success).toBe(false);
  });

  it('refuses a stored campaign that is sending without an approval', () => {
    // Prepare
    const sending = campaignIn('sending');

    // Act
    const result = CampaignSchema.safeParse({ ...sending, approval: null });

    // Assess
    expect(result.success).toBe(false);
  });

  it('every status the builders reach parses', () => {
    // Prepare
    const statuses = CampaignStatusSchema.options;

    // Act
    const results = statuses.map((s) => [
      s,
      CampaignSchema.safeParse(campaignIn(s)).success,
      campaignIn(s).status,
    ]);

    // Assess
    expect(results).toEqual(statuses.map((s) => [s, true, s]));
  });

  it('letter campaigns go through the same approval machinery, decided by the case manager, not the OM', () => {
    // Prepare
    const ready = campaignIn('ready_for_approval', 'letter');

    // Act
    const approved = applyCampaignAction(ready, approveCommand(ready), ctx(caseManager)).campaign;
    const byOm = () => applyCampaignAction(ready, approveCommand(ready), ctx(omLiaison));

    // Assess
    expectError(byOm, ActionForbiddenError);
    expect(approved.status).toBe('approved');
    expect(approved.letter?.subject).toBe('Politieactie tegen drugshandel in uw buurt');
  });
});

describe('letters: the approval covers the final letter', () => {
  it('refuses to submit a letter without its final content, and to approve it without the no-names confirmation', () => {
    // Prepare
    const draft = newDraft('letter');
    const bare: Campaign = { ...draft, letterSnapshot: null };
    const ready = run(draft, [{ actor: adviser, command: { type: 'submit' } }]);
    const { namesNobody: _confirmed, ...withoutConfirmation } = approveCommand(ready) as Extract<
      CampaignCommand,
      { type: 'approve' }
    >;

    // Act
    const submitError = expectError(
      () => applyCampaignAction(bare, { type: 'submit' }, ctx(adviser)),
      ValidationError,
    );
    const approveError = expectError(
      () => applyCampaignAction(ready, withoutConfirmation, ctx(caseManager)),
      ValidationError,
    );

    // Assess
    expect(submitError.userMessage).toContain('wat er is gebeurd');
    expect(approveError.userMessage).toContain(
      'geen personen, geen adres van een verdachte en geen medewerker',
    );
    expect(ready.approvalRequest?.letterSnapshot).toEqual(draft.letterSnapshot);
  });

  it('voids the approval, audited, when the case text changes, and refuses a case text with an address', () => {
    // Prepare
    const approved = campaignIn('approved', 'letter');
    const snapshot = approved.letterSnapshot!;
    const changed = {
      ...snapshot,
      caseFields: { ...snapshot.caseFields, caseText: 'Er zijn vier mensen aangehouden.' },
    };
    const withAddress = {
      ...snapshot,
      caseFields: { ...snapshot.caseFields, caseText: 'Aangehouden in de Proefstraat 12.' },
    };

    // Act
    const result = applyCampaignAction(
      approved,
      { type: 'edit', changes: { letterSnapshot: changed } },
      ctx(adviser),
    );
    const refused = expectError(
      () =>
        applyCampaignAction(
          approved,
          { type: 'edit', changes: { letterSnapshot: withAddress } },
          ctx(adviser),
        ),
      ValidationError,
    );

    // Assess
    expect(result.campaign.status).toBe('draft');
    expect(result.campaign.approval).toBeNull();
    expect(campaignContentFingerprint(result.campaign)).not.toBe(approved.approval!.requestFingerprint);
    expect(result.events.map((e) => e.action)).toContain('campaign.approval_voided');
    expect(refused.userMessage).toContain('Proefstraat ••');
  });
  it('lets the settings job rebuild a letter only: its edit voids with the reason, any other job edit is refused', () => {
    // Prepare
    const approved = campaignIn('approved', 'letter');
    const snapshot = approved.letterSnapshot!;
    const rebuilt = { ...snapshot, branding: { ...snapshot.branding, signatureTitle: 'Team Handhaving' } };
    const settingsJob: CampaignActor = { system: 'settings' };

    // Act
    const result = applyCampaignAction(
      approved,
      { type: 'edit', changes: { letterSnapshot: rebuilt } },
      ctx(settingsJob),
    );
    const otherField = expectError(
      () => applyCampaignAction(approved, { type: 'edit', changes: { name: 'Anders' } }, ctx(settingsJob)),
      ActionForbiddenError,
    );
    const otherJob = expectError(
      () =>
        applyCampaignAction(
          approved,
          { type: 'edit', changes: { letterSnapshot: rebuilt } },
          ctx(dispatcher),
        ),
      ActionForbiddenError,
    );
    const sms = expectError(
      () =>
        applyCampaignAction(
          campaignIn('approved', 'sms'),
          { type: 'edit', changes: { name: 'Anders' } },
          ctx(settingsJob),
        ),
      ForbiddenError,
    );

    // Assess
    expect(result.campaign.status).toBe('draft');
    expect(result.campaign.approval).toBeNull();
    const voided = result.events.find((e) => e.action === 'campaign.approval_voided');
    expect(voided?.details).toMatchObject({ voided: 'approval', reason: 'municipality settings changed' });
    expect(voided?.actorUserId).toBe('system:settings');
    expect(otherField).toBeInstanceOf(ActionForbiddenError);
    expect(otherJob).toBeInstanceOf(ActionForbiddenError);
    expect(sms).toBeInstanceOf(ForbiddenError);
  });
});

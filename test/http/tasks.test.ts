import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CENTRE, DEMO_CITY } from '../../functions/adapters/bag-file/demo-neighbourhood.js';
import { systemActing } from '../../functions/app/audit.js';
import { createCampaignFromBlueprint } from '../../functions/app/campaigns.js';
import { createCase } from '../../functions/app/cases.js';
import { planDistributionRound } from '../../functions/app/distribution.js';
import { notifyNewTask } from '../../functions/app/notifications.js';
import { RoleSchema } from '../../functions/core/auth/roles.js';
import { amsterdamDate } from '../../functions/core/tasks/my-tasks.js';
import { aLetterSelection } from '../fixtures/letter-builders.js';
import { csvOf, mobile } from '../fixtures/sms-builders.js';
import { Client, type Harness, startHarness, usernameFor } from './harness.js';
import {
  createCampaignVia,
  createCaseVia,
  requestFingerprintOn,
  settingsForm,
  uploadVia,
} from './sms-support.js';

/** The texts of the tasks under "Mijn taken" on a person's overview. */
async function tasksOn(client: Client): Promise<{ text: string; href: string }[]> {
  const html = await (await client.get('/')).text();
  const section = html.slice(
    html.indexOf('id="mijn-taken"'),
    html.indexOf('</section>', html.indexOf('id="mijn-taken"')),
  );
  return [
    ...section.matchAll(/<li data-taak="[a-z_]+"><a class="utrecht-link" href="([^"]+)">([^<]+)<\/a>/g),
  ].map((m) => ({ href: m[1]!, text: m[2]! }));
}

async function userId(h: Harness, role: string): Promise<string> {
  return (await h.deps.users.findByUsername(usernameFor(role as never)))!.id;
}

describe('"Mijn taken" and e-mail notifications', () => {
  let h: Harness;
  const clients = new Map<string, Client>();
  const as = (role: string) => clients.get(role)!;
  beforeAll(async () => {
    h = await startHarness();
    for (const role of RoleSchema.options) {
      const client = new Client(h.app);
      expect((await client.login(usernameFor(role))).status).toBe(303);
      clients.set(role, client);
    }
  });
  afterAll(async () => h.close());

  for (const role of RoleSchema.options) {
    it(`shows ${role} "Geen taken." on the overview while nothing waits`, async () => {
      const html = await (await as(role).get('/')).text();
      expect(html).toContain('Mijn taken');
      expect(html).toContain('Geen taken.');
    });
  }

  it('refuses notifications without an address, keeping what was typed, and audits a change without the address', async () => {
    // Act
    const refused = await as('om_liaison').post('/meldingen', { email: 'geen adres', notify: 'ja' });
    const empty = await as('om_liaison').post('/meldingen', { email: '', notify: 'ja' });
    const saved = await as('om_liaison').post('/meldingen', { email: 'om@gemeente.example', notify: 'ja' });
    // Assess
    expect(refused.status).toBe(422);
    const page = await refused.text();
    expect(page).toContain('href="#email"');
    expect(page).toContain('value="geen adres"');
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('Vul uw e-mailadres in om meldingen te ontvangen.');
    expect(saved.status).toBe(303);
    expect((await h.deps.notifications.preferences.get(await userId(h, 'om_liaison')))?.notify).toBe(true);
    const events = await h.deps.audit.list({
      actorUserId: await userId(h, 'om_liaison'),
      months: [new Date().toISOString().slice(0, 7)],
    });
    const changed = events.filter((e) => e.action === 'user.changed');
    expect(changed).toHaveLength(1);
    expect(changed[0]!.details.changedFields).toEqual(['email', 'notify_by_email']);
    expect(JSON.stringify(events)).not.toContain('gemeente.example');
  });

  it('gives the OM the submitted campaign as a task and mails the opted-in OM only the kind of task; the rejection goes back to the adviser', async () => {
    // Prepare
    await as('adviser').post('/meldingen', { email: 'adviseur@gemeente.example', notify: 'ja' });
    const caseId = await createCaseVia(as('adviser'), 'Zaak Taken');
    const campaignId = await createCampaignVia(as('adviser'), caseId);
    await uploadVia(as('adviser'), campaignId, 'telefoon 1', [
      { name: 't.csv', content: csvOf([mobile(31), mobile(32)]) },
    ]);
    expect((await as('adviser').post(`/campagnes/${campaignId}/instellingen`, settingsForm())).status).toBe(
      303,
    );
    const mailsBefore = (await h.deps.notifications.outbox!.list(100)).length;

    // Act
    expect((await as('adviser').post(`/campagnes/${campaignId}/indienen`)).status).toBe(303);
    const omTasks = await tasksOn(as('om_liaison'));
    const adviserTasks = await tasksOn(as('adviser'));
    const mails = (await h.deps.notifications.outbox!.list(100)).slice(0, -mailsBefore || undefined);
    const omOutbox = await (await as('om_liaison').get('/lokaal/uitgaande-mail')).text();
    const adviserOutbox = await (await as('adviser').get('/lokaal/uitgaande-mail')).text();

    // Assess
    expect(omTasks).toEqual([
      {
        href: `/goedkeuringen/${campaignId}`,
        text: expect.stringContaining('Beoordeel het verzoek om goedkeuring'),
      },
    ]);
    expect(adviserTasks).toEqual([]);
    expect(mails.map((m) => m.to)).toEqual(['om@gemeente.example']);
    expect(mails[0]!.text).toContain(
      'Er wacht een taak voor u in Perspectief: een sms-campagne wacht op uw goedkeuring.',
    );
    expect(mails[0]!.text).not.toContain('SMS-bom');
    expect(mails[0]!.text).not.toMatch(/\+31|06\d{8}/);
    expect(omOutbox).toContain('een sms-campagne wacht op uw goedkeuring');
    expect(adviserOutbox).not.toContain('een sms-campagne wacht op uw goedkeuring');
    const sent = (await h.deps.audit.list({ campaignId, caseId })).filter(
      (e) => e.action === 'notification.sent',
    );
    expect(sent.map((e) => [e.subjectId, e.details.taskKind])).toEqual([
      [await userId(h, 'om_liaison'), 'approve_sms'],
    ]);

    // Act: the OM rejects
    const rejected = await as('om_liaison').post(`/goedkeuringen/${campaignId}/afwijzen`, {
      requestFingerprint: await requestFingerprintOn(as('om_liaison'), campaignId),
      reason: 'De tekst is te stellig.',
    });
    // Assess
    expect(rejected.status).toBe(303);
    expect(await tasksOn(as('om_liaison'))).toEqual([]);
    expect(await tasksOn(as('adviser'))).toEqual([
      { href: `/campagnes/${campaignId}`, text: expect.stringContaining('is afgewezen') },
    ]);
    expect((await h.deps.notifications.outbox!.list(1))[0]).toMatchObject({
      to: 'adviseur@gemeente.example',
      text: expect.stringContaining('een campagne is afgewezen'),
    });
  });

  it('does not fail the submission when mail cannot be sent: it logs and audits the failure', async () => {
    // Prepare
    const mailer = h.deps.notifications.mailer;
    h.deps.notifications.mailer = { send: () => Promise.reject(new Error('connection refused')) };
    const caseId = await createCaseVia(as('adviser'), 'Zaak Storing');
    const campaignId = await createCampaignVia(as('adviser'), caseId);
    await uploadVia(as('adviser'), campaignId, 'telefoon 1', [
      { name: 't.csv', content: csvOf([mobile(41)]) },
    ]);
    await as('adviser').post(`/campagnes/${campaignId}/instellingen`, settingsForm());
    try {
      // Act
      const submitted = await as('adviser').post(`/campagnes/${campaignId}/indienen`);
      // Assess
      expect(submitted.status).toBe(303);
      expect((await h.deps.campaigns.get(campaignId))?.status).toBe('ready_for_approval');
      const failed = (await h.deps.audit.list({ campaignId, caseId })).filter(
        (e) => e.action === 'notification.failed',
      );
      expect(failed).toHaveLength(1);
      expect(h.logs.some((l) => l.includes('task notification not sent'))).toBe(true);
      expect(h.logs.join('\n')).not.toContain('om@gemeente.example');
    } finally {
      h.deps.notifications.mailer = mailer;
    }
  });

  it('gives the area manager today’s round (Europe/Amsterdam) and mails an opted-in area manager when another plans one for today', async () => {
    // Prepare
    await as('area_manager').post('/meldingen', { email: 'gebied@gemeente.example', notify: 'ja' });
    const planner = systemActing('test');
    const plannerActing = {
      ...planner,
      actor: { ...planner.actor, roles: ['area_manager' as const] },
      role: 'area_manager' as const,
    };
    const kase = await createCase(h.deps, plannerActing, {
      name: 'Zaak Ronde',
      actionDate: '2026-03-01',
      municipality: 'Teststad',
      areaDescription: 'Proefstraat',
      responsibleUserId: await userId(h, 'adviser'),
    });
    const campaign = await createCampaignFromBlueprint(h.deps, plannerActing, {
      caseId: kase.id,
      blueprintId: 'wijkbericht-na-arrestaties',
      name: 'Brief Ronde',
    });
    await h.deps.letterSelections.save(
      aLetterSelection({
        campaignId: campaign.id,
        points: [{ ...DEMO_CENTRE, label: 'Midden' }],
        radiusM: 400,
        streets: [{ street: 'Proefstraat', city: DEMO_CITY }],
      }),
      null,
    );
    const today = amsterdamDate(h.deps.clock.now());

    // Act
    await planDistributionRound(h.deps, plannerActing, {
      campaignId: campaign.id,
      date: today,
      from: '09:00',
      to: '12:00',
      team: [await userId(h, 'distributor')],
      streets: [{ street: 'Proefstraat', city: DEMO_CITY }],
    });

    // Assess
    expect(await tasksOn(as('area_manager'))).toEqual([
      {
        href: `/wijkberichten/${campaign.id}/bezorging`,
        text: expect.stringMatching(/^Vandaag 09:00–12:00 bezorgronde van „Brief Ronde”/),
      },
    ]);
    expect(await tasksOn(as('distributor'))).toEqual([]);
    expect((await h.deps.notifications.outbox!.list(1))[0]).toMatchObject({
      to: 'gebied@gemeente.example',
      text: expect.stringContaining('er is vandaag een bezorgronde'),
    });
  });

  it('mails a letter waiting for a decision to its case’s responsible manager alone', async () => {
    // Prepare: the adviser answers for the case; the area manager (opted in too) does not.
    const planner = systemActing('test');
    const preparer = {
      ...planner,
      actor: { ...planner.actor, roles: ['area_manager' as const] },
      role: 'area_manager' as const,
    };
    const kase = await createCase(h.deps, preparer, {
      name: 'Zaak Besluit',
      actionDate: '2026-03-01',
      municipality: 'Teststad',
      areaDescription: 'Oefenlaan',
      responsibleUserId: await userId(h, 'adviser'),
    });
    const campaign = await createCampaignFromBlueprint(h.deps, preparer, {
      caseId: kase.id,
      blueprintId: 'wijkbericht-na-arrestaties',
      name: 'Brief Besluit',
    });
    const waiting = {
      ...campaign,
      status: 'ready_for_approval' as const,
      approvalRequest: { preparedBy: campaign.preparers } as never,
    };
    const before = (await h.deps.notifications.outbox!.list(100)).length;
    // Act
    const sent = await notifyNewTask(h.deps, preparer, { kind: 'decide_letter', campaign: waiting });
    // Assess
    const mails = (await h.deps.notifications.outbox!.list(100)).slice(0, -before || undefined);
    expect(sent).toBe(1);
    expect(mails.map((m) => m.to)).toEqual(['adviseur@gemeente.example']);
    expect(mails[0]!.text).toContain('een wijkbrief wacht op uw besluit');
  });
});

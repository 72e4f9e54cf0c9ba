import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDispatcher } from '../../functions/app/dispatch.js';
import { sendPendingTestSms } from '../../functions/app/test-sms-send.js';
import type { GatewayOutcome, SmsMessage } from '../../functions/core/sending/sms-gateway.js';
import { seedApprovedCampaign, sendingMobile } from '../fixtures/sending-builders.js';
import { aCase } from '../fixtures/sms-builders.js';
import { Client, type Harness, startHarness } from './harness.js';

const LIST = '/beheer/testnummers';
const TYPED = '06 24681357';
const E164 = '+31624681357';
const month = () => [new Date().toISOString().slice(0, 7)];

describe('test numbers and test SMS', () => {
  let h: Harness;
  let admin: Client;
  let adviser: Client;
  let om: Client;
  let distributor: Client;
  beforeAll(async () => {
    h = await startHarness();
    await h.deps.cases.create(aCase({ id: 'case-sending', name: 'Testzaak' }));
    admin = new Client(h.app);
    adviser = new Client(h.app);
    om = new Client(h.app);
    distributor = new Client(h.app);
    await admin.login('admin');
    await adviser.login('adviser');
    await om.login('om-liaison');
    await distributor.login('distributor');
  });
  afterAll(async () => h.close());

  async function addNumber(label: string, typed: string): Promise<string> {
    expect((await admin.post(LIST, { naam: label, nummer: typed })).status).toBe(303);
    const found = (await h.deps.sending.testSms.listNumbers()).find((n) => n.label === label);
    expect(found).toBeDefined();
    return found!.id;
  }

  it('lets only the admin keep the list, shows numbers masked and audits without the number', async () => {
    // Act
    const id = await addNumber('Telefoon team Veiligheid', TYPED);
    const html = await (await admin.get(LIST)).text();
    const others = await Promise.all([adviser, om, distributor].map((c) => c.get(LIST)));
    const otherPosts = await Promise.all(
      [adviser, om, distributor].map((c) => c.post(LIST, { naam: 'x', nummer: TYPED })),
    );
    const events = await h.deps.audit.list({ months: month(), action: 'test_number.added' });

    // Assess
    expect(html).toContain('Telefoon team Veiligheid');
    expect(html).toContain('+31 6 •••• 1357');
    expect(html).not.toContain('24681357');
    expect(html).toMatch(/<nav[^>]*aria-label="Hoofdmenu"[\s\S]*href="\/beheer\/testnummers"/);
    expect(others.map((r) => r.status)).toEqual([403, 403, 403]);
    expect(otherPosts.map((r) => r.status)).toEqual([403, 403, 403]);
    expect((await h.deps.sending.testSms.listNumbers()).length).toBe(1);
    const event = events.find((e) => e.subjectId === id);
    expect(event?.subjectType).toBe('test_number');
    expect(JSON.stringify(events)).not.toMatch(/24681357/);
    expect(h.logs.join('\n')).not.toMatch(/24681357/);
  });

  it('refuses a number that does not parse, beside the field, keeping what was typed', async () => {
    // Act
    const res = await admin.post(LIST, { naam: 'Toestel twee', nummer: '12ab' });
    const html = await res.text();
    const duplicate = await admin.post(LIST, { naam: 'Nog eens', nummer: TYPED });
    const numberInName = await admin.post(LIST, { naam: 'Jan 0612345678', nummer: '0611111111' });
    const fixedLine = await admin.post(LIST, { naam: 'Balie', nummer: '020 624 1111' });

    // Assess
    expect(res.status).toBe(422);
    expect(html).toContain('Er is een probleem');
    expect(html).toContain('href="#nummer"');
    expect(html).toContain('id="nummer-fout"');
    expect(html).toContain('value="Toestel twee"');
    expect(duplicate.status).toBe(409);
    expect(await duplicate.text()).toContain('staat al op de lijst');
    expect(numberInName.status).toBe(422);
    expect(await numberInName.text()).toContain('id="naam-fout"');
    expect(fixedLine.status).toBe(422);
    expect(await fixedLine.text()).toContain('kan geen sms ontvangen');
    expect((await h.deps.sending.testSms.listNumbers()).length).toBe(1);
  });

  it('sends a test SMS through the dispatcher once, marked test, without touching the figures', async () => {
    // Prepare
    const numberId = (await h.deps.sending.testSms.listNumbers())[0]!.id;
    const campaign = await seedApprovedCampaign(h.deps, {
      recipients: 3,
      now: new Date(h.deps.clock.now().getTime() - 60_000),
      status: 'approved',
      numberOf: (n) => sendingMobile(300 + n),
    });
    const variant = campaign.variants[0]!;
    const before = await h.deps.recipients.countByStatus(campaign.id);
    const page = await (await adviser.get(`/campagnes/${campaign.id}`)).text();
    const form = await (await adviser.get(`/campagnes/${campaign.id}/test-sms`)).text();

    // Act
    const forged = await adviser.post(`/campagnes/${campaign.id}/test-sms`, {
      variant: variant.id,
      testnummer: 'bestaat-niet',
    });
    const byOm = await om.post(`/campagnes/${campaign.id}/test-sms`, {
      variant: variant.id,
      testnummer: numberId,
    });
    const byDistributor = await distributor.post(`/campagnes/${campaign.id}/test-sms`, {
      variant: variant.id,
      testnummer: numberId,
    });
    const asked = await adviser.post(`/campagnes/${campaign.id}/test-sms`, {
      variant: variant.id,
      testnummer: numberId,
    });
    await runDispatcher(h.deps, { dispatcherId: 'test-sms-1', runForMs: 1_000, campaignIds: [] });
    await runDispatcher(h.deps, { dispatcherId: 'test-sms-2', runForMs: 1_000, campaignIds: [] });
    const outbox = (await h.deps.sending.outbox!.list(50)).filter((m) => m.to === E164);
    const outboxPage = await (await adviser.get('/lokaal/uitgaande-berichten')).text();
    const formAfter = await (await adviser.get(`/campagnes/${campaign.id}/test-sms`)).text();
    const code = /\/r\/([A-Za-z0-9_-]{6,24})/.exec(outbox[0]?.body ?? '')?.[1];
    const click = await new Client(h.app).get(`/r/${code}`);
    const sentEvents = await h.deps.audit.list({ months: month(), action: 'campaign.test_sms_sent' });

    // Assess
    expect(page).toContain(`href="/campagnes/${campaign.id}/test-sms"`);
    expect(form).toContain('Een test-sms telt niet mee en gaat nooit naar ontvangers.');
    expect(form).toContain('Telefoon team Veiligheid (+31 6 •••• 1357)');
    expect(form).not.toContain('24681357');
    expect(forged.status).toBe(422);
    expect(await forged.text()).toContain('Kies een testnummer van de lijst.');
    expect(byOm.status).toBe(403);
    expect(byDistributor.status).toBe(403);
    expect(asked.status).toBe(303);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.test).toBe(true);
    expect(outbox[0]?.body).toContain('/stop');
    expect(outboxPage).toContain('data-veld="outbox.test"');
    expect(formAfter).toMatch(/data-veld="test-sms.history"[\s\S]*Telefoon team Veiligheid[\s\S]*verstuurd/);
    expect(click.status).toBe(302);
    expect(await h.deps.sending.links.clicks(campaign.id)).toEqual([]);
    expect(await h.deps.recipients.countByStatus(campaign.id)).toEqual(before);
    expect((await h.deps.campaigns.get(campaign.id))?.status).toBe('approved');
    expect(sentEvents.filter((e) => e.campaignId === campaign.id).map((e) => e.details.toStatus)).toEqual([
      'sent',
    ]);
    expect(JSON.stringify(sentEvents)).not.toMatch(/24681357/);
    expect(h.logs.join('\n')).not.toMatch(/24681357/);
  });

  it('claims a request before sending, so two runs at once send it once, and fails one whose number was removed', async () => {
    // Prepare: a gateway that holds each send until both runs have listed the request
    const numberId = (await h.deps.sending.testSms.listNumbers())[0]!.id;
    const campaign = await seedApprovedCampaign(h.deps, {
      recipients: 1,
      now: new Date(h.deps.clock.now().getTime() - 60_000),
      status: 'approved',
      numberOf: (n) => sendingMobile(400 + n),
    });
    await h.deps.sending.testSms.request({
      id: 'req-concurrent',
      campaignId: campaign.id,
      variantId: campaign.variants[0]!.id,
      testNumberId: numberId,
      text: 'Testtekst',
      requestedAt: h.deps.clock.now().toISOString(),
      requestedBy: 'user-adviser',
      status: 'pending',
    });
    const sent: SmsMessage[] = [];
    const gateway = {
      send: async (message: SmsMessage): Promise<GatewayOutcome> => {
        sent.push(message);
        return { kind: 'accepted', messageId: `m${sent.length}` };
      },
      isOptedOut: async () => false,
    };
    const deps = { ...h.deps, sending: { ...h.deps.sending, gateway } };

    await h.deps.sending.testSms.request({
      id: 'req-removed-number',
      campaignId: campaign.id,
      variantId: campaign.variants[0]!.id,
      testNumberId: 'no-longer-listed',
      text: 'Naar een verwijderd nummer',
      requestedAt: h.deps.clock.now().toISOString(),
      requestedBy: 'user-adviser',
      status: 'pending',
    });

    // Act
    const results = await Promise.all([sendPendingTestSms(deps, 'run-a'), sendPendingTestSms(deps, 'run-b')]);
    const again = await sendPendingTestSms(deps, 'run-c');

    // Assess
    expect(sent.filter((m) => m.body === 'Testtekst')).toHaveLength(1);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(1);
    expect(again.sent).toBe(0);
    expect(sent.some((m) => m.body === 'Naar een verwijderd nummer')).toBe(false);
    expect(results.reduce((n, r) => n + r.failed, 0)).toBe(1);
    expect(
      (await h.deps.sending.testSms.listForCampaign(campaign.id, 10)).map((r) => r.status).sort(),
    ).toEqual(['failed', 'sent']);
  });

  it('removes a test number only after a confirmation page, and audits it', async () => {
    // Prepare
    const id = await addNumber('Reservetoestel', '0611223344');
    await h.deps.sending.gateway.send({ to: '+31611223344', body: 'Test', senderId: 'Gemeente', test: true });
    const inOutbox = async () =>
      (await h.deps.sending.outbox!.list(Number.POSITIVE_INFINITY)).filter((m) => m.to === '+31611223344');
    expect(await inOutbox()).toHaveLength(1);

    // Act
    const confirm = await admin.get(`${LIST}/${id}/verwijderen`);
    const confirmHtml = await confirm.text();
    const byAdviser = await adviser.post(`${LIST}/${id}/verwijderen`, { bevestig: 'ja' });
    const removed = await admin.post(`${LIST}/${id}/verwijderen`, { bevestig: 'ja' });
    const events = await h.deps.audit.list({ months: month(), action: 'test_number.removed' });

    // Assess
    expect(confirm.status).toBe(200);
    expect(confirmHtml).toContain('+31 6 •••• 3344');
    expect(confirmHtml).not.toContain('11223344');
    expect(byAdviser.status).toBe(403);
    expect(removed.status).toBe(303);
    expect(await h.deps.sending.testSms.getNumber(id)).toBeUndefined();
    expect(events.some((e) => e.subjectId === id)).toBe(true);
    expect(await inOutbox()).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDispatcher } from '../../functions/app/dispatch.js';
import type { SendingDashboard } from '../../functions/app/sending.js';
import { keyedHash } from '../../functions/core/contacts/fingerprint.js';
import { seedApprovedCampaign, sendingMobile } from '../fixtures/sending-builders.js';
import { Client, type Harness, startHarness } from './harness.js';

const ALL_DAY = { start: '00:00', end: '24:00', days: [1, 2, 3, 4, 5, 6, 7], timeZone: 'Europe/Amsterdam' };

describe('sending over HTTP', () => {
  let h: Harness;
  let adviser: Client;
  beforeAll(async () => {
    h = await startHarness();
    await h.deps.settings.put({ ...(await h.deps.settings.get())!, maxRatePerSecond: 1000 });
    adviser = new Client(h.app);
    await adviser.login('adviser');
  });
  afterAll(async () => {
    await h.close();
  });

  const approved = (recipients: number, offset: number) =>
    seedApprovedCampaign(h.deps, {
      recipients,
      now: new Date(h.deps.clock.now().getTime() - 60_000),
      ratePerSecond: 1000,
      quietHours: ALL_DAY,
      status: 'approved',
      numberOf: (n) => sendingMobile(offset + n),
    });

  const dashboard = async (client: Client, id: string): Promise<SendingDashboard> => {
    const res = await client.request(`/campagnes/${id}/verzending.json`, {
      headers: { accept: 'application/json' },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as SendingDashboard;
  };

  it('schedules "nu", sends every recipient once through the outbox and shows the campaign as completed', async () => {
    // Prepare
    const campaign = await approved(12, 0);

    // Act
    const scheduled = await adviser.post(`/campagnes/${campaign.id}/verzending/inplannen`, { nu: 'nu' });
    await runDispatcher(h.deps, { dispatcherId: 'http-test', runForMs: 20_000, campaignIds: [campaign.id] });
    const figures = await dashboard(adviser, campaign.id);
    const page = await (await adviser.get(`/campagnes/${campaign.id}/verzending`)).text();
    const outbox = await (await adviser.get('/lokaal/uitgaande-berichten')).text();

    // Assess
    expect(scheduled.status).toBe(303);
    expect(figures.campaign.status).toBe('completed');
    expect(figures.funnel.sent).toBe(12);
    expect(figures.variants.reduce((sum, v) => sum + v.sends, 0)).toBe(12);
    const perVariant = figures.variants.map((v) => v.sends);
    expect(Math.max(...perVariant) - Math.min(...perVariant)).toBeLessThanOrEqual(1);
    expect(page).toContain('voltooid');
    expect(outbox).toContain('+31 6 •••• ');
    expect(outbox).not.toContain(sendingMobile(3));
    expect(outbox).not.toContain(sendingMobile(3).slice(1));
  });

  it('pauses, resumes and cancels with 303s, and refuses a resume the state machine forbids', async () => {
    // Prepare
    const campaign = await seedApprovedCampaign(h.deps, {
      recipients: 3,
      now: new Date(h.deps.clock.now().getTime() - 60_000),
      quietHours: ALL_DAY,
      numberOf: (n) => sendingMobile(100 + n),
    });
    const started = await h.deps.campaigns.get(campaign.id);
    await h.deps.campaigns.save(
      { ...started!, status: 'sending', version: started!.version + 1 },
      started!.version,
    );

    // Act
    const paused = await adviser.post(`/campagnes/${campaign.id}/verzending/pauzeren`);
    const statusAfterPause = (await h.deps.campaigns.get(campaign.id))?.status;
    const resumed = await adviser.post(`/campagnes/${campaign.id}/verzending/hervatten`);
    const statusAfterResume = (await h.deps.campaigns.get(campaign.id))?.status;
    const resumedAgain = await adviser.post(`/campagnes/${campaign.id}/verzending/hervatten`);
    const cancelled = await adviser.post(`/campagnes/${campaign.id}/verzending/annuleren`, {
      reden: 'Actie afgeblazen door de driehoek',
    });

    // Assess
    expect(paused.status).toBe(303);
    expect(statusAfterPause).toBe('paused');
    expect(resumed.status).toBe(303);
    expect(statusAfterResume).toBe('sending');
    expect(resumedAgain.status).toBe(409);
    expect(cancelled.status).toBe(303);
    expect((await h.deps.campaigns.get(campaign.id))?.status).toBe('cancelled');
  });

  it('resends unknown recipients only after two confirmations, and audits the decision', async () => {
    // Prepare
    const campaign = await seedApprovedCampaign(h.deps, {
      recipients: 4,
      now: new Date(h.deps.clock.now().getTime() - 60_000),
      quietHours: ALL_DAY,
      numberOf: (n) => sendingMobile(200 + n),
    });
    const stored = (await h.deps.campaigns.get(campaign.id))!;
    await h.deps.campaigns.save(
      { ...stored, status: 'sending', version: stored.version + 1 },
      stored.version,
    );
    const [first, second] = await h.deps.recipients.list(campaign.id);
    const now = h.deps.clock.now();
    for (const r of [first!, second!]) {
      await h.deps.recipients.transition(campaign.id, r.id, { type: 'claim', by: 'crashed' }, now);
      await h.deps.recipients.transition(campaign.id, r.id, { type: 'mark_unknown', reason: 'crash' }, now);
    }

    // Act
    const once = await adviser.post(`/campagnes/${campaign.id}/verzending/opnieuw`, { bevestig1: 'ja' });
    const afterOnce = await h.deps.recipients.countByStatus(campaign.id);
    const twice = await adviser.post(`/campagnes/${campaign.id}/verzending/opnieuw`, {
      bevestig1: 'ja',
      bevestig2: 'ja',
    });
    const afterTwice = await h.deps.recipients.countByStatus(campaign.id);
    const events = (await h.deps.audit.list({ caseId: campaign.caseId, campaignId: campaign.id })).filter(
      (e) => e.action === 'sending.resend_confirmed',
    );

    // Assess
    expect(once.status).toBe(422);
    expect(afterOnce.unknown).toBe(2);
    expect(twice.status).toBe(303);
    expect(afterTwice.unknown).toBe(0);
    expect(afterTwice.resent).toBe(2);
    expect(events).toHaveLength(1);
    expect(events[0]?.details.counts).toEqual({ recipients: 2 });
  });

  it('lets a distributor see no dashboard and sends anonymous JSON requests away', async () => {
    // Prepare
    const campaign = await approved(1, 300);
    const distributor = new Client(h.app);
    await distributor.login('distributor');

    // Act
    const forbidden = await distributor.get(`/campagnes/${campaign.id}/verzending.json`);
    const anonymous = await new Client(h.app).request(`/campagnes/${campaign.id}/verzending.json`, {
      headers: { accept: 'application/json' },
    });

    // Assess
    expect(forbidden.status).toBe(403);
    expect(anonymous.status).toBe(401);
  });

  it('redirects a tracked link to the help site per variant, counts the click and sets no cookie', async () => {
    // Prepare
    const campaign = await approved(1, 400);
    const link = await h.deps.sending.links.codeFor(
      campaign.id,
      'geldzorgen',
      'Abc123xyz0',
      h.deps.clock.now(),
    );
    const visitor = new Client(h.app);

    // Act
    const res = await visitor.get(`/r/${link.code}`);
    const unknown = await visitor.get('/r/Onbekend99');
    const clicks = await h.deps.sending.links.clicks(campaign.id);

    // Assess
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.origin).toBe(new URL(campaign.helpLink).origin);
    expect(location.searchParams.get('utm_content')).toBe('geldzorgen');
    expect(location.searchParams.get('utm_campaign')).toBe(campaign.id);
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Deze link werkt niet');
    expect(clicks).toEqual([expect.objectContaining({ variantId: 'geldzorgen', clicks: 1 })]);
  });

  it('rate-limits tracked links per client', async () => {
    // Prepare
    // Without a socket (app.request) every request comes from one address, that of the earlier tests too;
    // a claimed X-Forwarded-For does not open another bucket.
    const visitor = new Client(h.app);
    const headers = { 'x-forwarded-for': '203.0.113.7' };
    const statuses: number[] = [];

    // Act
    for (let i = 0; i < 62; i++) statuses.push((await visitor.request('/r/Onbekend99', { headers })).status);

    // Assess
    expect(statuses.filter((s) => s === 404).length).toBeLessThanOrEqual(60);
    expect(statuses.every((s) => s === 404 || s === 429)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('/stop stores only the keyed hash, answers the same for any input and needs the CSRF token', async () => {
    // Prepare
    const person = new Client(h.app);
    await person.get('/stop');
    const before = (await h.deps.hashLists.hashes('opt_out', h.deps.clock.now())).size;

    // Act
    const withoutToken = await person.post('/stop', { nummer: '06 2999 0001' }, { csrf: false });
    const valid = await person.post('/stop', { nummer: '06 2999 0001' });
    const nonsense = await person.post('/stop', { nummer: 'geen nummer' });
    const list = await h.deps.hashLists.hashes('opt_out', h.deps.clock.now());
    const answer = await (await person.get(valid.headers.get('location')!)).text();

    // Assess
    expect(withoutToken.status).toBe(403);
    expect(valid.status).toBe(303);
    expect(nonsense.status).toBe(303);
    expect(nonsense.headers.get('location')).toBe(valid.headers.get('location'));
    expect(list.size).toBe(before + 1);
    expect(list.has(keyedHash('+31629990001', h.deps.secrets.hmacKey))).toBe(true);
    expect(answer).toContain('Dit antwoord is voor elk ingevuld nummer hetzelfde');
    expect(h.logs.join('\n')).not.toContain('29990001');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, type Harness, startHarness } from './harness.js';

describe('admin pages', () => {
  let h: Harness;
  let admin: Client;
  beforeAll(async () => {
    h = await startHarness();
    admin = new Client(h.app);
    await admin.login('admin');
  });
  afterAll(async () => h.close());

  it('adds a user, shows the generated password once and records an audit event', async () => {
    const res = await admin.post('/beheer/gebruikers', {
      username: 'Nieuwe.Collega',
      displayName: 'Nieuwe Collega',
      roles: ['adviser', 'area_manager'],
    });
    expect(res.status).toBe(201);
    const html = await res.text();
    const password =
      /Nieuw wachtwoord voor <strong>nieuwe\.collega<\/strong>: <code>([A-Za-z0-9]{20})<\/code>/.exec(
        html,
      )?.[1];
    expect(password).toBeDefined();
    const created = await h.deps.users.findByUsername('nieuwe.collega');
    expect(created?.roles).toEqual(['adviser', 'area_manager']);
    expect((await new Client(h.app).login('nieuwe.collega', password)).status).toBe(303);
    const events = await h.deps.audit.list({
      months: [new Date().toISOString().slice(0, 7)],
      action: 'user.changed',
    });
    expect(
      events.some((e) => e.subjectId === created?.id && e.details.changedFields?.includes('created')),
    ).toBe(true);
  });

  it('refuses a user without a role with a Dutch message and creates nothing', async () => {
    const res = await admin.post('/beheer/gebruikers', { username: 'zonderrol', displayName: 'Zonder Rol' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Kies minstens één rol.');
    expect(await h.deps.users.findByUsername('zonderrol')).toBeUndefined();
  });

  it('saves settings, audits which fields changed, and rejects an invalid colour', async () => {
    const page = await (await admin.get('/beheer/instellingen')).text();
    expect(page).toContain('Toegestane linkdomeinen');
    const current = (await h.deps.settings.get())!;
    const form = {
      municipality: 'Bilthoven',
      primaryColor: '#004488',
      senderLine: current.senderLine,
      signatureTitle: current.signatureTitle,
      generalContact: current.generalContact,
      allowedLinkDomains: 'hulp.example.nl, www.example.nl',
      maxRatePerSecond: '10',
      frequencyCapDays: '180',
      approvalValidityDays: '7',
      retentionDays: '30',
      maxRadiusMetres: '1000',
      pricePerSegmentEur: '0,08',
    };
    expect((await admin.post('/beheer/instellingen', form)).status).toBe(200);
    const saved = await h.deps.settings.get();
    expect(saved).toMatchObject({
      municipality: 'Bilthoven',
      allowedLinkDomains: ['hulp.example.nl', 'www.example.nl'],
      pricePerSegmentEur: 0.08,
    });
    const [event] = await h.deps.audit.list({
      months: [new Date().toISOString().slice(0, 7)],
      action: 'settings.changed',
      limit: 1,
    });
    expect(event?.details.changedFields).toEqual(
      expect.arrayContaining([
        'municipality',
        'primary_color',
        'allowed_link_domains',
        'price_per_segment_eur',
      ]),
    );
    const bad = await admin.post('/beheer/instellingen', { ...form, primaryColor: 'rood' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('Huisstijlkleur');
    expect((await h.deps.settings.get())?.primaryColor).toBe('#004488');
  });

  it('lists the audit trail with a filter and exports it as CSV', async () => {
    const html = await (await admin.get('/beheer/audit?actie=user.changed')).text();
    expect(html).toContain('user.changed');
    expect(html).not.toContain('<td>settings.changed</td>');
    const csv = await admin.get('/beheer/audit.csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text.split('\n').length).toBeGreaterThan(3);
    expect(text).toContain('settings.changed');
  });

  it('does not let an admin disable their own account', async () => {
    const self = await h.deps.users.findByUsername('admin');
    const res = await admin.post(`/beheer/gebruikers/${self!.id}/uitschakelen`);
    expect(res.status).toBe(422);
    expect((await h.deps.users.get(self!.id))?.disabled).toBe(false);
  });
});

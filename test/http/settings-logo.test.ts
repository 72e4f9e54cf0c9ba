import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSettings } from '../../functions/app/settings.js';
import { LOGO_MAX_BYTES } from '../../functions/core/settings/logo.js';
import { joinBytes, makePng } from '../fixtures/png.js';
import { Client, type Harness, startHarness } from './harness.js';
import { createCampaignVia, createCaseVia } from './sms-support.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('settings: logo upload and the municipal send window', () => {
  let h: Harness;
  let admin: Client;
  let adviser: Client;
  beforeAll(async () => {
    h = await startHarness();
    admin = new Client(h.app);
    await admin.login('admin');
    adviser = new Client(h.app);
    await adviser.login('adviser');
  });
  afterAll(async () => h.close());

  function upload(client: Client, name: string, bytes: Uint8Array): Promise<Response> {
    const form = new FormData();
    form.set('_csrf', client.csrf);
    form.set('logo', new File([new Uint8Array(bytes)], name));
    return client.request('/beheer/instellingen/logo', { method: 'POST', body: form });
  }

  async function auditOf(action: string) {
    const month = h.deps.clock.now().toISOString().slice(0, 7);
    // Newest first.
    return (await h.deps.audit.list({ months: [month] })).filter((e) => e.action === action);
  }

  it('stores a PNG as a data URL, shows it as a preview, audits it and letters pick it up', async () => {
    // Prepare
    const png = makePng(60, 20);
    // Act
    const res = await upload(admin, 'logo.png', png);
    // Assess
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Het nieuwe logo is opgeslagen.');
    const stored = (await getSettings(h.deps)).logoUrl ?? '';
    expect(Buffer.from(stored.split(',')[1]!, 'base64').equals(Buffer.from(png))).toBe(true);
    expect(html).toContain(`id="logo-voorbeeld"`);
    expect(html).toContain(stored);
    const events = await auditOf('settings.changed');
    expect(events[0]?.details).toMatchObject({
      changedFields: ['logo_url', 'png'],
      counts: { bytes: png.length, width: 60, height: 20 },
    });
    const { brandingFromSettings } = await import('../../functions/app/letter-campaign.js');
    expect(brandingFromSettings(await getSettings(h.deps)).logo).toBe(stored);
  });

  it('cleans a hostile SVG before storing it', async () => {
    const hostile =
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(1)"><script>alert(2)</script><foreignObject><div>x</div></foreignObject><image xlink:href="http://evil.example/t.png"/><rect width="9" height="9" fill="#c4001a"/></svg>';
    const res = await upload(admin, 'logo.svg', enc(hostile));
    expect(res.status).toBe(200);
    const stored = (await getSettings(h.deps)).logoUrl ?? '';
    expect(stored.startsWith('data:image/svg+xml;base64,')).toBe(true);
    const svg = Buffer.from(stored.split(',')[1]!, 'base64').toString('utf8');
    expect(svg).toContain('<rect width="9" height="9" fill="#c4001a">');
    expect(svg).not.toMatch(/script|onload|foreignObject|evil\.example/);
  });

  it.each([
    [
      'an oversized file',
      'groot.png',
      joinBytes(makePng(4, 4), new Uint8Array(LOGO_MAX_BYTES)),
      /hoogstens 100 kB/,
    ],
    [
      'a PNG with a wrong signature',
      'kapot.png',
      (() => {
        const p = makePng(4, 4);
        p[0] = 0x88;
        return p;
      })(),
      /geen bruikbare SVG|geen geldige PNG/,
    ],
    [
      'a PNG with HTML appended',
      'poly.png',
      joinBytes(makePng(4, 4), enc('<script>alert(1)</script>')),
      /Na het einde/,
    ],
    ['an HTML file', 'logo.svg', enc('<html><script>alert(1)</script></html>'), /geen bruikbare SVG/],
  ])('refuses %s beside the field and keeps the stored logo', async (_what, name, bytes, message) => {
    const before = (await getSettings(h.deps)).logoUrl;
    const res = await upload(admin, name, bytes);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/<a class="utrecht-link" href="#s-logo">/);
    const beside = /<p[^>]*id="s-logo-fout"[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1] ?? '';
    expect(beside).toMatch(message);
    expect((await getSettings(h.deps)).logoUrl).toBe(before);
  });

  it('is for the admin only', async () => {
    const res = await upload(adviser, 'logo.png', makePng(4, 4));
    expect(res.status).toBe(403);
  });

  it('removes the logo only after a confirmation page, audited', async () => {
    const confirm = await admin.get('/beheer/instellingen/logo/verwijderen');
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain('Ja, logo verwijderen');
    expect((await getSettings(h.deps)).logoUrl).toBeDefined();
    const unconfirmed = await admin.post('/beheer/instellingen/logo/verwijderen', {});
    expect(unconfirmed.status).toBe(303);
    expect((await getSettings(h.deps)).logoUrl).toBeDefined();
    const res = await admin.post('/beheer/instellingen/logo/verwijderen', { bevestig: 'ja' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Het logo is verwijderd.');
    expect((await getSettings(h.deps)).logoUrl).toBeUndefined();
    expect((await auditOf('settings.changed'))[0]?.details.changedFields).toEqual(['logo_url', 'removed']);
  });

  async function settingsForm(
    quiet: Record<string, string | string[]>,
  ): Promise<Record<string, string | string[]>> {
    const s = await getSettings(h.deps);
    return {
      municipality: s.municipality,
      primaryColor: s.primaryColor,
      senderLine: s.senderLine,
      signatureTitle: s.signatureTitle,
      generalContact: s.generalContact,
      allowedLinkDomains: s.allowedLinkDomains.join(', '),
      maxRatePerSecond: String(s.maxRatePerSecond),
      frequencyCapDays: String(s.frequencyCapDays),
      approvalValidityDays: String(s.approvalValidityDays),
      retentionDays: String(s.retentionDays),
      maxRadiusMetres: String(s.maxRadiusMetres),
      pricePerSegmentEur: String(s.pricePerSegmentEur),
      quietForm: '1',
      ...quiet,
    };
  }

  it('saves a send window ending at 24:00, states it in Dutch, and a new SMS campaign starts with it', async () => {
    const res = await admin.post(
      '/beheer/instellingen',
      await settingsForm({ quietStart: '10:30', quietEnd: '24:00', quietDays: ['2', '3', '4'] }),
    );
    expect(res.status).toBe(200);
    expect((await getSettings(h.deps)).quietHours).toEqual({ start: '10:30', end: '24:00', days: [2, 3, 4] });
    const page = await (await admin.get('/beheer/instellingen')).text();
    expect(page).toContain('sms’en gaan alleen uit van 10:30 tot 24:00 uur, dinsdag tot en met donderdag');
    const campaignId = await createCampaignVia(adviser, await createCaseVia(adviser));
    const campaign = await h.deps.campaigns.get(campaignId);
    expect(campaign?.quietHours).toEqual({
      start: '10:30',
      end: '24:00',
      days: [2, 3, 4],
      timeZone: 'Europe/Amsterdam',
    });
  });

  it.each([
    [
      { quietStart: '20:00', quietEnd: '09:00', quietDays: ['1'] },
      'De begintijd moet vóór de eindtijd liggen.',
    ],
    [{ quietStart: '9 uur', quietEnd: '20:00', quietDays: ['1'] }, 'Schrijf een tijd als UU:MM'],
    [{ quietStart: '09:00', quietEnd: '20:00' }, 'Kies minstens één dag'],
  ])('refuses a wrong window beside its field and keeps what was typed (%o)', async (quiet, message) => {
    const before = (await getSettings(h.deps)).quietHours;
    const res = await admin.post('/beheer/instellingen', await settingsForm(quiet));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/<a class="utrecht-link" href="#s-quietHours">/);
    const beside = /<p[^>]*id="s-quietHours-fout"[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1] ?? '';
    expect(beside).toContain(message);
    expect(html).toMatch(new RegExp(`<input[^>]*name="quietStart"[^>]*value="${quiet.quietStart}"`));
    expect((await getSettings(h.deps)).quietHours).toEqual(before);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvOf, mobile, vcardOf } from '../fixtures/sms-builders.js';
import { Client, type Harness, startHarness } from './harness.js';
import {
  createCampaignVia,
  createCaseVia,
  requestFingerprintOn,
  settingsForm,
  uploadVia,
} from './sms-support.js';

const NUMBERS = Array.from({ length: 12 }, (_, i) => mobile(100 + i));
/** The national significant number (612341xx): any notation of the number contains it. */
const significant = (e164: string) => e164.slice(3);

describe('no full phone number leaves the platform', () => {
  let h: Harness;
  const seen: { where: string; text: string }[] = [];
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  async function read(client: Client, path: string): Promise<string> {
    const res = await client.get(path);
    const text = await res.text();
    seen.push({ where: path, text });
    return text;
  }

  it('shows masked numbers only in pages, logs and audit exports, and excludes do-not-contact numbers', async () => {
    // Prepare
    const adviser = new Client(h.app);
    const om = new Client(h.app);
    const admin = new Client(h.app);
    await adviser.login('adviser');
    await om.login('om-liaison');
    await admin.login('admin');
    const caseId = await createCaseVia(adviser);
    const campaignId = await createCampaignVia(adviser, caseId);

    // Act
    await uploadVia(adviser, campaignId, 'telefoon 1', [
      {
        name: 'telefoon1.vcf',
        content: vcardOf(NUMBERS.slice(0, 8), 'BEGIN:VCARD\r\nTEL:+31 6 1234\r\nEND:VCARD\r\n'),
      },
    ]);
    await uploadVia(adviser, campaignId, 'telefoon 2', [
      { name: `export ${significant(NUMBERS[0]!)}.csv`, content: csvOf(NUMBERS.slice(6)) },
    ]);
    const added = await admin.request('/beheer/niet-benaderen', {
      method: 'POST',
      body: (() => {
        const form = new FormData();
        form.set('_csrf', admin.csrf);
        form.set('nummers', `${NUMBERS[0]}\n06-${significant(NUMBERS[1]!).slice(1)}`);
        return form;
      })(),
    });
    seen.push({ where: 'POST /beheer/niet-benaderen', text: await added.text() });
    await adviser.post(`/campagnes/${campaignId}/instellingen`, settingsForm());
    await adviser.post(`/campagnes/${campaignId}/indienen`);
    const fingerprint = await requestFingerprintOn(om, campaignId);
    await om.post(`/goedkeuringen/${campaignId}/goedkeuren`, {
      requestFingerprint: fingerprint,
      legalReference: '13/654321-22',
      confirmed: 'ja',
    });
    const campaignPage = await read(adviser, `/campagnes/${campaignId}`);
    await read(adviser, `/zaken/${caseId}`);
    await read(adviser, '/');
    await read(om, '/');
    await read(om, `/goedkeuringen/${campaignId}`);
    await read(om, '/goedkeuringen');
    await read(adviser, `/zaken/${caseId}/audit.csv`);
    await read(adviser, `/campagnes/${campaignId}/audit.csv`);
    await read(admin, '/beheer/audit');
    await read(admin, '/beheer/audit.csv');
    await read(admin, '/beheer/niet-benaderen');

    // Assess
    const campaign = (await h.deps.campaigns.get(campaignId))!;
    expect(campaign.status).toBe('approved');
    expect(campaign.recipients.counts?.excluded.do_not_contact).toBe(2);
    expect(campaign.recipients.counts?.sendable).toBe(10);
    expect(campaignPage).toMatch(/\+31 6 •••• \d{4}/);
    expect(seen.find((s) => s.where === 'POST /beheer/niet-benaderen')?.text).toContain(
      '2 nummers toegevoegd',
    );
    const leaks: string[] = [];
    for (const e164 of NUMBERS) {
      for (const { where, text } of [...seen, { where: 'logs', text: h.logs.join('\n') }]) {
        if (text.includes(significant(e164))) leaks.push(`${where} contains a full number`);
      }
    }
    expect(leaks).toEqual([]);
    expect(h.logs.length).toBeGreaterThan(0);
  });
});

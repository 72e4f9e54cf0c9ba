import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeDueCampaigns } from '../../functions/app/purge.js';
import { completedCampaign } from '../fixtures/purge-builders.js';
import { aCase } from '../fixtures/sms-builders.js';
import { Client, type Harness, startHarness } from './harness.js';

const ISO_MOMENT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

describe('the purge certificate for people', () => {
  let h: Harness;
  let admin: Client;
  beforeAll(async () => {
    h = await startHarness();
    await h.deps.settings.put({ ...(await h.deps.settings.get())!, maxRatePerSecond: 1000 });
    await h.deps.cases.create(aCase({ id: 'case-sending', name: 'Zaak Bazooka' }));
    admin = new Client(h.app);
    await admin.login('admin');
  });
  afterAll(async () => h.close());

  it('names who asked, approved and ran the purge, in Dutch time, with the fingerprint explained and lines to sign', async () => {
    // Prepare
    const { campaign } = await completedCampaign(h.deps, { recipients: 3, offset: 6100 });
    await admin.post(`/campagnes/${campaign.id}/nu-verwijderen`, { bevestig: 'ja' });
    const certificate = await h.deps.retention.records.certificate(campaign.id);

    // Act
    const html = await (await admin.get(`/campagnes/${campaign.id}/vernietigingsverklaring`)).text();
    const csvRes = await admin.get(`/campagnes/${campaign.id}/vernietigingsverklaring.csv`);
    const csv = parse(new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csvRes.arrayBuffer()), {
      bom: true,
      delimiter: ';',
      columns: true,
    }) as Record<string, string>[];
    const value = (label: string) => csv.find((r) => r.onderdeel === label)?.waarde;

    // Assess
    const purgedAt = new Intl.DateTimeFormat('nl-NL', {
      timeZone: 'Europe/Amsterdam',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .format(new Date(certificate!.purgedAt))
      .replace(',', '');
    expect(value('Verwijderd op (Nederlandse tijd)')).toBe(purgedAt);
    expect(value('Verwijderd op (Nederlandse tijd)')).toMatch(/^\d{2}-\d{2}-\d{4} \d{2}:\d{2}$/);
    expect(value('Opdracht gegeven door')).toBe('Test admin (Beheerder), met "nu verwijderen"');
    expect(value('Verzending goedgekeurd door')).toMatch(
      /^Onbekende gebruiker \(niet meer aanwezig\) \(Contactpersoon OM\), op \d{2}-\d{2}-\d{4} \d{2}:\d{2}$/,
    );
    expect(value('Uitgevoerd door')).toBe('Systeem (bewaartermijn)');
    expect(value('Zaak')).toBe('Zaak Bazooka');
    expect(value('Ontvangers (telefoonnummers met status)')).toBe('3');
    expect(html).toContain(purgedAt);
    expect(html).toContain('Systeem (bewaartermijn)');
    expect(html).toContain('De vingerafdruk is een controlegetal');
    expect(html).toContain('Ondertekening');
    for (const line of ['Naam', 'Functie', 'Datum', 'Handtekening'])
      expect(html).toContain(`<span>${line}</span>`);
    for (const text of [html, JSON.stringify(csv)]) {
      expect(text).not.toMatch(ISO_MOMENT);
      expect(text).not.toContain('system:retention');
    }
  }, 60_000);

  it('names the retention job when the nightly purge ordered it', async () => {
    // Prepare
    const { campaign } = await completedCampaign(h.deps, { recipients: 2, offset: 6200 });
    const later = new Date(h.deps.clock.now().getTime() + 40 * 86_400_000);

    // Act
    const report = await purgeDueCampaigns(h.deps, later);
    const html = await (await admin.get(`/campagnes/${campaign.id}/vernietigingsverklaring`)).text();

    // Assess
    expect(report.purged).toContain(campaign.id);
    expect(html).toContain('Systeem (bewaartermijn), automatisch na afloop van de bewaartermijn');
    expect(html).not.toContain('system:retention');
  }, 60_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvOf, mobile, vcardOf } from '../fixtures/sms-builders.js';
import { Client, type Harness, startHarness } from './harness.js';
import { createCampaignVia, createCaseVia, uploadVia } from './sms-support.js';

/** The row of the upload report for this file label, as HTML. */
function rowOf(html: string, file: string): string {
  const rows = html.split('<tr>').filter((row) => row.includes(`<td>${file} (`));
  expect(rows).toHaveLength(1);
  return rows[0]!.split('</tr>')[0]!;
}

describe('upload report warnings on the campaign page', () => {
  let h: Harness;
  let adviser: Client;
  beforeAll(async () => {
    h = await startHarness();
    adviser = new Client(h.app);
    await adviser.login('adviser');
  });
  afterAll(async () => h.close());

  it('warns beside a file without numbers and beside a file uploaded twice, and nowhere else', async () => {
    const campaignId = await createCampaignVia(adviser, await createCaseVia(adviser));
    const first = vcardOf([mobile(51), mobile(52)]);
    const noNumbers = 'Naam,Notitie\r\nJan,geen nummer\r\nPiet,ook niet\r\n';
    for (const [source, name, content] of [
      ['telefoon 1', 'a.vcf', first],
      ['telefoon 1', 'b.csv', csvOf([mobile(53)])],
      ['telefoon 2', 'leeg.csv', noNumbers],
      ['telefoon 2', 'nogmaals.vcf', first],
    ] as const) {
      expect((await uploadVia(adviser, campaignId, source, [{ name, content }])).status).toBeLessThan(400);
    }

    const html = await (await adviser.get(`/campagnes/${campaignId}`)).text();

    expect(rowOf(html, 'Bestand 3')).toContain('Geen telefoonnummers gevonden in Bestand 3.');
    expect(rowOf(html, 'Bestand 4')).toContain(
      'Bestand 4 is gelijk aan Bestand 1; de nummers tellen één keer.',
    );
    for (const quiet of ['Bestand 1', 'Bestand 2']) expect(rowOf(html, quiet)).not.toContain('Let op:');
    const uploads = await h.deps.contactUploads.list(campaignId);
    expect(new Set(uploads.map((u) => u.contentHash)).size).toBe(3);
    expect(uploads.every((u) => /^[0-9a-f]{64}$/.test(u.contentHash ?? ''))).toBe(true);
  });

  it('gives different campaigns nothing to compare: the same file in another campaign is no repeat', async () => {
    const content = vcardOf([mobile(61)]);
    for (let i = 0; i < 2; i++) {
      const campaignId = await createCampaignVia(adviser, await createCaseVia(adviser));
      await uploadVia(adviser, campaignId, 'telefoon 1', [{ name: 'a.vcf', content }]);
      const html = await (await adviser.get(`/campagnes/${campaignId}`)).text();
      expect(rowOf(html, 'Bestand 1')).not.toContain('Let op:');
    }
  });
});

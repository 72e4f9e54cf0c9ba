import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTableNames } from '../../functions/adapters/dynamodb/tables.js';
import { localDocumentClient } from '../../functions/wiring/local.js';
import { scanAllTables, stringsOf } from '../fixtures/purge-builders.js';
import { csvOf, mobile, vcardOf } from '../fixtures/sms-builders.js';
import { Client, type Harness, startHarness } from '../http/harness.js';
import { createCampaignVia, createCaseVia, uploadVia } from '../http/sms-support.js';

/*
 * Contact files are named after people ("contacten Jan Jansen.csv"): the name must not reach the store, the
 * audit trail, a page, an export or a log. The file is called by a label and a sequence number instead.
 */

const PERSON = 'Jansen';

describe('contact file names', () => {
  let h: Harness;
  let adviser: Client;
  let admin: Client;
  let caseId: string;
  let campaignId: string;

  beforeAll(async () => {
    h = await startHarness();
    adviser = new Client(h.app);
    admin = new Client(h.app);
    await adviser.login('adviser');
    await admin.login('admin');
    caseId = await createCaseVia(adviser);
    campaignId = await createCampaignVia(adviser, caseId);
  }, 60_000);

  afterAll(async () => h?.close());

  it('stores, shows and exports a label and a sequence number, never the name of the file', async () => {
    // Act
    const first = await uploadVia(adviser, campaignId, 'telefoon 1', [
      { name: 'contacten Jan Jansen.csv', content: csvOf([mobile(1), mobile(2)]) },
      { name: 'Piet Jansen.pdf', content: new Uint8Array(512).map((_, i) => (i * 31) % 256) },
    ]);
    const second = await uploadVia(adviser, campaignId, 'telefoon 2', [
      { name: 'Kees Jansen telefoon.vcf', content: vcardOf([mobile(3)]) },
    ]);
    const uploads = await h.deps.contactUploads.list(campaignId);
    const texts: { where: string; text: string }[] = [];
    const read = async (client: Client, path: string) => {
      const res = await client.get(path);
      expect(res.status, path).toBe(200);
      texts.push({ where: path, text: await res.text() });
    };
    await read(adviser, `/campagnes/${campaignId}`);
    for (const u of uploads) await read(adviser, `/campagnes/${campaignId}/uploads/${u.id}/verwijderen`);
    await read(adviser, `/campagnes/${campaignId}/audit.csv`);
    await read(adviser, `/zaken/${caseId}/audit.csv`);
    await read(adviser, `/zaken/${caseId}/resultaten.csv`);
    await read(admin, '/beheer/audit');
    await read(admin, '/beheer/audit.csv');
    const rows = await scanAllTables(h.endpoint);

    // Assess
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(uploads.map((u) => [u.seq, u.report.file, u.report.source])).toEqual([
      [1, 'Bestand 1 (CSV)', 'telefoon 1'],
      [2, 'Bestand 2 (.pdf)', 'telefoon 1'],
      [3, 'Bestand 3 (vCard)', 'telefoon 2'],
    ]);
    expect(texts[0]!.text).toContain('Bestand 3 (vCard)');
    const stored = rows.flatMap((r) => stringsOf(r.item));
    expect(stored.some((s) => s.includes('Bestand 1 (CSV)'))).toBe(true);
    const leaks = [
      ...stored.filter((s) => s.includes(PERSON)).map(() => 'store'),
      ...texts.filter((t) => t.text.includes(PERSON)).map((t) => t.where),
      ...h.logs.filter((line) => line.includes(PERSON)).map(() => 'logs'),
    ];
    expect(leaks).toEqual([]);
  });

  it('reads uploads stored with their name as labels, and numbers new files after the highest one kept', async () => {
    // Prepare: an upload as stored before names were dropped (no sequence number, the name in the report)
    const campaign = await createCampaignVia(adviser, caseId);
    const doc = localDocumentClient(h.endpoint);
    try {
      await doc.send(
        new PutCommand({
          TableName: localTableNames('perspectief-').main,
          Item: {
            pk: `CAMPAIGN#${campaign}`,
            sk: 'UPLOAD#old-1',
            id: 'old-1',
            campaignId: campaign,
            report: {
              file: 'contacten Jan Jansen.vcf',
              source: 'telefoon 1',
              format: 'vcard',
              records: 1,
              numbers: 1,
              problems: [],
              problems_omitted: 0,
            },
            sizeBytes: 100,
            found: 1,
            valid: 1,
            invalid: 0,
            distinct: 0,
            accepted: false,
            uploadedAt: '2026-01-01T00:00:00.000Z',
            uploadedBy: 'someone',
          },
        }),
      );
    } finally {
      doc.destroy();
    }

    // Act
    await uploadVia(adviser, campaign, 'telefoon 2', [{ name: 'a.csv', content: csvOf([mobile(4)]) }]);
    const [, added] = await h.deps.contactUploads.list(campaign);
    await adviser.post(`/campagnes/${campaign}/uploads/${added!.id}/verwijderen`);
    await uploadVia(adviser, campaign, 'telefoon 2', [{ name: 'b.csv', content: csvOf([mobile(5)]) }]);
    const uploads = await h.deps.contactUploads.list(campaign);
    const page = await (await adviser.get(`/campagnes/${campaign}`)).text();

    // Assess
    expect(added?.report.file).toBe('Bestand 2 (CSV)');
    expect(uploads.map((u) => u.report.file)).toEqual(['Bestand 1 (vCard)', 'Bestand 2 (CSV)']);
    expect(page).toContain('Bestand 1 (vCard)');
    expect(page).not.toContain(PERSON);
  });
});

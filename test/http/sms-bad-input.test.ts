import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemActing } from '../../functions/app/audit.js';
import { createUser } from '../../functions/app/users.js';
import { csvOf, mobile, vcardOf } from '../fixtures/sms-builders.js';
import { Client, type Harness, PASSWORD, startHarness } from './harness.js';
import {
  createCampaignVia,
  createCaseVia,
  requestFingerprintOn,
  settingsForm,
  uploadVia,
  variantsForm,
} from './sms-support.js';

const GOOD = 'Hulp nodig bij stoppen? Kijk op {link}';

describe('SMS-bom bad input over HTTP', () => {
  let h: Harness;
  let adviser: Client;
  let om: Client;
  let campaignId: string;
  beforeAll(async () => {
    h = await startHarness();
    adviser = new Client(h.app);
    om = new Client(h.app);
    await adviser.login('adviser');
    await om.login('om-liaison');
  });
  afterAll(async () => h.close());
  beforeEach(async () => {
    campaignId = await createCampaignVia(adviser, await createCaseVia(adviser));
  });

  async function submitted(): Promise<string> {
    await uploadVia(adviser, campaignId, 'telefoon 1', [
      { name: 'a.vcf', content: vcardOf([mobile(11), mobile(12)]) },
    ]);
    expect((await adviser.post(`/campagnes/${campaignId}/instellingen`, settingsForm())).status).toBe(303);
    expect((await adviser.post(`/campagnes/${campaignId}/indienen`)).status).toBe(303);
    return requestFingerprintOn(om, campaignId);
  }

  it('refuses a variant without {link} with a Dutch message and keeps the stored texts', async () => {
    // Prepare
    const before = (await h.deps.campaigns.get(campaignId))!.variants;

    // Act
    const res = await adviser.post(
      `/campagnes/${campaignId}/varianten`,
      variantsForm(['Hulp nodig? Bel ons.']),
    );

    // Assess
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('bevat geen {link}');
    expect((await h.deps.campaigns.get(campaignId))!.variants).toEqual(before);
  });

  it('refuses a 2,000-character variant', async () => {
    // Act
    const res = await adviser.post(
      `/campagnes/${campaignId}/varianten`,
      variantsForm([`${'a'.repeat(1990)} {link}`]),
    );

    // Assess
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Maak de tekst korter');
  });

  it('refuses a help link outside the allowed domains on submit', async () => {
    // Prepare
    await uploadVia(adviser, campaignId, 'telefoon 1', [{ name: 'a.vcf', content: vcardOf([mobile(21)]) }]);

    // Act
    const saved = await adviser.post(
      `/campagnes/${campaignId}/instellingen`,
      settingsForm({ helpLink: 'https://kwaadaardig.example.com/hulp' }),
    );

    // Assess
    expect(saved.status).toBe(422);
    expect(await saved.text()).toContain('buiten de toegestane domeinen');
    expect((await h.deps.campaigns.get(campaignId))!.helpLink).toBe('https://hulpnadrugs.example.nl/');
  });

  it('saves variants, replaces UCS-2 characters in one click without saving, and reports feedback as JSON', async () => {
    // Act
    const replaced = await adviser.post(
      `/campagnes/${campaignId}/varianten`,
      variantsForm(['Financiële zorgen? ‘Praat’ erover: {link}'], 'vervang-0'),
    );
    const analysed = await adviser.request(`/campagnes/${campaignId}/varianten/analyse`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'x-csrf-token': adviser.csrf,
      },
      body: JSON.stringify({ variants: [{ id: 'v1', label: '', text: 'Financiële zorgen? {link}' }] }),
    });
    const saved = await adviser.post(
      `/campagnes/${campaignId}/varianten`,
      variantsForm([GOOD, `${GOOD} Nu.`]),
    );

    // Assess
    expect(replaced.status).toBe(200);
    expect(await replaced.text()).toContain('Financiele zorgen? &#39;Praat&#39; erover: {link}');
    const json = (await analysed.json()) as {
      variants: { encoding: string; suggested: string; html: string }[];
    };
    expect(json.variants[0]).toMatchObject({ encoding: 'UCS-2', suggested: 'Financiele zorgen? {link}' });
    expect(json.variants[0]!.html).toContain('U+00EB');
    expect(saved.status).toBe(303);
    expect((await h.deps.campaigns.get(campaignId))!.variants.map((v) => v.text)).toEqual([
      GOOD,
      `${GOOD} Nu.`,
    ]);
  });

  it('refuses an approval without legal reference or without confirmation', async () => {
    // Prepare
    const fingerprint = await submitted();

    // Act
    const empty = await om.post(`/goedkeuringen/${campaignId}/goedkeuren`, {
      requestFingerprint: fingerprint,
      legalReference: '  ',
      confirmed: 'ja',
    });
    const unconfirmed = await om.post(`/goedkeuringen/${campaignId}/goedkeuren`, {
      requestFingerprint: fingerprint,
      legalReference: '13/654321-22',
    });

    // Assess
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('Vul een juridische referentie in');
    expect(unconfirmed.status).toBe(422);
    expect(await unconfirmed.text()).toContain('Bevestig dat u');
    expect((await h.deps.campaigns.get(campaignId))!.status).toBe('ready_for_approval');
  });

  it('turns a double-clicked approval into exactly one approval and one audit event', async () => {
    // Prepare
    const fingerprint = await submitted();
    const form = { requestFingerprint: fingerprint, legalReference: '13/654321-22', confirmed: 'ja' };

    // Act
    const responses = await Promise.all([
      om.post(`/goedkeuringen/${campaignId}/goedkeuren`, form),
      om.post(`/goedkeuringen/${campaignId}/goedkeuren`, form),
    ]);
    const third = await om.post(`/goedkeuringen/${campaignId}/goedkeuren`, form);

    // Assess
    expect(responses.map((r) => r.status)).toEqual([303, 303]);
    expect(third.status).toBe(303);
    const campaign = (await h.deps.campaigns.get(campaignId))!;
    const events = await h.deps.audit.list({
      caseId: campaign.caseId,
      campaignId,
      action: 'campaign.approved',
    });
    expect(events).toHaveLength(1);
    expect((await h.deps.approvals.list(campaignId)).filter((r) => r.kind === 'approval')).toHaveLength(1);
  });

  it('refuses to approve a request that changed after the OM liaison opened it, in Dutch', async () => {
    // Prepare
    const fingerprint = await submitted();
    const asked = await adviser.post(`/campagnes/${campaignId}/varianten`, variantsForm([GOOD]));
    expect(await asked.text()).toContain('Dit maakt de aanvraag tot goedkeuring van');
    await adviser.post(`/campagnes/${campaignId}/varianten`, { ...variantsForm([GOOD]), bevestig: '1' });

    // Act
    const res = await om.post(`/goedkeuringen/${campaignId}/goedkeuren`, {
      requestFingerprint: fingerprint,
      legalReference: '13/654321-22',
      confirmed: 'ja',
    });

    // Assess
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('gewijzigd of ingetrokken nadat u haar opende');
    expect((await h.deps.campaigns.get(campaignId))!.approval).toBeNull();
  });

  it('refuses an approver who prepared the campaign, even through another role', async () => {
    // Prepare
    await createUser(h.deps, systemActing('test'), {
      username: 'beide-rollen',
      displayName: 'Adviseur en OM',
      roles: ['adviser', 'om_liaison'],
      password: PASSWORD,
    });
    const both = new Client(h.app);
    await both.login('beide-rollen');
    const own = await createCampaignVia(both, await createCaseVia(both));
    await uploadVia(both, own, 'telefoon 1', [{ name: 'a.vcf', content: vcardOf([mobile(31)]) }]);
    await both.post(`/campagnes/${own}/instellingen`, settingsForm());
    await both.post(`/campagnes/${own}/indienen`);
    const fingerprint = await requestFingerprintOn(both, own);

    // Act
    const res = await both.post(`/goedkeuringen/${own}/goedkeuren`, {
      requestFingerprint: fingerprint,
      legalReference: '13/654321-22',
      confirmed: 'ja',
    });

    // Assess
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('zelf voorbereid of gewijzigd');
    expect((await h.deps.campaigns.get(own))!.status).toBe('ready_for_approval');
  });

  it('gives malformed, binary and renamed ZIP files a file-level error while the good file still counts', async () => {
    // Prepare
    const binary = new Uint8Array(2048).map((_, i) => (i * 37) % 256);
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Uint8Array(200).fill(1)]);

    // Act
    const res = await uploadVia(adviser, campaignId, 'telefoon 1', [
      { name: 'goed.csv', content: csvOf([mobile(41), mobile(42)]) },
      { name: 'ruis.vcf', content: binary },
      { name: 'archief.csv', content: zip },
      { name: 'kapot.vcf', content: 'BEGIN:VCARD\r\nVERSION:3.0\r\nTEL:06-12' },
      { name: 'leeg.csv', content: '' },
    ]);
    const page = await (await adviser.get(`/campagnes/${campaignId}`)).text();

    // Assess
    expect(res.status).toBe(303);
    const uploads = await h.deps.contactUploads.list(campaignId);
    expect(uploads).toHaveLength(5);
    const bySeq = new Map(uploads.map((u) => [u.seq, u]));
    expect(bySeq.get(1)).toMatchObject({ accepted: true, distinct: 2, report: { file: 'Bestand 1 (CSV)' } });
    for (const bad of [2, 3, 4, 5]) {
      const u = bySeq.get(bad)!;
      expect(u.report.file, String(bad)).toMatch(new RegExp(`^Bestand ${bad}( \\(|$)`));
      expect(u.distinct, String(bad)).toBe(0);
      expect(u.report.problems.length + (u.report.records === 0 ? 1 : 0), String(bad)).toBeGreaterThan(0);
    }
    expect((await h.deps.campaigns.get(campaignId))!.recipients.counts?.sendable).toBe(2);
    expect(page).toContain('Verslag per bestand');
  });

  it('answers an oversized upload with a Dutch 413 and stores nothing', async () => {
    // Prepare
    const limits = { ...h.deps.contactLimits };
    h.deps.contactLimits.maxFileBytes = 1000;

    // Act
    const huge = new Uint8Array(1_200_000).fill(0x41);
    const res = await uploadVia(adviser, campaignId, 'telefoon 1', [{ name: 'groot.csv', content: huge }]);
    const asJson = await uploadVia(
      adviser,
      campaignId,
      'telefoon 1',
      [{ name: 'groot.csv', content: huge }],
      {
        accept: 'application/json',
      },
    );
    Object.assign(h.deps.contactLimits, limits);

    // Assess
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('De upload is te groot');
    expect(asJson.status).toBe(413);
    expect(((await asJson.json()) as { error: { message: string } }).error.message).toContain('te groot');
    expect(await h.deps.contactUploads.list(campaignId)).toEqual([]);
  });

  it('refuses a file over the per-file limit inside an upload, while a small file of the same upload counts', async () => {
    // Prepare
    const limits = { ...h.deps.contactLimits };
    h.deps.contactLimits.maxFileBytes = 4000;

    // Act
    const res = await uploadVia(adviser, campaignId, 'telefoon 1', [
      { name: 'klein.csv', content: csvOf([mobile(51)]) },
      { name: 'groot.csv', content: csvOf(Array.from({ length: 300 }, (_, i) => mobile(i))) },
    ]);
    Object.assign(h.deps.contactLimits, limits);

    // Assess
    expect(res.status).toBe(303);
    const uploads = await h.deps.contactUploads.list(campaignId);
    const big = uploads.find((u) => u.report.file === 'Bestand 2 (.csv)')!;
    expect(big.accepted).toBe(false);
    expect(big.report.problems[0]?.reason).toContain('groter dan');
    expect((await h.deps.campaigns.get(campaignId))!.recipients.counts?.sendable).toBe(1);
  });
});

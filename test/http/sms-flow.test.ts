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

describe('SMS-bom from case to approval over HTTP', () => {
  let h: Harness;
  let adviser: Client;
  let om: Client;
  beforeAll(async () => {
    h = await startHarness();
    adviser = new Client(h.app);
    om = new Client(h.app);
    await adviser.login('adviser');
    await om.login('om-liaison');
  });
  afterAll(async () => h.close());

  it('prepares, submits, rejects, resubmits and approves, and shows the adviser "goedgekeurd"', async () => {
    // Prepare
    const caseId = await createCaseVia(adviser);
    const campaignId = await createCampaignVia(adviser, caseId);
    const phone1 = [mobile(1), mobile(2), mobile(3)];
    const phone2 = [mobile(3), mobile(4)];

    // Act
    expect(
      (
        await uploadVia(adviser, campaignId, 'telefoon 1', [
          { name: 'telefoon1.vcf', content: vcardOf(phone1) },
        ])
      ).status,
    ).toBe(303);
    expect(
      (
        await uploadVia(adviser, campaignId, 'telefoon 2', [
          { name: 'telefoon2.csv', content: csvOf(phone2) },
        ])
      ).status,
    ).toBe(303);
    expect((await adviser.post(`/campagnes/${campaignId}/instellingen`, settingsForm())).status).toBe(303);
    expect((await adviser.post(`/campagnes/${campaignId}/indienen`)).status).toBe(303);
    const first = await requestFingerprintOn(om, campaignId);
    const rejected = await om.post(`/goedkeuringen/${campaignId}/afwijzen`, {
      requestFingerprint: first,
      reason: 'De tekst van variant 2 is te stellig.',
    });
    const afterReject = await (await adviser.get(`/campagnes/${campaignId}`)).text();
    expect((await adviser.post(`/campagnes/${campaignId}/indienen`)).status).toBe(303);
    const second = await requestFingerprintOn(om, campaignId);
    const approved = await om.post(`/goedkeuringen/${campaignId}/goedkeuren`, {
      requestFingerprint: second,
      legalReference: '13/654321-22',
      confirmed: 'ja',
    });
    const page = await (await adviser.get(`/campagnes/${campaignId}`)).text();

    // Assess
    expect(rejected.status).toBe(303);
    expect(afterReject).toContain('De tekst van variant 2 is te stellig.');
    expect(approved.status).toBe(303);
    expect(page).toContain('Goedgekeurd');
    expect(page).toContain('13/654321-22');
    const campaign = await h.deps.campaigns.get(campaignId);
    expect(campaign?.status).toBe('approved');
    expect(campaign?.recipients.counts).toMatchObject({ imported: 5, valid: 5, sendable: 4 });
    expect(await h.deps.recipients.count(campaignId)).toBe(4);
  });

  it('asks before a variant edit voids the approval, and voids it (audited) only after the confirmation', async () => {
    // Prepare: an approved campaign
    const caseId = await createCaseVia(adviser);
    const campaignId = await createCampaignVia(adviser, caseId);
    await uploadVia(adviser, campaignId, 'telefoon 1', [
      { name: 'telefoon1.vcf', content: vcardOf([mobile(11), mobile(12)]) },
    ]);
    await adviser.post(`/campagnes/${campaignId}/instellingen`, settingsForm());
    await adviser.post(`/campagnes/${campaignId}/indienen`);
    await om.post(`/goedkeuringen/${campaignId}/goedkeuren`, {
      requestFingerprint: await requestFingerprintOn(om, campaignId),
      legalReference: '13/654321-22',
      confirmed: 'ja',
    });
    const approved = (await h.deps.campaigns.get(campaignId))!;
    const form: Record<string, string> = { actie: 'opslaan' };
    approved.variants.forEach((v, i) => {
      form[`variant-${i}-id`] = v.id;
      form[`variant-${i}-label`] = v.label;
      form[`variant-${i}-text`] = i === 0 ? `${v.text} Echt.` : v.text;
    });

    // Act
    const asked = await adviser.post(`/campagnes/${campaignId}/varianten`, form);
    const untouched = (await h.deps.campaigns.get(campaignId))!;
    const confirmPage = await asked.text();
    const confirmed = await adviser.post(`/campagnes/${campaignId}/varianten`, { ...form, bevestig: '1' });
    const voided = (await h.deps.campaigns.get(campaignId))!;

    // Assess
    expect(asked.status).toBe(409);
    expect(confirmPage).toContain(`Dit maakt de goedkeuring van „${approved.name}” ongeldig`);
    expect(confirmPage).toContain('name="bevestig" value="1"');
    expect(confirmPage).toContain(`value="${approved.variants[0]!.id}"`);
    expect(untouched.version).toBe(approved.version);
    expect(untouched.status).toBe('approved');
    expect(confirmed.status).toBe(303);
    expect(voided.status).toBe('draft');
    expect(voided.approval).toBeNull();
    const month = h.deps.clock.now().toISOString().slice(0, 7);
    const events = await h.deps.audit.list({ months: [month], action: 'campaign.approval_voided' });
    expect(events.some((e) => e.campaignId === campaignId && e.details.voided === 'approval')).toBe(true);
  });
});

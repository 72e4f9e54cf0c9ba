import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mobile, vcardOf } from '../fixtures/sms-builders.js';
import { Client, type Harness, startHarness } from './harness.js';
import {
  createCampaignVia,
  createCaseVia,
  requestFingerprintOn,
  settingsForm,
  uploadVia,
} from './sms-support.js';

describe('the OM liaison approves with a court case number as legal reference', () => {
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
    await uploadVia(adviser, campaignId, 'telefoon 1', [
      { name: 'a.vcf', content: vcardOf([mobile(31), mobile(32)]) },
    ]);
    expect((await adviser.post(`/campagnes/${campaignId}/instellingen`, settingsForm())).status).toBe(303);
    expect((await adviser.post(`/campagnes/${campaignId}/indienen`)).status).toBe(303);
  });

  it.each(['Parket 10/999', 'parketnummer 10/123456-26', 'Parket 10/999999-26'])(
    'accepts "%s" and stores it with the approval',
    async (reference) => {
      const res = await om.post(`/goedkeuringen/${campaignId}/goedkeuren`, {
        requestFingerprint: await requestFingerprintOn(om, campaignId),
        legalReference: reference,
        confirmed: 'ja',
      });
      expect(res.status).toBe(303);
      expect((await h.deps.campaigns.get(campaignId))?.approval?.legalReference).toBe(reference);
    },
  );

  it.each(['06 1234 5678', 'parket 06/123456-78', 'bel 0031612345678'])(
    'still refuses "%s", which is a phone number',
    async (reference) => {
      const res = await om.post(`/goedkeuringen/${campaignId}/goedkeuren`, {
        requestFingerprint: await requestFingerprintOn(om, campaignId),
        legalReference: reference,
        confirmed: 'ja',
      });
      expect(res.status).toBe(422);
      expect(await res.text()).toContain('lijkt op een telefoonnummer');
      expect((await h.deps.campaigns.get(campaignId))?.approval ?? null).toBeNull();
    },
  );
});

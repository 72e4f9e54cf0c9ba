import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDecimal, formatPercent } from '../../functions/http/views/nl-format.js';
import { seedApprovedCampaign, sendingMobile } from '../fixtures/sending-builders.js';
import { Client, type Harness, startHarness } from './harness.js';
import { createCampaignVia, createCaseVia } from './sms-support.js';

const ALL_DAY = { start: '00:00', end: '24:00', days: [1, 2, 3, 4, 5, 6, 7], timeZone: 'Europe/Amsterdam' };

describe('Dutch formats and small courtesies', () => {
  let h: Harness;
  let adviser: Client;
  beforeAll(async () => {
    h = await startHarness();
    adviser = new Client(h.app);
    await adviser.login('adviser');
  });
  afterAll(async () => {
    await h.close();
  });

  it('writes decimals with a comma and shares as a Dutch percentage', () => {
    expect([formatDecimal(0.55), formatDecimal(1234.5), formatPercent(0.376), formatPercent(1)]).toEqual([
      '0,55',
      '1.234,5',
      '37,6%',
      '100%',
    ]);
  });

  it('does not estimate an end before a launch planned later, and shows no share of nothing', async () => {
    // Prepare
    const later = new Date(h.deps.clock.now().getTime() + 3 * 3_600_000);
    const campaign = await seedApprovedCampaign(h.deps, {
      recipients: 3,
      now: new Date(h.deps.clock.now().getTime() - 60_000),
      quietHours: ALL_DAY,
      scheduledAt: later,
      numberOf: (n) => sendingMobile(1300 + n),
    });
    const draftId = await createCampaignVia(adviser, await createCaseVia(adviser, 'Leeg'));

    // Act
    const figures = (await (
      await adviser.request(`/campagnes/${campaign.id}/verzending.json`, {
        headers: { accept: 'application/json' },
      })
    ).json()) as { progress: { eta: string | null } };
    const draftDashboard = await (await adviser.get(`/campagnes/${draftId}/verzending`)).text();

    // Assess
    expect(figures.progress.eta).toBeNull();
    expect(await (await adviser.get(`/campagnes/${campaign.id}/verzending`)).text()).not.toContain(
      'verwacht klaar',
    );
    expect(draftDashboard).toContain('Afgehandeld: nog geen goedgekeurde ontvangers.');
    expect(draftDashboard).not.toMatch(/100\s?%/);
  });

  it('estimates the end only while sending runs at a measured pace', async () => {
    // Prepare
    const now = h.deps.clock.now();
    const campaign = await seedApprovedCampaign(h.deps, {
      recipients: 4,
      now: new Date(now.getTime() - 60_000),
      quietHours: ALL_DAY,
      scheduledAt: new Date(now.getTime() - 30_000),
      numberOf: (n) => sendingMobile(1400 + n),
    });
    const stored = (await h.deps.campaigns.get(campaign.id))!;
    await h.deps.campaigns.save(
      { ...stored, status: 'sending', version: stored.version + 1 },
      stored.version,
    );
    const etaOf = async () =>
      (
        (await (
          await adviser.request(`/campagnes/${campaign.id}/verzending.json`, {
            headers: { accept: 'application/json' },
          })
        ).json()) as { progress: { eta: string | null } }
      ).progress.eta;
    const status = (samples: { at: string; total: number }[]) =>
      h.deps.sending.dispatchStatus.put({
        campaignId: campaign.id,
        at: now.toISOString(),
        hold: null,
        message: null,
        until: null,
        samples,
      });

    // Act
    const withoutPace = await etaOf();
    await status([
      { at: new Date(now.getTime() - 20_000).toISOString(), total: 0 },
      { at: now.toISOString(), total: 2 },
    ]);
    const withPace = await etaOf();
    const page = await (await adviser.get(`/campagnes/${campaign.id}/verzending`)).text();

    // Assess
    expect(withoutPace).toBeNull();
    expect(withPace).not.toBeNull();
    expect(new Date(withPace!).getTime()).toBeGreaterThan(now.getTime());
    expect(page).toMatch(/verwacht klaar: \d/);
  });

  it('serves /favicon.ico as an icon', async () => {
    // Act
    const res = await new Client(h.app).get('/favicon.ico');
    const bytes = new Uint8Array(await res.arrayBuffer());

    // Assess
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/x-icon');
    expect([...bytes.slice(0, 6)]).toEqual([0, 0, 1, 0, 1, 0]);
    expect(bytes.length).toBe(6 + 16 + 40 + 16 * 16 * 4 + 16 * 4);
  });
});

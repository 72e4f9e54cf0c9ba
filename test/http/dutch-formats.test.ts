import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDecimal, formatPercent } from '../../functions/http/views/nl-format.js';
import { seedApprovedCampaign, sendingMobile } from '../fixtures/sending-builders.js';
import { Client, type Harness, startHarness } from './harness.js';
import { createCampaignVia, createCaseVia } from './sms-support.js';

const ALL_DAY = { start: '00:00', end: '23:59', days: [1, 2, 3, 4, 5, 6, 7], timeZone: 'Europe/Amsterdam' };

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
    expect(figures.progress.eta).not.toBeNull();
    expect(new Date(figures.progress.eta!).getTime()).toBeGreaterThanOrEqual(later.getTime());
    expect(draftDashboard).toContain('Afgehandeld: nog geen goedgekeurde ontvangers.');
    expect(draftDashboard).not.toMatch(/100\s?%/);
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

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CENTRE } from '../../functions/adapters/bag-file/demo-neighbourhood.js';
import { createCampaignFromBlueprint } from '../../functions/app/campaigns.js';
import { createCase } from '../../functions/app/cases.js';
import { selectedStreets } from '../../functions/app/distribution.js';
import { streetKey } from '../../functions/core/letters/address.schema.js';
import { streetValue } from '../../functions/http/views/letters.js';
import { Client, type Harness, startHarness } from './harness.js';

describe('the "Bezorging" overview counts every selected street', () => {
  let h: Harness;
  let manager: Client;
  let campaignId: string;
  beforeAll(async () => {
    h = await startHarness();
    manager = new Client(h.app);
    await manager.login('area-manager');
    const users = await h.deps.users.list();
    const byRole = (role: string) => users.find((u) => u.roles.includes(role as never))!;
    const acting = {
      actor: {
        userId: byRole('area_manager').id,
        username: 'area-manager',
        roles: ['area_manager' as const],
      },
      role: 'area_manager' as const,
    };
    const kase = await createCase(h.deps, acting, {
      name: 'Dekking',
      actionDate: '2026-03-01',
      municipality: 'Teststad',
      areaDescription: 'rond de Proefstraat',
      responsibleUserId: byRole('adviser').id,
    });
    campaignId = (
      await createCampaignFromBlueprint(h.deps, acting, {
        caseId: kase.id,
        blueprintId: 'wijkbericht-na-arrestaties',
        name: 'Wijkbericht dekking',
      })
    ).id;
  });
  afterAll(async () => {
    await h.close();
  });

  it('shows streets in no round as not yet planned, in the table and in the totals', async () => {
    // Prepare
    const area = await manager.post(`/wijkberichten/${campaignId}/gebied`, {
      locatie: `${DEMO_CENTRE.lat}, ${DEMO_CENTRE.lon}`,
      straal: '250',
    });
    const selection = (await h.deps.letterSelections.get(campaignId))!;
    const streets = selectedStreets(selection).sort((a, b) => a.street.localeCompare(b.street));
    const [left1, left2, ...inRound] = streets;
    const distributor = (await h.deps.users.list()).find((u) => u.roles.includes('distributor'))!;

    // Act
    const planned = await manager.post(`/wijkberichten/${campaignId}/rondes`, {
      datum: '2026-03-03',
      van: '09:00',
      tot: '12:00',
      team: [distributor.id],
      straat: inRound.map(streetValue),
    });
    const html = await (await manager.get(`/wijkberichten/${campaignId}/bezorging`)).text();

    // Assess
    expect(area.status).toBe(303);
    expect(streets.length).toBeGreaterThanOrEqual(3);
    expect(planned.status).toBe(303);
    const total = streets.reduce((sum, s) => sum + s.letters, 0);
    const roundTotal = (await h.deps.rounds.listByCampaign(campaignId))[0]!.streets.reduce(
      (s, x) => s + x.count,
      0,
    );
    const unplanned = left1!.letters + left2!.letters;
    expect(roundTotal).toBe(total - unplanned);
    expect(total).toBe(selection.letterCount);
    expect(html).toContain(
      `0 van ${total} brieven bezorgd (0 van ${streets.length} straten); ${roundTotal} gepland, 0 met een probleem; 2 straten (${unplanned} brieven) nog niet ingepland.`,
    );
    for (const s of [left1!, left2!]) {
      expect(html).toContain(
        `${s.street}, ${s.city}</td><td>${s.letters}</td><td>0</td><td>0</td><td>0</td><td>nog niet ingepland</td>`,
      );
    }
    expect(new Set(streets.map(streetKey)).size).toBe(streets.length);
  });
});

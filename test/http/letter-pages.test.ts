import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CENTRE } from '../../functions/adapters/bag-file/demo-neighbourhood.js';
import { createCampaignFromBlueprint } from '../../functions/app/campaigns.js';
import { createCase } from '../../functions/app/cases.js';
import { Client, type Harness, startHarness, usernameFor } from './harness.js';

describe('the letter pages read their forms through their schemas', () => {
  let h: Harness;
  let manager: Client;
  let campaignId: string;
  beforeAll(async () => {
    h = await startHarness();
    manager = new Client(h.app);
    expect((await manager.login(usernameFor('area_manager'))).status).toBe(303);
    const user = (await h.deps.users.list()).find((u) => u.username === usernameFor('area_manager'))!;
    const acting = {
      actor: { userId: user.id, username: user.username, roles: user.roles },
      role: 'area_manager' as const,
    };
    const kase = await createCase(h.deps, acting, {
      name: 'Bazooka',
      actionDate: '2026-03-01',
      municipality: 'Teststad',
      areaDescription: 'de omgeving van de Proefstraat',
      responsibleUserId: user.id,
    });
    const campaign = await createCampaignFromBlueprint(h.deps, acting, {
      caseId: kase.id,
      blueprintId: 'wijkbericht-na-arrestaties',
      name: 'Wijkbericht Bazooka',
    });
    campaignId = campaign.id;
  });
  afterAll(async () => h.close());

  it('asks for both delivery days instead of failing, and submits nothing', async () => {
    const res = await manager.post(`/wijkberichten/${campaignId}/aanbieden`, {
      from: '2026-03-02',
      until: '',
    });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Vul de eerste en de laatste bezorgdag in.');
    expect((await h.deps.campaigns.get(campaignId))?.status).toBe('draft');
  });

  it('refuses a street the page never offered, and keeps the selection', async () => {
    const saved = await manager.post(`/wijkberichten/${campaignId}/gebied`, {
      locatie: `${DEMO_CENTRE.lat}, ${DEMO_CENTRE.lon}`,
      straal: '150',
    });
    expect(saved.status).toBe(303);
    const before = await h.deps.letterSelections.get(campaignId);
    const res = await manager.post(`/wijkberichten/${campaignId}/straten`, {
      straat: 'geen-straat',
      versie: String(before!.version),
      modus: 'whole_streets',
    });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Onbekende straat in het formulier. Laad de pagina opnieuw.');
    expect(await h.deps.letterSelections.get(campaignId)).toEqual(before);
  });

  it('shows the area manager the letter campaign with its coverage on the overview', async () => {
    const page = await (await manager.get('/')).text();
    expect(page).toContain('Wijkbericht Bazooka');
    expect(page).toContain(`/wijkberichten/${campaignId}/bezorging`);
  });
});

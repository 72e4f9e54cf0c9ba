import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaignFromBlueprint } from '../../functions/app/campaigns.js';
import { formatInterval, formatPercent } from '../../functions/core/results/format.js';
import { wilsonInterval } from '../../functions/core/results/statistics.js';
import { adviserActing, completedCampaign, numbersFoundIn } from '../fixtures/purge-builders.js';
import { aCase } from '../fixtures/sms-builders.js';
import { Client, type Harness, startHarness } from './harness.js';

describe('case results and what worked across cases, over HTTP', () => {
  let h: Harness;
  const clients: Record<string, Client> = {};
  const numbers: string[] = [];
  beforeAll(async () => {
    h = await startHarness();
    await h.deps.settings.put({ ...(await h.deps.settings.get())!, maxRatePerSecond: 1000 });
    await h.deps.cases.create(aCase({ id: 'case-sending', name: 'Bazooka' }));
    for (const role of ['admin', 'adviser', 'om-liaison', 'area-manager', 'distributor']) {
      clients[role] = new Client(h.app);
      await clients[role].login(role);
    }
    // Two finished campaigns from the same blueprint: 30 recipients each over 6 variants, 3 clicks on the first.
    for (const offset of [7000, 7100]) {
      numbers.push(...(await completedCampaign(h.deps, { recipients: 30, offset })).numbers);
    }
  }, 120_000);
  afterAll(async () => h.close());

  it('pools each blueprint variant over the finished campaigns with its interval, for the admin', async () => {
    // Prepare: the pooled figures a reader can check by hand: 2 × 5 sends and 2 × 3 clicks for variant 1.
    const finished = await h.deps.campaigns.listByStatus('completed');
    expect(finished).toHaveLength(2);
    const expected = wilsonInterval(6, 10);

    // Act
    const res = await clients.admin!.get('/resultaten/varianten');
    const html = await res.text();

    // Assess
    expect(res.status).toBe(200);
    expect(html).toContain('Nummer gevonden');
    expect(html).toContain(formatPercent(expected.estimate));
    expect(html).toContain(formatInterval(expected));
    expect((await clients.distributor!.get('/resultaten/varianten')).status).toBe(403);
    expect((await clients['area-manager']!.get('/resultaten/varianten')).status).toBe(403);
  });

  it('shows what a variant did before in the variant editor of a new campaign from that blueprint', async () => {
    const draft = await createCampaignFromBlueprint(h.deps, adviserActing, {
      caseId: 'case-sending',
      blueprintId: 'sms-bom-straathandel',
      name: 'Volgende SMS-bom',
    });
    const html = await (await clients.adviser!.get(`/campagnes/${draft.id}`)).text();
    expect(html).toContain(
      `eerder: ${formatPercent(0.6)} klikken (95 %: ${formatInterval(wilsonInterval(6, 10))}), n = 10 in 2 campagnes`,
    );
    expect(html).toContain(`eerder: ${formatPercent(0)} klikken`);
  });

  it('exports the case results as a suppressed CSV without any number, audited, and refuses a distributor', async () => {
    const res = await clients.adviser!.get('/zaken/case-sending/resultaten.csv');
    const csv = await res.text();
    const page = await (await clients.adviser!.get('/zaken/case-sending/resultaten')).text();

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const cells = csv
      .trim()
      .split('\r\n')
      .slice(1)
      .map((row) => row.split(';').at(-1)!);
    expect(cells.filter((c) => /^[0-4]$/.test(c))).toEqual([]);
    expect(cells.filter((c) => c === '< 5').length).toBeGreaterThan(5);
    expect(numbersFoundIn([csv, page], numbers)).toEqual([]);
    expect(page).toContain('Te weinig gegevens');
    const events = await h.deps.audit.list({ caseId: 'case-sending', action: 'audit.exported' });
    expect(events.some((e) => e.subjectType === 'case' && e.details.changedFields?.includes('csv'))).toBe(
      true,
    );
    expect((await clients.distributor!.get('/zaken/case-sending/resultaten.csv')).status).toBe(403);
    const managerPage = await (await clients['area-manager']!.get('/zaken/case-sending/resultaten')).text();
    expect(managerPage).not.toContain('SMS-bom:');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDispatcher } from '../../functions/app/dispatch.js';
import { createApp } from '../../functions/http/app.js';
import { seedApprovedCampaign, sendingMobile } from '../fixtures/sending-builders.js';
import { Client, type Harness, startHarness } from './harness.js';

const ALL_DAY = { start: '00:00', end: '24:00', days: [1, 2, 3, 4, 5, 6, 7], timeZone: 'Europe/Amsterdam' };
const OUTBOX = '/lokaal/uitgaande-berichten';

const menuLinksTo = (html: string, href: string) =>
  new RegExp(`<nav[^>]*aria-label="Hoofdmenu"[\\s\\S]*href="${href}"[\\s\\S]*</nav>`).test(html);
const shownCount = (html: string) => Number(/data-veld="outbox.count">(\d+)/.exec(html)?.[1] ?? Number.NaN);
const trackedCodes = (html: string) =>
  new Set([...html.matchAll(/\/r\/([A-Za-z0-9_-]{6,24})/g)].map((m) => m[1]));

describe('the local SMS outbox page', () => {
  let h: Harness;
  let adviser: Client;
  beforeAll(async () => {
    h = await startHarness();
    await h.deps.settings.put({ ...(await h.deps.settings.get())!, maxRatePerSecond: 1000 });
    adviser = new Client(h.app);
    await adviser.login('adviser');
  });
  afterAll(async () => {
    await h.close();
  });

  it('is in the menu of exactly the roles its route admits, and only where the outbox exists', async () => {
    // Prepare
    const admin = new Client(h.app);
    await admin.login('admin');
    const om = new Client(h.app);
    await om.login('om-liaison');
    const awsLike = createApp(
      { ...h.deps, sending: { ...h.deps.sending, outbox: undefined } },
      { stylesheet: '' },
    );
    const awsAdviser = new Client(awsLike);
    await awsAdviser.login('adviser');

    // Act
    const adviserHome = await (await adviser.get('/')).text();
    const adminHome = await (await admin.get('/')).text();
    const omHome = await (await om.get('/')).text();
    const awsHome = await (await awsAdviser.get('/')).text();
    const awsOutbox = await awsAdviser.get(OUTBOX);

    // Assess
    expect(menuLinksTo(adviserHome, OUTBOX)).toBe(true);
    expect(menuLinksTo(adminHome, OUTBOX)).toBe(true);
    expect(menuLinksTo(omHome, OUTBOX)).toBe(false);
    expect(menuLinksTo(awsHome, '/zaken')).toBe(true);
    expect(menuLinksTo(awsHome, OUTBOX)).toBe(false);
    expect(awsOutbox.status).toBe(404);
  });

  it('filters the messages per campaign with a plain GET form', async () => {
    // Prepare
    const seed = (recipients: number, offset: number) =>
      seedApprovedCampaign(h.deps, {
        recipients,
        now: new Date(h.deps.clock.now().getTime() - 60_000),
        ratePerSecond: 1000,
        quietHours: ALL_DAY,
        status: 'approved',
        numberOf: (n) => sendingMobile(offset + n),
      });
    const first = await seed(3, 100);
    const second = await seed(2, 200);
    for (const campaign of [first, second]) {
      expect(
        (await adviser.post(`/campagnes/${campaign.id}/verzending/inplannen`, { nu: 'nu' })).status,
      ).toBe(303);
    }
    await runDispatcher(h.deps, {
      dispatcherId: 'outbox-filter',
      runForMs: 20_000,
      campaignIds: [first.id, second.id],
    });

    // Act
    const all = await (await adviser.get(OUTBOX)).text();
    const onlyFirst = await (await adviser.get(`${OUTBOX}?campagne=${encodeURIComponent(first.id)}`)).text();
    const onlySecond = await (
      await adviser.get(`${OUTBOX}?campagne=${encodeURIComponent(second.id)}`)
    ).text();
    const unknown = await adviser.get(`${OUTBOX}?campagne=bestaat-niet`);

    // Assess
    expect(all).toMatch(/<form method="get" action="\/lokaal\/uitgaande-berichten"/);
    expect(all).toContain(`<option value="${first.id}"`);
    expect(all).toContain(`<option value="${second.id}"`);
    expect(shownCount(all)).toBe(5);
    expect(shownCount(onlyFirst)).toBe(3);
    expect(shownCount(onlySecond)).toBe(2);
    expect(onlyFirst).toMatch(new RegExp(`<option value="${first.id}" selected`));
    const firstCodes = trackedCodes(onlyFirst);
    const secondCodes = trackedCodes(onlySecond);
    expect(firstCodes.size).toBeGreaterThan(0);
    expect([...firstCodes].filter((code) => secondCodes.has(code))).toEqual([]);
    expect(unknown.status).toBe(200);
    expect(shownCount(await unknown.text())).toBe(5);
  });
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaignFromBlueprint } from '../../functions/app/campaigns.js';
import { createCase } from '../../functions/app/cases.js';
import { seedApprovedCampaign, sendingMobile } from '../fixtures/sending-builders.js';
import { mobile, vcardOf } from '../fixtures/sms-builders.js';
import {
  a11yViolations,
  cspViolations,
  launchBrowser,
  login,
  type Server,
  startServer,
  usernameFor,
} from './support.js';

/** Whether an element is within the visible part of the page now. */
function inViewport(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((s) => {
    const r = document.querySelector(s)?.getBoundingClientRect();
    return r !== undefined && r.top >= 0 && r.top < window.innerHeight;
  }, selector);
}

describe('a civil servant in a real browser, CSP on', () => {
  let server: Server;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openPage(role: Parameters<typeof login>[2]): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await login(page, server.url, role);
    return page;
  }

  it('submitting to the OM without a sending period shows the error at the top, linked to the period', async () => {
    // Prepare
    const adviser = (await server.deps.users.list()).find((u) => u.username === usernameFor('adviser'))!;
    const acting = {
      actor: { userId: adviser.id, username: adviser.username, roles: adviser.roles },
      role: 'adviser' as const,
    };
    const kase = await createCase(server.deps, acting, {
      name: 'Fouten',
      actionDate: '2026-03-01',
      municipality: 'Teststad',
      areaDescription: 'Centrum',
    });
    const campaign = await createCampaignFromBlueprint(server.deps, acting, {
      caseId: kase.id,
      blueprintId: 'sms-bom-straathandel',
      name: 'SMS-bom fouten',
    });
    const page = await openPage('adviser');
    await page.goto(`${server.url}/campagnes/${campaign.id}`);
    await page.getByLabel('Van welke telefoon?').fill('telefoon 1');
    await page
      .getByLabel('Contactbestanden (vCard, CSV of XLSX)')
      .setInputFiles({ name: 'a.vcf', mimeType: 'text/plain', buffer: Buffer.from(vcardOf([mobile(7)])) });
    await page.getByRole('button', { name: 'Uploaden en verwerken' }).click();
    await page.waitForFunction(
      () => document.querySelector('.upload-reports')?.textContent?.includes('Bestand 1 (vCard)') ?? false,
    );

    // Act
    await page.getByRole('button', { name: 'Indienen bij het OM' }).click();
    await page.locator('.error-summary').waitFor();
    const summaryVisible = await inViewport(page, '.error-summary');
    await page
      .locator('.error-summary')
      .getByRole('link', { name: 'Kies de periode waarin verstuurd mag worden.' })
      .click();
    const periodVisible = await inViewport(page, '#c-van');
    const described = await page.locator('#c-van').getAttribute('aria-describedby');

    // Assess
    expect(summaryVisible).toBe(true);
    expect(page.url()).toMatch(/#c-van$/);
    expect(periodVisible).toBe(true);
    expect(described).toBe('c-van-fout');
    await expect(page.locator('#c-van-fout').textContent()).resolves.toContain('Kies de periode');
    expect(await a11yViolations(page)).toEqual([]);
    expect(cspViolations(page)).toEqual([]);
  });

  it('pasting "foo" into the do-not-contact list says nothing was added and keeps the text', async () => {
    // Prepare
    const page = await openPage('admin');
    await page.goto(`${server.url}/beheer/niet-benaderen`);

    // Act
    await page.locator('#add-tekst').fill('foo');
    await page.getByRole('button', { name: 'Toevoegen', exact: true }).click();
    await page.locator('.error-summary').waitFor();

    // Assess
    await expect(page.locator('.error-summary').textContent()).resolves.toContain(
      'in regel 1 staat geen geldig telefoonnummer',
    );
    await expect(page.locator('#add-tekst').inputValue()).resolves.toBe('foo');
    expect(await a11yViolations(page)).toEqual([]);
    expect(cspViolations(page)).toEqual([]);
  });

  it('cancelling a campaign asks for a reason on a page of its own before anything stops', async () => {
    // Prepare
    const campaign = await seedApprovedCampaign(server.deps, {
      recipients: 2,
      now: new Date(Date.now() - 60_000),
      numberOf: (n) => sendingMobile(700 + n),
    });
    const page = await openPage('adviser');
    await page.goto(`${server.url}/campagnes/${campaign.id}/verzending`);

    // Act
    await page.getByRole('link', { name: 'Annuleren…' }).click();
    await page.getByRole('heading', { level: 1, name: /annuleren\?/ }).waitFor();
    const statusWhileAsking = (await server.deps.campaigns.get(campaign.id))?.status;
    const pageViolations = await a11yViolations(page);
    await page.getByRole('button', { name: 'Ja, campagne annuleren' }).click();
    await page.locator('.error-summary').waitFor();
    const statusWithoutReason = (await server.deps.campaigns.get(campaign.id))?.status;
    await page.getByLabel(/Reden van de annulering/).fill('Actie afgeblazen');
    await page.getByRole('button', { name: 'Ja, campagne annuleren' }).click();
    await page.waitForURL(/klaar=geannuleerd/);

    // Assess
    expect(statusWhileAsking).toBe('scheduled');
    expect(pageViolations).toEqual([]);
    expect(statusWithoutReason).toBe('scheduled');
    expect((await server.deps.campaigns.get(campaign.id))?.status).toBe('cancelled');
    expect(await a11yViolations(page)).toEqual([]);
    expect(cspViolations(page)).toEqual([]);
  });
});

import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completedCampaign } from '../fixtures/purge-builders.js';
import { aCase } from '../fixtures/sms-builders.js';
import {
  a11yViolations,
  CHROMIUM,
  cspViolations,
  launchBrowser,
  login,
  type Server,
  startServer,
} from './support.js';

describe.runIf(existsSync(CHROMIUM) || process.env.CI === 'true')(
  '"nu verwijderen" and the certificate in a real browser',
  () => {
    let server: Server;
    let browser: Browser;
    beforeAll(async () => {
      server = await startServer();
      browser = await launchBrowser();
      await server.deps.settings.put({ ...(await server.deps.settings.get())!, maxRatePerSecond: 1000 });
      await server.deps.cases.create(aCase({ id: 'case-sending' }));
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('lets the OM liaison confirm the purge with a plain form and shows accessible pages throughout', async () => {
      // Prepare
      const { campaign } = await completedCampaign(server.deps, { recipients: 4, offset: 8000 });
      const context = await browser.newContext();
      const page = await context.newPage();
      await login(page, server.url, 'om_liaison');

      // Act
      await page.goto(`${server.url}/campagnes/${campaign.id}`);
      const campaignViolations = await a11yViolations(page);
      await page.getByRole('link', { name: 'Nummers nu verwijderen' }).click();
      const confirmViolations = await a11yViolations(page);
      await page.getByLabel('Ja, verwijder alle telefoonnummers van deze campagne nu').check();
      await page.getByRole('button', { name: 'Nu definitief verwijderen' }).click();
      await page.waitForURL(/vernietigingsverklaring$/);
      const heading = await page.getByRole('heading', { level: 1 }).textContent();
      const certificateViolations = await a11yViolations(page);
      await context.close();

      // Assess
      expect(campaignViolations).toEqual([]);
      expect(confirmViolations).toEqual([]);
      expect(heading).toContain('Vernietigingsverklaring');
      expect(certificateViolations).toEqual([]);
      expect((await server.deps.campaigns.get(campaign.id))?.status).toBe('purged');
      expect(cspViolations(context)).toEqual([]);
    });
  },
);

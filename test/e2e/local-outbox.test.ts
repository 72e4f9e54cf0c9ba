import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDispatcher } from '../../functions/app/dispatch.js';
import { seedApprovedCampaign, sendingMobile } from '../fixtures/sending-builders.js';
import {
  a11yViolations,
  CHROMIUM,
  cspViolations,
  launchBrowser,
  login,
  type Server,
  startServer,
} from './support.js';

const ALL_DAY = { start: '00:00', end: '24:00', days: [1, 2, 3, 4, 5, 6, 7], timeZone: 'Europe/Amsterdam' };

describe.runIf(existsSync(CHROMIUM) || process.env.CI === 'true')(
  'the local SMS outbox in a real browser',
  () => {
    let server: Server;
    let browser: Browser;
    beforeAll(async () => {
      server = await startServer();
      await server.deps.settings.put({ ...(await server.deps.settings.get())!, maxRatePerSecond: 1000 });
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('is reached from the menu and filters per campaign with a plain form, under the app’s CSP', async () => {
      // Prepare: two campaigns sent through the embedded outbox (3 and 2 messages).
      const seed = (recipients: number, offset: number) =>
        seedApprovedCampaign(server.deps, {
          recipients,
          now: new Date(server.deps.clock.now().getTime() - 60_000),
          ratePerSecond: 1000,
          quietHours: ALL_DAY,
          numberOf: (n) => sendingMobile(offset + n),
        });
      const first = await seed(3, 500);
      const second = await seed(2, 600);
      await runDispatcher(server.deps, {
        dispatcherId: 'e2e-outbox',
        runForMs: 20_000,
        campaignIds: [first.id, second.id],
      });
      const context = await browser.newContext();
      const page = await context.newPage();

      // Act
      await login(page, server.url, 'adviser');
      await page
        .getByRole('navigation', { name: 'Hoofdmenu' })
        .getByRole('link', { name: 'Uitgaande berichten (lokaal)' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Uitgaande berichten (lokaal)' }).waitFor();
      const allMessages = await page.locator('.outbox__message').count();
      await page.getByLabel('Campagne').selectOption(first.id);
      await page.getByRole('button', { name: 'Toon berichten' }).click();
      await page.waitForURL((url) => url.searchParams.get('campagne') === first.id);
      const filtered = await page.locator('.outbox__message .phone-preview__bubble').allTextContents();
      const violations = await a11yViolations(page);

      // Assess
      expect(allMessages).toBe(5);
      expect(filtered).toHaveLength(3);
      const codes = new Set(filtered.map((body) => /\/r\/([A-Za-z0-9_-]+)/.exec(body)?.[1]));
      for (const code of codes)
        expect((await server.deps.sending.links.get(code!))?.campaignId).toBe(first.id);
      await expect(page.getByLabel('Campagne').inputValue()).resolves.toBe(first.id);
      expect(violations).toEqual([]);
      expect(cspViolations(context)).toEqual([]);
      await context.close();
    }, 120_000);
  },
);

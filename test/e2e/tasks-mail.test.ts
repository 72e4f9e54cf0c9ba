import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparedCampaign } from '../integration/app/sms-support.js';
import {
  a11yViolations,
  CHROMIUM,
  launchBrowser,
  login,
  type Server,
  startServer,
  usernameFor,
} from './support.js';

describe.runIf(existsSync(CHROMIUM) || process.env.CI === 'true')(
  '"Mijn taken" and the local mail outbox in a real browser',
  () => {
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

    it('tells the opted-in OM liaison of a submitted campaign on the overview and by mail, and the mail’s link leads to the task, under the app’s CSP', async () => {
      // Prepare: a campaign the adviser can submit; two browsers, CSP on, refusals collected.
      const adviserUser = (await server.deps.users.findByUsername(usernameFor('adviser')))!;
      const campaignId = await preparedCampaign(server.deps, {
        actor: { userId: adviserUser.id, username: adviserUser.username, roles: adviserUser.roles },
        role: 'adviser',
      });
      const refused: string[] = [];
      const omContext = await browser.newContext();
      const adviserContext = await browser.newContext();
      const om = await omContext.newPage();
      const adviser = await adviserContext.newPage();
      for (const page of [om, adviser]) {
        page.on('console', (m) => {
          if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
        });
      }

      // Act: the OM liaison switches mails on from the overview.
      await login(om, server.url, 'om_liaison');
      await om.getByRole('heading', { level: 2, name: 'Mijn taken' }).waitFor();
      const before = await om.locator('.my-tasks').textContent();
      await om.getByRole('link', { name: 'E-mailmeldingen instellen' }).click();
      await om.getByLabel('Uw e-mailadres (werk)').fill('om.contact@gemeente.example');
      await om.getByLabel('Stuur mij een e-mail bij een nieuwe taak').check();
      await om.getByRole('button', { name: 'Opslaan' }).click();
      await om.getByText('Uw keuze is opgeslagen.').waitFor();
      const preferenceViolations = await a11yViolations(om);

      // Act: the adviser submits the campaign to the OM.
      await login(adviser, server.url, 'adviser');
      await adviser.goto(`${server.url}/campagnes/${campaignId}`);
      await adviser.getByRole('button', { name: 'Indienen bij het OM' }).click();
      await adviser.waitForURL((url) => url.pathname === `/campagnes/${campaignId}`);

      // Act: the OM liaison's overview, then the mail in the local mail outbox, then its link.
      await om.goto(`${server.url}/`);
      const task = om
        .locator('.my-tasks')
        .getByRole('link', { name: /Beoordeel het verzoek om goedkeuring/ });
      await task.waitFor();
      const overviewViolations = await a11yViolations(om);
      await om
        .getByRole('navigation', { name: 'Hoofdmenu' })
        .getByRole('link', { name: 'Uitgaande e-mail (lokaal)' })
        .click();
      await om.getByRole('heading', { level: 1, name: 'Uitgaande e-mail (lokaal)' }).waitFor();
      const mails = await om.locator('.outbox__message').allTextContents();
      const outboxViolations = await a11yViolations(om);
      await om
        .locator('.outbox__message')
        .first()
        .getByRole('link', { name: `${server.url}/` })
        .click();
      await om.waitForURL(`${server.url}/`);
      await om
        .locator('.my-tasks')
        .getByRole('link', { name: /Beoordeel het verzoek om goedkeuring/ })
        .click();
      await om.waitForURL(`${server.url}/goedkeuringen/${campaignId}`);
      const requestHeading = await om.getByRole('heading', { level: 1 }).textContent();

      // Assess
      expect(before).toContain('Geen taken.');
      expect(mails).toHaveLength(1);
      expect(mails[0]).toContain(
        'Er wacht een taak voor u in Perspectief: een sms-campagne wacht op uw goedkeuring.',
      );
      expect(mails[0]).toContain('om.contact@gemeente.example');
      expect(mails[0]).not.toContain('Bazooka');
      expect(requestHeading).toBeTruthy();
      const adviserOutbox = await adviser.goto(`${server.url}/lokaal/uitgaande-mail`);
      expect(await adviserOutbox!.text()).not.toContain('om.contact@gemeente.example');
      expect(preferenceViolations).toEqual([]);
      expect(overviewViolations).toEqual([]);
      expect(outboxViolations).toEqual([]);
      expect(refused).toEqual([]);
      await omContext.close();
      await adviserContext.close();
    }, 180_000);
  },
);

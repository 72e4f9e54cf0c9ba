import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editCampaign } from '../../functions/app/campaigns.js';
import type { SendingDashboard } from '../../functions/app/sending.js';
import { isoToAmsterdamLocal } from '../../functions/http/views/sms-format.js';
import { JOBS, startJobLoop } from '../../functions/local/jobs.js';
import { csvOf, mobile, vcardOf } from '../fixtures/sms-builders.js';
import {
  a11yViolations,
  answerExternalSite,
  CHROMIUM,
  cspViolations,
  launchBrowser,
  login,
  type Server,
  startServer,
  usernameFor,
} from './support.js';

/** Every hour of every day, so the scenario runs whenever the test does; quiet hours have their own tests. */
const ALL_DAY = { start: '00:00', end: '24:00', days: [1, 2, 3, 4, 5, 6, 7], timeZone: 'Europe/Amsterdam' };

describe.runIf(existsSync(CHROMIUM) || process.env.CI === 'true')(
  'SMS-bom sending in a real browser on an ephemeral port: upload, approve, send, click, opt out',
  () => {
    let server: Server;
    let browser: Browser;
    let jobs: { stop(): Promise<void> };
    beforeAll(async () => {
      server = await startServer();
      await server.deps.settings.put({ ...(await server.deps.settings.get())!, maxRatePerSecond: 100 });
      jobs = startJobLoop(server.deps, JOBS);
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await jobs?.stop();
      await server?.close();
    });

    async function accessible(page: Page, what: string): Promise<void> {
      expect(await a11yViolations(page), what).toEqual([]);
    }

    /** Uploads one file and waits for its report, which calls it by its label, never by its name. */
    async function upload(
      page: Page,
      phone: string,
      name: string,
      content: string,
      label: string,
    ): Promise<void> {
      await page.getByLabel('Van welke telefoon?').fill(phone);
      await page
        .getByLabel('Contactbestanden (vCard, CSV of XLSX)')
        .setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(content) });
      await page.getByRole('button', { name: 'Uploaden en verwerken' }).click();
      await page.waitForFunction(
        (file) => document.querySelector('.upload-reports')?.textContent?.includes(file) ?? false,
        label,
      );
    }

    async function newCampaign(page: Page, caseUrl: string): Promise<string> {
      await page.goto(caseUrl);
      await page.getByRole('button', { name: 'Campagne aanmaken' }).click();
      await page.getByRole('heading', { level: 2, name: 'Berichtvarianten' }).waitFor();
      return new URL(page.url()).pathname.split('/')[2]!;
    }

    it('sends one message per number with balanced variants, counts a click, and honours /stop', async () => {
      const adviserContext = await browser.newContext();
      const omContext = await browser.newContext();
      const publicContext = await browser.newContext();
      const adviser = await adviserContext.newPage();
      const om = await omContext.newPage();
      const person = await publicContext.newPage();

      // The adviser prepares a campaign from two phones' lists and submits it.
      await login(adviser, server.url, 'adviser');
      await adviser.goto(`${server.url}/zaken`);
      await adviser.getByLabel('Naam van de zaak').fill('Bazooka');
      await adviser.getByLabel('Datum van de actie (klapdag)').fill('2026-03-01');
      await adviser.getByLabel('Gebied').fill('Kanaleneiland-Zuid');
      await adviser.getByRole('button', { name: 'Zaak aanmaken' }).click();
      await adviser.getByRole('heading', { level: 1, name: 'Zaak Bazooka' }).waitFor();
      const caseUrl = adviser.url();
      const campaignId = await newCampaign(adviser, caseUrl);
      const adviserUser = await server.deps.users.findByUsername(usernameFor('adviser'));
      const adviserActing = {
        actor: { userId: adviserUser!.id, username: adviserUser!.username, roles: adviserUser!.roles },
        role: 'adviser' as const,
      };
      await upload(
        adviser,
        'telefoon 1',
        'telefoon1.vcf',
        vcardOf([mobile(1), mobile(2), mobile(3)]),
        'Bestand 1 (vCard)',
      );
      await upload(
        adviser,
        'telefoon 2',
        'telefoon2.csv',
        csvOf([mobile(3), mobile(4), mobile(5)]),
        'Bestand 2 (CSV)',
      );
      await adviser
        .getByLabel('Begin', { exact: true })
        .fill(isoToAmsterdamLocal(new Date(Date.now() - 120_000).toISOString()));
      await adviser
        .getByLabel('Einde', { exact: true })
        .fill(isoToAmsterdamLocal(new Date(Date.now() + 4 * 86_400_000).toISOString()));
      await adviser.getByRole('button', { name: 'Instellingen opslaan' }).click();
      await adviser.getByRole('button', { name: 'Indienen bij het OM' }).click();
      await adviser.getByText('wacht op het besluit van het OM').waitFor();

      // The OM liaison approves.
      await login(om, server.url, 'om_liaison');
      await om.goto(`${server.url}/goedkeuringen`);
      await om.locator('table a.utrecht-link').first().click();
      await om.getByLabel('Juridische referentie').fill('13/654321-22');
      await om.getByLabel(/Ik heb de ontvangers, de teksten/).check();
      await om.getByRole('button', { name: 'Goedkeuren' }).click();
      await om.getByText('Goedgekeurd', { exact: true }).waitFor();

      // Quiet hours are a setting outside the approval: widened so the scenario runs at any hour.
      await editCampaign(server.deps, adviserActing, campaignId, { quietHours: ALL_DAY });

      // The adviser schedules "now" and watches the dashboard reach "voltooid" without reloading.
      await adviser.goto(`${server.url}/campagnes/${campaignId}`);
      await adviser.getByRole('link', { name: 'Verzending: inplannen en live volgen' }).click();
      await adviser.getByRole('heading', { level: 1, name: /Verzending/ }).waitFor();
      await accessible(adviser, 'sending dashboard before the launch');
      await adviser.getByRole('button', { name: 'Nu starten' }).click();
      await adviser.getByText('De verzending is ingepland.').waitFor();
      await adviser
        .locator('[data-veld="campaign.statusLabel"]', { hasText: 'voltooid' })
        .waitFor({ timeout: 60_000 });
      await accessible(adviser, 'sending dashboard after completion');

      // The local outbox shows one message per sendable number, with balanced variants.
      await adviser.goto(`${server.url}/lokaal/uitgaande-berichten`);
      await accessible(adviser, 'local outbox');
      const bodies = await adviser.locator('.outbox__message .phone-preview__bubble').allTextContents();
      const masked = await adviser.locator('.outbox__message .masked').allTextContents();
      expect(bodies).toHaveLength(5);
      expect(new Set(masked).size).toBe(5);
      expect((await adviser.content()).includes(mobile(4).slice(3))).toBe(false);
      const codes = bodies.map((b) => /\/r\/([A-Za-z0-9_-]+)/.exec(b)?.[1]);
      const perCode = new Map<string, number>();
      for (const code of codes) perCode.set(code!, (perCode.get(code!) ?? 0) + 1);
      expect(Math.max(...perCode.values()) - Math.min(...perCode.values())).toBeLessThanOrEqual(1);

      // The recipient of the first message taps its link: it points at the port the platform really
      // listens on (an ephemeral one here, never the default 3000) and leads to the help site, whose
      // address is answered here so the test stays on this machine.
      const origin = new URL(server.url).origin;
      const helpSite = new URL((await server.deps.campaigns.get(campaignId))!.helpLink);
      const helpSiteVisits = await answerExternalSite(
        person,
        `${helpSite.origin}/*`,
        '<!doctype html><html lang="nl"><title>Hulpsite</title><main><h1>Hulp</h1></main></html>',
      );
      const message = adviser.locator('.outbox__message').first();
      const links = await message
        .locator('.phone-preview__bubble a')
        .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
      const trackedLink = links.find((href) => new URL(href).pathname.startsWith('/r/'))!;
      const stopLink = links.find((href) => new URL(href).pathname === '/stop')!;
      expect(new URL(server.url).port).not.toBe('3000');
      expect(new URL(trackedLink).origin).toBe(origin);
      expect(new URL(stopLink).origin).toBe(origin);
      await person.goto(trackedLink);
      await person.getByRole('heading', { level: 1, name: 'Hulp' }).waitFor();
      expect(new URL(person.url()).origin).toBe(helpSite.origin);
      expect(new URL(person.url()).searchParams.get('utm_content')).toBeTruthy();
      const figures = (await (
        await adviser.request.get(`${server.url}/campagnes/${campaignId}/verzending.json`, {
          headers: { accept: 'application/json' },
        })
      ).json()) as SendingDashboard;
      expect(figures.funnel.sent).toBe(5);
      expect(figures.funnel.clicks).toBe(1);
      expect(figures.variants.reduce((sum, v) => sum + v.clicks, 0)).toBe(1);

      // The same recipient follows the message's opt-out link and confirms: the number is on the opt-out
      // list from then on, and a new campaign with it leaves it out.
      const optOutsBefore = await server.deps.hashLists.hashes('opt_out', server.deps.clock.now());
      await person.goto(stopLink);
      await accessible(person, 'opt-out page');
      await person.getByLabel('Mobiel nummer').fill(`0${mobile(1).slice(3)}`);
      await person.getByRole('button', { name: 'Afmelden' }).click();
      await person.getByText('Dit antwoord is voor elk ingevuld nummer hetzelfde').waitFor();
      await accessible(person, 'opt-out answer');
      const optOutsAfter = await server.deps.hashLists.hashes('opt_out', server.deps.clock.now());
      expect(optOutsAfter.size).toBe(optOutsBefore.size + 1);
      const secondId = await newCampaign(adviser, caseUrl);
      await upload(adviser, 'telefoon 3', 'telefoon3.csv', csvOf([mobile(6), mobile(1)]), 'Bestand 1 (CSV)');
      const second = await server.deps.campaigns.get(secondId);
      expect(second?.recipients.counts?.excluded.opt_out).toBe(1);
      expect(second?.recipients.counts?.sendable).toBe(1);
      expect(helpSiteVisits.filter((url) => new URL(url).pathname === helpSite.pathname)).toHaveLength(1);
      expect(cspViolations(adviserContext)).toEqual([]);
      expect(cspViolations(omContext)).toEqual([]);
      expect(cspViolations(publicContext)).toEqual([]);

      await adviserContext.close();
      await omContext.close();
      await publicContext.close();
    }, 180_000);
  },
);

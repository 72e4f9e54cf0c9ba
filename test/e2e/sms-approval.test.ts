import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoToAmsterdamLocal } from '../../functions/http/views/sms-format.js';
import { csvOf, mobile, vcardOf } from '../fixtures/sms-builders.js';
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
  'SMS-bom in a real browser: prepare, reject, resubmit, approve',
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

    it('lets the adviser and the OM liaison go through the whole flow, every page accessible', async () => {
      const adviserContext = await browser.newContext();
      const omContext = await browser.newContext();
      const adviser = await adviserContext.newPage();
      const om = await omContext.newPage();

      // The adviser opens a case and an SMS campaign from the blueprint.
      await login(adviser, server.url, 'adviser');
      await accessible(adviser, 'adviser dashboard');
      await adviser
        .getByRole('navigation', { name: 'Hoofdmenu' })
        .getByRole('link', { name: 'Zaken' })
        .click();
      await accessible(adviser, 'case list');
      await adviser.getByLabel('Naam van de zaak').fill('Bazooka');
      await adviser.getByLabel('Datum van de actie (klapdag)').fill('2026-03-01');
      await adviser.getByLabel('Gebied').fill('Kanaleneiland-Zuid');
      await adviser.getByRole('button', { name: 'Zaak aanmaken' }).click();
      await adviser.getByRole('heading', { level: 1, name: 'Zaak Bazooka' }).waitFor();
      await accessible(adviser, 'case page');
      await adviser.getByRole('button', { name: 'Campagne aanmaken' }).click();
      await adviser.getByRole('heading', { level: 2, name: 'Berichtvarianten' }).waitFor();
      await accessible(adviser, 'campaign page');

      // Live feedback: a Dutch ë makes the text UCS-2; one click replaces it.
      const text1 = adviser.getByLabel('Tekst van variant 1');
      await text1.fill('Financiële zorgen? Kijk op {link}');
      await adviser.locator('#feedback-0').getByText('UCS-2', { exact: true }).waitFor();
      await adviser
        .locator('#feedback-0')
        .getByRole('button', { name: /Vervang deze tekens/ })
        .click();
      await expect.poll(() => text1.inputValue()).toBe('Financiele zorgen? Kijk op {link}');
      await adviser.locator('#feedback-0').getByText('GSM-7', { exact: true }).waitFor();
      await adviser.getByRole('button', { name: 'Varianten opslaan' }).click();
      await adviser.getByRole('heading', { level: 2, name: 'Berichtvarianten' }).waitFor();

      // Two phones, two small files; the report and the funnel appear.
      await upload(
        adviser,
        'telefoon 1',
        'telefoon1.vcf',
        vcardOf([mobile(1), mobile(2), mobile(3)]),
        'Bestand 1 (vCard)',
      );
      await upload(adviser, 'telefoon 2', 'telefoon2.csv', csvOf([mobile(3), mobile(4)]), 'Bestand 2 (CSV)');
      await adviser.getByRole('table', { name: 'Van gevonden nummers naar ontvangers' }).waitFor();
      expect(await adviser.locator('.masked-samples li').count()).toBe(4);
      await accessible(adviser, 'campaign page with report');

      // Planned window, then submit.
      await adviser
        .getByLabel('Begin', { exact: true })
        .fill(isoToAmsterdamLocal(new Date(Date.now() + 3_600_000).toISOString()));
      await adviser
        .getByLabel('Einde', { exact: true })
        .fill(isoToAmsterdamLocal(new Date(Date.now() + 4 * 86_400_000).toISOString()));
      await adviser.getByRole('button', { name: 'Instellingen opslaan' }).click();
      await adviser.getByRole('button', { name: 'Indienen bij het OM' }).click();
      await adviser.getByText('wacht op het besluit van het OM').waitFor();

      // The OM liaison rejects with a reason.
      await login(om, server.url, 'om_liaison');
      await accessible(om, 'OM dashboard');
      await om
        .getByRole('navigation', { name: 'Hoofdmenu' })
        .getByRole('link', { name: 'Goedkeuringen' })
        .click();
      await accessible(om, 'approval queue');
      await om.locator('table a.utrecht-link').first().click();
      await om.getByRole('heading', { level: 2, name: 'Uw besluit' }).waitFor();
      expect(await om.locator('.phone-preview').count()).toBeGreaterThan(0);
      await accessible(om, 'request page');
      await om.getByLabel('Reden van afwijzing').fill('Variant 3 is te stellig; maak haar vriendelijker.');
      await om.getByRole('button', { name: 'Afwijzen' }).click();
      await om.getByText('Afgewezen', { exact: true }).waitFor();

      // The adviser sees the reason, edits and resubmits.
      await adviser.reload();
      await adviser
        .locator('.utrecht-alert')
        .getByText('Reden: Variant 3 is te stellig; maak haar vriendelijker.')
        .waitFor();
      await accessible(adviser, 'rejected campaign');
      await adviser
        .getByLabel('Tekst van variant 3')
        .fill('Wil je niet meer bijdragen aan geweld op straat? Kijk wat je kunt doen: {link}');
      await adviser.getByRole('button', { name: 'Varianten opslaan' }).click();
      await adviser.getByRole('button', { name: 'Indienen bij het OM' }).click();
      await adviser.getByText('wacht op het besluit van het OM').waitFor();

      // The OM liaison approves with a legal reference and the confirmation.
      await om.goto(`${server.url}/goedkeuringen`);
      await om.locator('table a.utrecht-link').first().click();
      await om.getByLabel('Juridische referentie').fill('13/654321-22');
      await om.getByLabel(/Ik heb de ontvangers, de teksten/).check();
      await om.getByRole('button', { name: 'Goedkeuren' }).click();
      await om.getByText('Goedgekeurd', { exact: true }).waitFor();
      await accessible(om, 'approved request');

      // The adviser sees "goedgekeurd" with the legal reference.
      await adviser.reload();
      await adviser.locator('.status-badge', { hasText: 'goedgekeurd' }).waitFor();
      await adviser.getByText('13/654321-22').first().waitFor();
      await accessible(adviser, 'approved campaign');

      expect(cspViolations(adviserContext)).toEqual([]);
      expect(cspViolations(omContext)).toEqual([]);
      await adviserContext.close();
      await omContext.close();
    });
  },
);

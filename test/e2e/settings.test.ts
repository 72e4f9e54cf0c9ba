import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePng } from '../fixtures/png.js';
import { a11yViolations, CHROMIUM, launchBrowser, login, type Server, startServer } from './support.js';

describe.runIf(existsSync(CHROMIUM) || process.env.CI === 'true')(
  'municipality settings in a real browser: logo and send window',
  () => {
    let server: Server;
    let browser: Browser;
    const dir = mkdtempSync(join(tmpdir(), 'perspectief-logo-'));
    beforeAll(async () => {
      server = await startServer();
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('uploads a PNG logo, shows it, then a hostile SVG is stored cleaned; under the app’s CSP', async () => {
      // Prepare
      const png = join(dir, 'logo.png');
      writeFileSync(png, makePng(90, 30));
      const svg = join(dir, 'logo.svg');
      writeFileSync(
        svg,
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="90" height="30" onload="document.title=\'pwned\'"><script>document.title="pwned"</script><foreignObject width="9" height="9"><div>x</div></foreignObject><image xlink:href="http://127.0.0.2:9/t.png" width="9" height="9"/><rect width="90" height="30" fill="#00689e"/></svg>',
      );
      const context = await browser.newContext();
      const page = await context.newPage();
      const refused: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
      });
      await login(page, server.url, 'admin');

      // Act: the PNG
      await page.goto(`${server.url}/beheer/instellingen`);
      await page.getByLabel('Logo (PNG of SVG)').setInputFiles(png);
      await page.getByRole('button', { name: 'Logo opslaan' }).click();
      await page.getByText('Het nieuwe logo is opgeslagen.').waitFor();
      const pngWidth = await page
        .locator('#logo-voorbeeld')
        .evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : -1));
      const violations = await a11yViolations(page);

      // Act: the SVG
      await page.getByLabel('Nieuw logo (PNG of SVG)').setInputFiles(svg);
      await page.getByRole('button', { name: 'Logo opslaan' }).click();
      await page.getByText('Het nieuwe logo is opgeslagen.').waitFor();
      const svgWidth = await page
        .locator('#logo-voorbeeld')
        .evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : -1));

      // Assess
      expect(pngWidth).toBe(90);
      expect(svgWidth).toBe(90);
      const stored = (await server.deps.settings.get())?.logoUrl ?? '';
      const text = Buffer.from(stored.split(',')[1] ?? '', 'base64').toString('utf8');
      expect(text).toContain('fill="#00689e"');
      expect(text).not.toMatch(/script|onload|foreignObject|127\.0\.0\.2/);
      expect(await page.title()).not.toContain('pwned');
      expect(violations).toEqual([]);
      expect(refused).toEqual([]);

      // Act: a file that is too large is refused beside the field
      const big = join(dir, 'groot.png');
      writeFileSync(big, Buffer.concat([Buffer.from(makePng(4, 4)), Buffer.alloc(120 * 1024)]));
      await page.getByLabel('Nieuw logo (PNG of SVG)').setInputFiles(big);
      await page.getByRole('button', { name: 'Logo opslaan' }).click();
      await expect(page.locator('#s-logo-fout').textContent()).resolves.toContain('hoogstens 100 kB');
      await page.getByRole('link', { name: /hoogstens 100 kB/ }).click();
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('s-logo');

      // Act: remove after confirming
      await page.goto(`${server.url}/beheer/instellingen`);
      await page.getByRole('link', { name: 'Logo verwijderen…' }).click();
      await page.getByRole('button', { name: 'Ja, logo verwijderen' }).click();
      await page.getByText('Het logo is verwijderd.').waitFor();
      expect((await server.deps.settings.get())?.logoUrl).toBeUndefined();
      await context.close();
    }, 120_000);

    it('sets the send window, and a new SMS campaign starts with it', async () => {
      // Prepare
      const context = await browser.newContext();
      const page = await context.newPage();
      await login(page, server.url, 'admin');
      await page.goto(`${server.url}/beheer/instellingen`);

      // Act
      await page.getByLabel('Versturen vanaf (UU:MM)').fill('08:30');
      await page.getByLabel('Versturen tot (UU:MM)').fill('24:00');
      for (const day of ['maandag', 'zaterdag', 'zondag'])
        await page.getByLabel(day, { exact: true }).uncheck();
      await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
      await page.getByText('De instellingen zijn opgeslagen.').waitFor();
      const stated = await page.locator('#s-quietHours-uitleg').textContent();
      const violations = await a11yViolations(page);
      await context.close();

      const adviserContext = await browser.newContext();
      const adviser = await adviserContext.newPage();
      await login(adviser, server.url, 'adviser');
      await adviser.goto(`${server.url}/zaken`);
      await adviser.getByLabel('Naam van de zaak').fill('Venster');
      await adviser.getByLabel('Datum van de actie (klapdag)').fill('2026-03-01');
      await adviser.getByLabel('Gebied').fill('Kanaleneiland-Zuid');
      await adviser.getByRole('button', { name: 'Zaak aanmaken' }).click();
      await adviser.getByRole('heading', { level: 1, name: 'Zaak Venster' }).waitFor();
      await adviser.getByRole('button', { name: 'Campagne aanmaken' }).click();
      await adviser.getByRole('heading', { level: 2, name: 'Berichtvarianten' }).waitFor();
      const from = await adviser.getByLabel('Versturen vanaf (UU:MM)').inputValue();
      const until = await adviser.getByLabel('Versturen tot (UU:MM)').inputValue();
      const ticked = await adviser
        .locator('input[name="quietDays"]:checked')
        .evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).value));
      await adviserContext.close();

      // Assess
      expect(stated).toContain('van 08:30 tot 24:00 uur, dinsdag tot en met vrijdag');
      expect((await server.deps.settings.get())?.quietHours).toEqual({
        start: '08:30',
        end: '24:00',
        days: [2, 3, 4, 5],
      });
      expect(violations).toEqual([]);
      expect([from, until, ticked]).toEqual(['08:30', '24:00', ['2', '3', '4', '5']]);
    }, 120_000);
  },
);

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CENTRE } from '../../functions/adapters/bag-file/demo-neighbourhood.js';
import {
  a11yViolations,
  CHROMIUM,
  cspViolations,
  launchBrowser,
  login,
  type Server,
  startServer,
  usernameFor,
} from './support.js';

async function pdfText(path: string): Promise<{ numPages: number; first: string }> {
  const document = await getDocument({ data: new Uint8Array(await readFile(path)), useSystemFonts: true })
    .promise;
  const page = await document.getPage(1);
  const text = await page.getTextContent();
  return {
    numPages: document.numPages,
    first: text.items.map((item) => ('str' in item ? item.str : '')).join(' '),
  };
}

async function accessible(page: Page): Promise<void> {
  expect(await a11yViolations(page), page.url()).toEqual([]);
}

describe.runIf(existsSync(CHROMIUM) || process.env.CI === 'true')('wijkberichten in a real browser', () => {
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

  it('goes from two arrest locations to a PDF, a round, two streets ticked off on a phone, and coverage', async () => {
    const managerContext = await browser.newContext({ acceptDownloads: true });
    const manager = await managerContext.newPage();
    await login(manager, server.url, 'area_manager');
    await accessible(manager);

    await manager.goto(`${server.url}/wijkberichten`);
    await accessible(manager);
    await manager.getByLabel(/Naam van de zaak/).fill('Bazooka');
    await manager.getByLabel('Datum van de actie').fill('2026-03-01');
    await manager.getByLabel('Gebied zoals bewoners het kennen').fill('de omgeving van de Proefstraat');
    const responsible = (await server.deps.users.findByUsername(usernameFor('adviser')))!;
    await manager.getByLabel('Verantwoordelijke manager').selectOption(responsible.id);
    await manager.getByRole('button', { name: 'Zaak aanmaken' }).click();
    await manager.getByRole('button', { name: 'Wijkbericht aanmaken' }).click();
    await manager.waitForURL(/\/gebied$/);
    const campaignId = new URL(manager.url()).pathname.split('/')[2]!;
    await accessible(manager);

    await manager.getByLabel('Locatie 1').fill(`${DEMO_CENTRE.lat}, ${DEMO_CENTRE.lon}`);
    await manager
      .getByLabel('Locatie 2')
      .fill(`${(DEMO_CENTRE.lat + 0.0012).toFixed(6)}, ${(DEMO_CENTRE.lon + 0.0015).toFixed(6)}`);
    await manager.getByLabel(/Straal in meters/).fill('150');
    await manager.getByRole('button', { name: 'Straten zoeken' }).click();
    await manager.waitForURL(/klaar=gebied/);
    await accessible(manager);
    const found = (await server.deps.letterSelections.get(campaignId))!;
    expect(found.points).toHaveLength(2);
    expect(found.rows.length).toBeGreaterThan(2);

    const lastRow = found.rows[found.rows.length - 1]!;
    await manager.getByLabel(`${lastRow.street}, ${lastRow.city}`).uncheck();
    await expect(manager.locator('#totalen').textContent()).resolves.toContain('nog niet opgeslagen');
    await manager.getByRole('button', { name: 'Straatkeuze opslaan' }).click();
    await manager.waitForURL(/klaar=straten/);
    const selection = (await server.deps.letterSelections.get(campaignId))!;
    expect(selection.streets).toHaveLength(found.rows.length - 1);

    await manager.goto(`${server.url}/wijkberichten/${campaignId}`);
    await accessible(manager);
    await manager.getByLabel(/Wat er is gebeurd/).fill('De politie heeft twee mensen aangehouden.');
    await manager.getByRole('button', { name: 'Brieftekst opslaan' }).click();
    await manager.waitForURL(/klaar=tekst/);
    const today = new Date().toISOString().slice(0, 10);
    await manager.getByLabel('Eerste bezorgdag').fill(today);
    await manager.getByLabel('Laatste bezorgdag').fill(today);
    await manager.getByRole('button', { name: 'Ter goedkeuring aanbieden' }).click();
    await manager.waitForURL(/klaar=aangeboden/);
    await expect(
      manager.getByText('wacht op goedkeuring door de verantwoordelijke manager').isVisible(),
    ).resolves.toBe(true);
    const deciderContext = await browser.newContext();
    const decider = await deciderContext.newPage();
    await login(decider, server.url, 'adviser');
    await decider.goto(`${server.url}/wijkberichten/${campaignId}`);
    await accessible(decider);
    await decider.getByLabel('Kenmerk van het besluit').fill('Besluit burgemeester 2026/117');
    await decider.getByLabel(/Ik heb het gebied, de adressen en de brief hierboven gecontroleerd/).check();
    await decider.getByLabel(/De brief noemt geen persoon/).check();
    await decider.getByRole('button', { name: 'Goedkeuren' }).click();
    await decider.waitForURL(/klaar=goedgekeurd/);
    expect((await server.deps.campaigns.get(campaignId))!.approval?.legalReference).toBe(
      'Besluit burgemeester 2026/117',
    );
    await deciderContext.close();

    await manager.goto(`${server.url}/wijkberichten/${campaignId}/brieven`);
    await accessible(manager);
    await manager.getByRole('button', { name: 'Brieven maken' }).click();
    await manager.waitForURL(/klaar=gemaakt/);
    await accessible(manager);
    // The PDF is a job: its page refreshes itself (no script) until the download is offered.
    await manager
      .getByRole('button', { name: /PDF maken/ })
      .first()
      .click();
    await manager.waitForURL(/\/taken\/[0-9a-f]{32}$/);
    const pdfLink = manager.getByRole('link', { name: 'PDF downloaden' });
    await pdfLink.waitFor({ timeout: 120_000 });
    // Checked once done: until then the page reloads itself every few seconds.
    await accessible(manager);
    const [download] = await Promise.all([manager.waitForEvent('download'), pdfLink.click()]);
    const pdf = await pdfText((await download.path())!);
    expect(pdf.numPages).toBe(selection.letterCount);
    expect(pdf.first).toContain('Aan de bewoners van');
    expect(pdf.first).toContain('Meld Misdaad Anoniem');

    await manager.goto(`${server.url}/wijkberichten/${campaignId}/brieven`);
    await manager
      .getByRole('button', { name: /Printweergave maken/ })
      .first()
      .click();
    await manager.waitForURL(/\/taken\/[0-9a-f]{32}$/);
    const printLink = manager.getByRole('link', { name: 'Printweergave openen' });
    await printLink.waitFor({ timeout: 120_000 });
    await printLink.click();
    await manager.waitForURL(/\/bestanden\?/);
    expect(await manager.locator('section.brief').count()).toBe(selection.letterCount);
    await accessible(manager);

    await manager.goto(`${server.url}/wijkberichten/${campaignId}/bezorging`);
    await accessible(manager);
    await manager.getByLabel('Datum').fill(today);
    await manager.getByLabel('E2E distributor').check();
    await manager.getByRole('button', { name: 'Ronde plannen' }).click();
    await manager.waitForURL(/klaar=ronde/);
    const [round] = await server.deps.rounds.listByCampaign(campaignId);
    expect(round?.streets).toHaveLength(selection.streets.length);

    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
    });
    const distributor = await phone.newPage();
    await login(distributor, server.url, 'distributor');
    await accessible(distributor);
    await distributor.goto(`${server.url}/bezorging`);
    await accessible(distributor);
    await distributor
      .getByRole('link', { name: /\d{2}:\d{2}–\d{2}:\d{2}/ })
      .first()
      .click();
    await accessible(distributor);
    const [first, second] = round!.streets;
    for (const street of [first!, second!]) {
      const button = distributor.getByRole('button', {
        name: new RegExp(`^Bezorgd\\s*:\\s*${street.street}$`),
      });
      const box = await button.boundingBox();
      expect(box?.width).toBeGreaterThan(300);
      await button.click();
      await distributor.waitForURL(/klaar=bezorgd/);
    }
    await accessible(distributor);
    await expect(
      distributor
        .getByRole('button', { name: new RegExp(`^Ongedaan maken\\s*:\\s*${first!.street}$`) })
        .isVisible(),
    ).resolves.toBe(true);

    await manager.goto(`${server.url}/wijkberichten/${campaignId}/bezorging`);
    const delivered = first!.count + second!.count;
    const total = round!.streets.reduce((sum, s) => sum + s.count, 0);
    await expect(manager.locator('.coverage-total').textContent()).resolves.toContain(
      `${delivered} van ${total} brieven bezorgd (2 van ${round!.streets.length} straten)`,
    );
    await accessible(manager);
    await manager.goto(`${server.url}/`);
    await expect(manager.getByText(`${delivered} van ${total} brieven bezorgd`).isVisible()).resolves.toBe(
      true,
    );
    await accessible(manager);

    const [version] = await server.deps.webVersions.list(campaignId);
    // The public web version under the app's own CSP: the read-aloud button comes from the served script and
    // hands the letter's text to the browser's speech synthesis (recorded here instead of spoken).
    const visitor = await browser.newContext();
    await visitor.addInitScript(() => {
      const spoken: { text: string; lang: string }[] = [];
      (window as unknown as { spoken: typeof spoken }).spoken = spoken;
      window.speechSynthesis.speak = (u: SpeechSynthesisUtterance) => {
        spoken.push({ text: u.text, lang: u.lang });
      };
    });
    const web = await visitor.newPage();
    await web.goto(`${server.url}/w/${version!.code}`);
    await expect(web.getByText('Aan de bewoners van deze straat').isVisible()).resolves.toBe(true);
    await expect(web.getByRole('main').count()).resolves.toBe(1);
    await expect(web.getByRole('heading', { level: 1 }).count()).resolves.toBe(1);
    const readAloud = web.getByRole('button', { name: 'Laten voorlezen' });
    await readAloud.click();
    await web.getByRole('button', { name: 'Stoppen met voorlezen' }).waitFor();
    const spoken = await web.evaluate(
      () => (window as unknown as { spoken: { text: string; lang: string }[] }).spoken,
    );
    expect(spoken).toHaveLength(1);
    expect(spoken[0]!.lang).toBe('nl-NL');
    expect(spoken[0]!.text).toContain('Aan de bewoners van deze straat');
    expect(spoken[0]!.text).not.toContain('Laten voorlezen');
    await accessible(web);
    for (const context of [managerContext, deciderContext, phone, visitor])
      expect(cspViolations(context)).toEqual([]);
    await visitor.close();
    await phone.close();
    await managerContext.close();
  }, 600_000);
});

import { existsSync } from 'node:fs';
import axe from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeCampaign } from '../../functions/app/purge.js';
import { completedCampaign } from '../fixtures/purge-builders.js';
import { aCase } from '../fixtures/sms-builders.js';
import { CHROMIUM, launchBrowser, login, type Server, startServer, usernameFor } from './support.js';

const ISO_MOMENT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const DUTCH_MOMENT = /\d{2}-\d{2}-\d{4} \d{2}:\d{2}/;

/** Every axe violation of WCAG 2.0/2.1 A and AA, of any impact. */
async function violations(page: Page): Promise<string[]> {
  await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const w = window as unknown as { axe: typeof axe };
    const result = await w.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** How far the page is wider than the window; 0 when nothing sticks out sideways. */
function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** A calendar day in Amsterdam, `jjjj-mm-dd`, `days` from the server's now. */
function amsterdamDay(now: Date, days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(
    new Date(now.getTime() + days * 86_400_000),
  );
}

describe.runIf(existsSync(CHROMIUM) || process.env.CI === 'true')(
  'the audit trail and the purge certificate in a real browser, CSP on',
  () => {
    let server: Server;
    let browser: Browser;
    let campaignId: string;
    let csp: string[] = [];
    beforeAll(async () => {
      server = await startServer();
      browser = await launchBrowser();
      const deps = server.deps;
      await deps.settings.put({ ...(await deps.settings.get())!, maxRatePerSecond: 1000 });
      await deps.cases.create(aCase({ id: 'case-sending', name: 'Zaak Breedtetest' }));
      const { campaign } = await completedCampaign(deps, { recipients: 3, offset: 7100 });
      campaignId = campaign.id;
      const admin = (await deps.users.findByUsername(usernameFor('admin')))!;
      await purgeCampaign(
        deps,
        { actor: { userId: admin.id, username: admin.username, roles: admin.roles }, role: 'admin' },
        campaign.id,
        { confirm: true },
      );
      // Long unbroken values are what used to push the table past the window.
      await deps.audit.append({
        at: deps.clock.now().toISOString(),
        actorUserId: admin.id,
        actorRole: 'admin',
        action: 'campaign.cancelled',
        subjectType: 'campaign',
        subjectId: campaign.id,
        caseId: 'case-sending',
        campaignId: campaign.id,
        fingerprint: `sha256:${'ab'.repeat(32)}`,
        details: {
          reason: `Geannuleerd-${'x'.repeat(300)}`,
          changedFields: ['planned_window', 'variants', 'help_link', 'sender_name', 'quiet_hours'],
          counts: { recipients: 1234, problems: 2, ignored_lines: 17 },
        },
      });
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    async function openPage(width: number): Promise<Page> {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
      });
      await login(page, server.url, 'admin');
      return page;
    }

    it('shows the trail at 1280 px without sideways scrolling, in Dutch, filterable with the plain form', async () => {
      // Prepare
      csp = [];
      const page = await openPage(1280);
      const now = server.deps.clock.now();

      // Act
      await page.goto(`${server.url}/beheer/audit`);
      const overflowAll = await overflow(page);
      const axeAll = await violations(page);
      const table = (await page.locator('table.audit-table tbody').textContent()) ?? '';
      await page.getByLabel('Gebeurtenis').selectOption({ label: 'Telefoonnummers vernietigd' });
      await page.getByLabel('Van (datum)').fill(amsterdamDay(now, -1));
      await page.getByLabel('Tot en met (datum)').fill(amsterdamDay(now, 1));
      await page.getByRole('button', { name: 'Filteren' }).click();
      await page.waitForURL(/actie=campaign\.purged/);
      const filteredUrl = new URL(page.url());
      const filteredRows = await page.locator('table.audit-table tbody tr').allTextContents();
      const csvHref = await page.getByRole('link', { name: /Download als CSV/ }).getAttribute('href');
      const axeFiltered = await violations(page);
      await page.getByLabel('Van (datum)').fill('2020-01-01');
      await page.getByLabel('Tot en met (datum)').fill('2020-01-31');
      await page.getByRole('button', { name: 'Filteren' }).click();
      await page.waitForURL(/tot=2020-01-31/);
      const emptyText = await page.locator('main').textContent();
      await page.context().close();

      // Assess
      expect(overflowAll).toBeLessThanOrEqual(0);
      expect(axeAll).toEqual([]);
      expect(table).toContain('Telefoonnummers vernietigd');
      expect(table).toContain('Systeem (verzending)');
      expect(table).toContain('E2E admin');
      expect(table).toContain('Beheerder');
      expect(table).toMatch(DUTCH_MOMENT);
      expect(table).not.toMatch(ISO_MOMENT);
      expect(table).not.toMatch(/campaign\.|system:|\{"/);
      expect(filteredUrl.searchParams.get('actie')).toBe('campaign.purged');
      expect(filteredRows.length).toBeGreaterThanOrEqual(1);
      for (const row of filteredRows) expect(row).toContain('Telefoonnummers vernietigd');
      expect(csvHref).toContain('actie=campaign.purged');
      expect(csvHref).toContain(`van=${amsterdamDay(now, -1)}`);
      expect(axeFiltered).toEqual([]);
      expect(emptyText).toContain('Geen gebeurtenissen gevonden met deze filters.');
      expect(csp).toEqual([]);
    }, 120_000);

    it('stays usable at 390 px: no sideways scrolling, every value labelled', async () => {
      // Prepare
      csp = [];
      const page = await openPage(390);

      // Act
      await page.goto(`${server.url}/beheer/audit`);
      const sideways = await overflow(page);
      const labelShown = await page.locator('.audit-table__label').first().isVisible();
      const axeNarrow = await violations(page);
      await page.context().close();

      // Assess
      expect(sideways).toBeLessThanOrEqual(0);
      expect(labelShown).toBe(true);
      expect(axeNarrow).toEqual([]);
      expect(csp).toEqual([]);
    }, 120_000);

    it('shows the certificate with a Dutch time, names and roles, and prints without the menu', async () => {
      // Prepare
      csp = [];
      const page = await openPage(1280);

      // Act
      await page.goto(`${server.url}/campagnes/${campaignId}/vernietigingsverklaring`);
      const text = (await page.locator('main').textContent()) ?? '';
      const sideways = await overflow(page);
      const axeCertificate = await violations(page);
      await page.emulateMedia({ media: 'print' });
      const navPrinted = await page.locator('nav').first().isVisible();
      const linksPrinted = await page.getByRole('link', { name: 'Download als CSV' }).isVisible();
      const signaturePrinted = await page.getByRole('heading', { name: 'Ondertekening' }).isVisible();
      await page.context().close();

      // Assess
      expect(text).toMatch(new RegExp(`Verwijderd op \\(Nederlandse tijd\\)\\s*${DUTCH_MOMENT.source}`));
      expect(text).not.toMatch(ISO_MOMENT);
      expect(text).toContain('E2E admin (Beheerder), met "nu verwijderen"');
      expect(text).toContain('Systeem (bewaartermijn)');
      expect(text).not.toContain('system:retention');
      expect(text).toContain('De vingerafdruk is een controlegetal');
      for (const line of ['Naam', 'Functie', 'Datum', 'Handtekening']) expect(text).toContain(line);
      expect(sideways).toBeLessThanOrEqual(0);
      expect(axeCertificate).toEqual([]);
      expect(navPrinted).toBe(false);
      expect(linksPrinted).toBe(false);
      expect(signaturePrinted).toBe(true);
      expect(csp).toEqual([]);
    }, 120_000);
  },
);

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CENTRE } from '../../functions/adapters/bag-file/demo-neighbourhood.js';
import type { Acting } from '../../functions/app/audit.js';
import { approveCampaign, createCampaignFromBlueprint, editCampaign } from '../../functions/app/campaigns.js';
import { createCase } from '../../functions/app/cases.js';
import { processOutboxReceipts } from '../../functions/app/delivery-status.js';
import { runDispatcher } from '../../functions/app/dispatch.js';
import { markStreetDelivered, planDistributionRound } from '../../functions/app/distribution.js';
import { selectArea } from '../../functions/app/letter-areas.js';
import { selectedAddresses } from '../../functions/app/letter-campaign.js';
import { submitLetter } from '../../functions/app/letter-content.js';
import { renderLetters } from '../../functions/app/letters.js';
import type { Role } from '../../functions/core/auth/roles.js';
import { ALL_DAY, numbersFoundIn, purgeMobile } from '../fixtures/purge-builders.js';
import { seedApprovedCampaign } from '../fixtures/sending-builders.js';
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

async function pdfText(path: string): Promise<{ numPages: number; text: string; pages: string[] }> {
  const document = await getDocument({ data: new Uint8Array(await readFile(path)), useSystemFonts: true })
    .promise;
  const pages: string[] = [];
  for (let i = 1; i <= document.numPages; i++) {
    const content = await (await document.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return { numPages: document.numPages, text: pages.join('\n'), pages };
}

const SMS_RECIPIENTS = 24;

describe.runIf(existsSync(CHROMIUM) || process.env.CI === 'true')(
  'the results of the demo case in a real browser, CSP on',
  () => {
    let server: Server;
    let browser: Browser;
    let caseId: string;
    let numbers: string[];
    let addressTexts: string[];
    let webCode: string;
    let clickCode: string;

    async function actingAs(role: Role): Promise<Acting> {
      const user = (await server.deps.users.findByUsername(usernameFor(role)))!;
      return { actor: { userId: user.id, username: user.username, roles: user.roles }, role };
    }

    beforeAll(async () => {
      server = await startServer();
      const deps = server.deps;
      await deps.settings.put({ ...(await deps.settings.get())!, maxRatePerSecond: 1000 });
      browser = await launchBrowser();
      const adviser = await actingAs('adviser');
      const manager = await actingAs('area_manager');
      const now = deps.clock.now();
      const demo = await createCase(deps, adviser, {
        name: 'Bazooka (demo)',
        actionDate: new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10),
        municipality: 'Teststad',
        areaDescription: 'Demowijk en omgeving',
      });
      caseId = demo.id;

      // Letters: area, approval, rendering, a round, two streets delivered.
      const letter = await createCampaignFromBlueprint(deps, manager, {
        caseId,
        blueprintId: 'wijkbericht-na-arrestaties',
        name: 'Wijkbericht Bazooka',
      });
      const selection = await selectArea(deps, manager, {
        campaignId: letter.id,
        points: [{ lat: DEMO_CENTRE.lat, lon: DEMO_CENTRE.lon, label: 'Demolocatie' }],
        radiusM: 120,
      });
      const today = now.toISOString().slice(0, 10);
      // What the area page does after choosing the area: the addresses become the campaign's recipient set.
      await editCampaign(deps, manager, letter.id, {
        recipients: {
          fingerprint: selection.addressesFingerprint,
          counts: {
            imported: selection.letterCount,
            valid: selection.letterCount,
            sendable: selection.letterCount,
            excluded: {},
          },
        },
      });
      // Submitted as the letters page does: the final letter, with its case text, is frozen into the request.
      const submitted = await submitLetter(deps, manager, {
        campaignId: letter.id,
        plannedWindow: {
          from: now.toISOString(),
          until: new Date(now.getTime() + 3 * 86_400_000).toISOString(),
        },
        caseText: 'De politie heeft twee mensen aangehouden.',
      });
      await approveCampaign(deps, adviser, letter.id, {
        requestFingerprint: submitted.approvalRequest!.fingerprint,
        legalReference: 'Besluit burgemeester 2026/117',
        confirmed: true,
        namesNobody: true,
      });
      await renderLetters(deps, manager, {
        campaignId: letter.id,
        mode: 'addressed',
        caseText: 'De politie heeft twee mensen aangehouden.',
        baseUrl: server.url,
      });
      const distributor = await actingAs('distributor');
      const round = await planDistributionRound(deps, manager, {
        campaignId: letter.id,
        date: today,
        from: '09:00',
        to: '17:00',
        team: [distributor.actor.userId],
        streets: selection.streets,
      });
      for (const street of round.streets.slice(0, 2)) {
        await markStreetDelivered(deps, distributor, { roundId: round.id, street });
      }
      const { addresses } = await selectedAddresses(deps, selection);
      addressTexts = addresses.flatMap((a) => [
        `${a.street} ${a.houseNumber}`,
        ...(a.postcode ? [a.postcode] : []),
      ]);
      webCode = (await deps.webVersions.list(letter.id))[0]!.code;

      // SMS: approved, sent through the local outbox with receipts.
      const outbox = deps.sending.outbox!;
      outbox.configure({ ...outbox.settings(), receiptDelayMs: 0, deliveredShare: 1 });
      numbers = Array.from({ length: SMS_RECIPIENTS }, (_, i) => purgeMobile(4200 + i));
      const sms = await seedApprovedCampaign(deps, {
        recipients: SMS_RECIPIENTS,
        now: new Date(now.getTime() - 60_000),
        ratePerSecond: 1000,
        quietHours: ALL_DAY,
        caseId,
        numberOf: (n) => numbers[n]!,
      });
      await runDispatcher(deps, {
        dispatcherId: 'results-e2e',
        runForMs: 30_000,
        campaignIds: [sms.id],
        idleMs: 10,
      });
      await processOutboxReceipts(deps, SMS_RECIPIENTS);
      clickCode = (
        await deps.sending.links.codeFor(sms.id, sms.variants[0]!.id, 'notused01', deps.clock.now())
      ).code;
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    async function signedIn(
      role: Role,
    ): Promise<{ page: Page; csp: () => string[]; close(): Promise<void> }> {
      const context = await browser.newContext({ acceptDownloads: true });
      const page = await context.newPage();
      await login(page, server.url, role);
      return { page, csp: () => cspViolations(context), close: () => context.close() };
    }

    it('shows the adviser the timeline, the SMS funnel with intervals and a verdict, and the letters per street', async () => {
      // Prepare: a resident opens the web version, a recipient clicks a variant's link.
      const visitor = await browser.newContext();
      expect((await visitor.request.get(`${server.url}/w/${webCode}`)).status()).toBe(200);
      expect((await visitor.request.get(`${server.url}/r/${clickCode}`, { maxRedirects: 0 })).status()).toBe(
        302,
      );
      await visitor.close();
      const { page, csp, close } = await signedIn('adviser');

      // Act
      await page.goto(`${server.url}/zaken/${caseId}`);
      await page.getByRole('link', { name: 'Resultaten van deze zaak' }).click();
      await page.getByRole('heading', { level: 1, name: 'Resultaten zaak Bazooka (demo)' }).waitFor();
      const response = await page.request.get(page.url());
      const timeline = await page.locator('.timeline').textContent();
      const verdict = await page.locator('.verdict').first().textContent();
      const charts = await page.locator('svg[role="img"]').count();
      const variantRows = await page
        .locator('table:has(caption:text("Per variant")) tbody tr')
        .allTextContents();
      const streetRows = await page.locator('table:has(caption:text("Per straat")) tbody tr').count();
      const opensPerHour = await page
        .locator('table:has(caption:text("geopend per uur")) tbody td')
        .allTextContents();
      const violations = await a11yViolations(page);
      const html = await page.content();

      // Assess
      expect(response.headers()['content-security-policy']).toContain("script-src 'self'");
      expect(csp()).toEqual([]);
      expect(timeline).toContain('Klapdag');
      expect(timeline).toContain('Brieven gemaakt');
      expect(timeline).toContain('Eerste straat bezorgd');
      expect(timeline).toContain('Start verzending sms');
      expect(verdict).toMatch(/^Te weinig gegevens/);
      expect(charts).toBeGreaterThanOrEqual(2);
      expect(variantRows.some((row) => /%/.test(row))).toBe(true);
      expect(streetRows).toBeGreaterThan(1);
      expect(opensPerHour).toEqual(['1']);
      expect(violations).toEqual([]);
      expect(numbersFoundIn([html], numbers)).toEqual([]);
      await close();
    });

    it('exports a PDF and a CSV for others: one page per part, no number, no address, small counts as "< 5"', async () => {
      // Prepare
      const { page, csp, close } = await signedIn('adviser');
      await page.goto(`${server.url}/zaken/${caseId}/resultaten`);

      // Act
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Download als PDF (om te delen)' }).click(),
      ]);
      const pdf = await pdfText((await download.path())!);
      const csv = await (await page.request.get(`${server.url}/zaken/${caseId}/resultaten.csv`)).text();

      // Assess: the case page, one SMS campaign and one letter campaign.
      expect(pdf.numPages).toBe(3);
      expect(pdf.text).toContain('Resultaten zaak Bazooka (demo)');
      expect(pdf.pages[1]).toMatch(/Kliks \(alle varianten\)\s+< 5/);
      expect(pdf.pages[1]).toContain('Oordeel over de varianten');
      expect(pdf.pages[2]).toContain('Brieven bezorgd');
      expect(pdf.pages[2]).toContain('webversie geopend');
      expect(numbersFoundIn([pdf.text, csv], numbers)).toEqual([]);
      expect(addressTexts.length).toBeGreaterThan(0);
      expect(addressTexts.filter((a) => pdf.text.includes(a) || csv.includes(a))).toEqual([]);
      expect(csv).toContain('Kliks (alle varianten);< 5');
      expect(csv).not.toMatch(/;[1-4]\r\n/);
      expect(csp()).toEqual([]);
      await close();
    }, 60_000);

    it('shows the OM liaison only the SMS part, the area manager only the letters, and a distributor nothing', async () => {
      const om = await signedIn('om_liaison');
      await om.page.goto(`${server.url}/zaken/${caseId}/resultaten`);
      const omHeadings = await om.page.getByRole('heading', { level: 2 }).allTextContents();
      expect(om.csp()).toEqual([]);
      await om.close();
      const manager = await signedIn('area_manager');
      await manager.page.goto(`${server.url}/zaken/${caseId}/resultaten`);
      const managerHeadings = await manager.page.getByRole('heading', { level: 2 }).allTextContents();
      expect(manager.csp()).toEqual([]);
      await manager.close();
      const distributor = await signedIn('distributor');
      const refused = await distributor.page.goto(`${server.url}/zaken/${caseId}/resultaten`);
      expect(distributor.csp()).toEqual([]);
      await distributor.close();

      expect(omHeadings.some((h) => h.startsWith('SMS-bom'))).toBe(true);
      expect(omHeadings.some((h) => h.startsWith('Wijkbericht'))).toBe(false);
      expect(managerHeadings.some((h) => h.startsWith('Wijkbericht'))).toBe(true);
      expect(managerHeadings.some((h) => h.startsWith('SMS-bom'))).toBe(false);
      expect(refused?.status()).toBe(403);
    });
  },
);

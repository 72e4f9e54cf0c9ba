import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Role, RoleSchema } from '../../functions/core/auth/roles.js';
import { navigationFor } from '../../functions/http/views/navigation.js';
import { type DemoWorld, seedDemoWorld, submitForApproval } from './demo-world.js';
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

/** Addresses that are not pages: downloads, data, the redirect out to the help site, signing out. */
const NOT_A_PAGE =
  /\.(csv|pdf|json|svg|js|css|ico|png)$|^\/(bestanden|r|uitloggen|gezondheid)(\/|$)|\/bestand$/;

/** Distinct addresses visited per shape of address (`/campagnes/:id`): enough to see every state seeded. */
const PER_SHAPE = 5;

function shapeOf(path: string): string {
  return path
    .split('/')
    .map((segment) => (/^[A-Za-z0-9_-]{8,}$/.test(segment) && /\d/.test(segment) ? ':id' : segment))
    .join('/');
}

interface Visit {
  path: string;
  violations: string[];
}

/**
 * Visits every page reachable by links from the role's menu (breadth first, same site, pages only) and runs
 * axe on each: the menu comes from the navigation table, so a new page is checked as soon as it is linked.
 */
async function crawl(page: Page, origin: string, starts: readonly string[]): Promise<Visit[]> {
  const queue = [...starts];
  const seen = new Set<string>(queue);
  const perShape = new Map<string, number>();
  const visits: Visit[] = [];
  while (queue.length > 0) {
    const path = queue.shift()!;
    const response = await page.goto(`${origin}${path}`);
    if (!response?.headers()['content-type']?.startsWith('text/html')) continue;
    const violations = (await a11yViolations(page)).map(
      (v) => `${v.id} (${v.impact}): ${v.help} — ${v.targets.slice(0, 3).join(', ')}`,
    );
    visits.push({ path, violations });
    const hrefs = await page
      .locator('a[href]:not([download])')
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    for (const href of hrefs) {
      const url = new URL(href);
      if (url.origin !== origin || NOT_A_PAGE.test(url.pathname)) continue;
      const next = `${url.pathname}${url.search}`;
      const shape = shapeOf(url.pathname);
      if (seen.has(next) || (perShape.get(shape) ?? 0) >= PER_SHAPE) continue;
      seen.add(next);
      perShape.set(shape, (perShape.get(shape) ?? 0) + 1);
      queue.push(next);
    }
  }
  return visits;
}

describe.runIf(existsSync(CHROMIUM) || process.env.CI === 'true')(
  'every page a person can reach passes axe (WCAG 2.1 A/AA and best practices, any impact), CSP on',
  () => {
    let server: Server;
    let browser: Browser;
    let world: DemoWorld;
    beforeAll(async () => {
      server = await startServer();
      world = await seedDemoWorld(server.deps, {
        usernameOf: usernameFor,
        baseUrl: server.url,
        municipality: 'Teststad',
      });
      browser = await launchBrowser();
      const adviser = await signedIn('adviser');
      await submitForApproval(adviser.page, server.url, world.draftId);
      await adviser.context.close();
    }, 300_000);
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    async function signedIn(
      role: Role,
      options: BrowserContextOptions = { viewport: { width: 1280, height: 900 } },
    ): Promise<{ context: BrowserContext; page: Page }> {
      const context = await browser.newContext(options);
      const page = await context.newPage();
      await login(page, server.url, role);
      return { context, page };
    }

    for (const role of RoleSchema.options) {
      it(`${role}: every page from the menu on`, async () => {
        // Prepare: the distributor works on a phone
        const { context, page } = await signedIn(
          role,
          role === 'distributor' ? { viewport: { width: 390, height: 844 }, isMobile: true } : undefined,
        );
        const menu = navigationFor([role]).map((item) => item.href);

        // Act
        const visits = await crawl(page, new URL(server.url).origin, menu);

        // Assess
        expect(visits.map((v) => v.path)).toEqual(expect.arrayContaining(menu));
        expect(visits.filter((v) => v.violations.length > 0)).toEqual([]);
        expect(cspViolations(context)).toEqual([]);
        await context.close();
      }, 600_000);
    }

    it('reaches the letter, campaign, confirmation and distributor pages the crawl is meant to cover', async () => {
      // Prepare
      const adviser = await signedIn('adviser');
      const manager = await signedIn('area_manager');
      const distributor = await signedIn('distributor', {
        viewport: { width: 390, height: 844 },
        isMobile: true,
      });

      // Act
      const adviserPaths = (await crawl(adviser.page, new URL(server.url).origin, ['/'])).map((v) => v.path);
      const managerPaths = (await crawl(manager.page, new URL(server.url).origin, ['/'])).map((v) => v.path);
      const distributorPaths = (await crawl(distributor.page, new URL(server.url).origin, ['/'])).map(
        (v) => v.path,
      );

      // Assess
      expect(adviserPaths).toEqual(
        expect.arrayContaining([
          `/zaken/${world.caseId}`,
          `/campagnes/${world.sentId}`,
          `/campagnes/${world.sentId}/verzending`,
          `/campagnes/${world.scheduledId}/verzending/annuleren`,
          `/campagnes/${world.draftId}`,
        ]),
      );
      expect(managerPaths).toEqual(expect.arrayContaining([`/wijkberichten/${world.letterId}`]));
      expect(distributorPaths).toEqual(expect.arrayContaining([`/bezorging/${world.roundId}`]));
      for (const { context } of [adviser, manager, distributor]) await context.close();
    }, 600_000);

    it('public pages, sign-in and error pages', async () => {
      // Prepare
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
      const page = await context.newPage();
      const distributor = await signedIn('distributor');
      const pages: { path: string; status: number; on: Page }[] = [
        { path: '/inloggen', status: 200, on: page },
        { path: '/stop', status: 200, on: page },
        { path: '/stop?klaar=ja', status: 200, on: page },
        { path: `/w/${world.webCode}`, status: 200, on: page },
        { path: '/r/onbekend00', status: 404, on: page },
        { path: '/bestaat-niet', status: 404, on: page },
        { path: '/beheer/gebruikers', status: 403, on: distributor.page },
      ];
      const found: Visit[] = [];

      // Act
      for (const { path, status, on } of pages) {
        const response = await on.goto(`${server.url}${path}`);
        expect(response?.status(), path).toBe(status);
        found.push({ path, violations: (await a11yViolations(on)).map((v) => `${v.id}: ${v.help}`) });
      }
      await page.goto(`${server.url}/inloggen`);
      await page.getByLabel('Gebruikersnaam').fill(usernameFor('adviser'));
      await page.getByLabel('Wachtwoord').fill('niet het wachtwoord');
      await page.getByRole('button', { name: 'Inloggen' }).click();
      await page.getByRole('alert').waitFor();
      found.push({
        path: '/inloggen (refused)',
        violations: (await a11yViolations(page)).map((v) => `${v.id}: ${v.help}`),
      });

      // Assess
      expect(found.filter((v) => v.violations.length > 0)).toEqual([]);
      expect(cspViolations(context)).toEqual([]);
      expect(cspViolations(distributor.context)).toEqual([]);
      await context.close();
      await distributor.context.close();
    }, 300_000);
  },
);

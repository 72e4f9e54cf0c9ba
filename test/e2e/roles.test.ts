import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_LABELS, RoleSchema } from '../../functions/core/auth/roles.js';
import {
  a11yViolations,
  CHROMIUM,
  cspViolations,
  launchBrowser,
  login,
  type Server,
  startServer,
} from './support.js';

describe.runIf(existsSync(CHROMIUM) || process.env.CI === 'true')('every role in a real browser', () => {
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

  it('has an accessibility checker that does report violations', async () => {
    const page = await browser.newPage();
    await page.setContent('<html><body><input type="text"><img src="x.png"></body></html>');
    const ids = (await a11yViolations(page)).map((v) => v.id);
    expect(ids).toEqual(expect.arrayContaining(['html-has-lang', 'image-alt', 'label']));
    await page.close();
  });

  it('has a CSP recorder that does report what the policy refuses', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/inloggen`);
    expect(cspViolations(page)).toEqual([]);
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'document.title = "ingevoegd"';
      document.body.append(script);
    });
    await expect.poll(() => cspViolations(page).length).toBeGreaterThan(0);
    expect(cspViolations(page).join('\n')).toContain('script-src');
    expect(await page.title()).not.toBe('ingevoegd');
    await page.close();
  });

  it('has an accessible login page', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    expect(new URL(page.url()).pathname).toBe('/inloggen');
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    expect(await a11yViolations(page)).toEqual([]);
    expect(cspViolations(page)).toEqual([]);
    await page.close();
  });

  for (const role of RoleSchema.options) {
    it(`logs in as ${role}, sees its dashboard, and the page passes WCAG 2.1 AA checks`, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await login(page, server.url, role);
      await expect(page.getByRole('heading', { level: 1, name: 'Overzicht' }).isVisible()).resolves.toBe(
        true,
      );
      await expect(
        page.getByRole('heading', { level: 2, name: ROLE_LABELS[role] }).isVisible(),
      ).resolves.toBe(true);
      await expect(page.getByRole('navigation', { name: 'Hoofdmenu' }).isVisible()).resolves.toBe(true);
      expect(await a11yViolations(page)).toEqual([]);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toContain(
        'Direct naar de inhoud',
      );
      expect(cspViolations(context)).toEqual([]);
      await context.close();
    });
  }

  it('shows the admin pages accessibly and keeps the other roles out of them', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await login(page, server.url, 'admin');
    for (const path of ['/beheer/gebruikers', '/beheer/instellingen', '/beheer/audit']) {
      const res = await page.goto(`${server.url}${path}`);
      expect(res?.status(), path).toBe(200);
      expect(await a11yViolations(page), path).toEqual([]);
    }
    expect(cspViolations(context)).toEqual([]);
    await context.close();
    const other = await browser.newContext();
    const distributor = await other.newPage();
    await login(distributor, server.url, 'distributor');
    const res = await distributor.goto(`${server.url}/beheer/gebruikers`);
    expect(res?.status()).toBe(403);
    expect(await distributor.textContent('h1')).toBe('Geen toegang');
    await other.close();
  });
});

import { existsSync } from 'node:fs';
import axe from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, launchBrowser, login, type Server, startServer, usernameFor } from './support.js';

/** A 1×1 grey PNG: what the intercepted PDOK tile requests get, as there is no internet here. */
const TILE = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGO4AwAA6QDoY1cZ5wAAAABJRU5ErkJggg==',
  'base64',
);

interface Watch {
  tiles: string[];
  foreign: string[];
  errors: string[];
}

/** Serves PDOK tiles locally, refuses every other foreign host, and records CSP violations and errors. */
async function watch(page: Page, origin: string): Promise<Watch> {
  const seen: Watch = { tiles: [], foreign: [], errors: [] };
  await page.route(
    (url) => url.origin !== origin,
    async (route) => {
      const url = route.request().url();
      if (url.startsWith('https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/')) {
        seen.tiles.push(url);
        return route.fulfill({ status: 200, contentType: 'image/png', body: TILE });
      }
      seen.foreign.push(url);
      return route.abort();
    },
  );
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  page.on('console', (message) => {
    if (message.type() === 'error') seen.errors.push(message.text());
  });
  page.on('pageerror', (error) => seen.errors.push(error.message));
  return seen;
}

/** Every axe violation (WCAG 2.1 A and AA, best practices) of any impact, as `rule: targets`. */
async function a11yViolations(page: Page): Promise<string[]> {
  await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const w = window as unknown as { axe: typeof axe };
    const result = await w.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

describe.runIf(existsSync(CHROMIUM) || process.env.CI === 'true')('the area map in a real browser', () => {
  let server: Server;
  let browser: Browser;
  let campaignPath: string;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const context = await browser.newContext();
    const page = await context.newPage();
    await login(page, server.url, 'area_manager');
    await page.goto(`${server.url}/wijkberichten`);
    await page.getByLabel(/Naam van de zaak/).fill('Kaart');
    await page.getByLabel('Datum van de actie').fill('2026-03-01');
    await page.getByLabel('Gebied zoals bewoners het kennen').fill('rond de Proefstraat');
    const responsible = (await server.deps.users.findByUsername(usernameFor('adviser')))!;
    await page.getByLabel('Verantwoordelijke manager').selectOption(responsible.id);
    await page.getByRole('button', { name: 'Zaak aanmaken' }).click();
    await page.getByRole('button', { name: 'Wijkbericht aanmaken' }).click();
    await page.waitForURL(/\/gebied$/);
    campaignPath = new URL(page.url()).pathname;
    await context.close();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows Leaflet over PDOK tiles under the CSP: a click places a location, a suggestion moves it, a street click ticks it', async () => {
    // Prepare
    const context = await browser.newContext();
    const page = await context.newPage();
    const seen = await watch(page, server.url);
    await login(page, server.url, 'area_manager');
    const campaignId = campaignPath.split('/')[2]!;

    // Act 1: the map before any search
    await page.goto(`${server.url}${campaignPath}`);
    const map = page.locator('#kaart-interactief');
    await map.locator('img.leaflet-tile-loaded').first().waitFor();
    // Assess 1: Leaflet runs instead of the SVG, on PDOK tiles, with the demo streets named on the map
    await expect(page.locator('#kaart-svg').isHidden()).resolves.toBe(true);
    expect(seen.tiles.length).toBeGreaterThan(0);
    expect(seen.tiles[0]).toMatch(/\/grijs\/EPSG:3857\/\d+\/\d+\/\d+\.png$/);
    await expect(map.locator('.street-name', { hasText: 'Proefstraat' }).count()).resolves.toBeGreaterThan(0);
    expect(await a11yViolations(page)).toEqual([]);

    // Act 2: a click on the map, before any address search
    await page.getByLabel('Locatie 1').focus();
    await map.scrollIntoViewIfNeeded();
    const box = (await map.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.6);
    // Assess 2
    const clicked = await page.getByLabel('Locatie 1').inputValue();
    expect(clicked).toMatch(/^52\.\d{6}, 5\.\d{6}$/);
    await expect(page.locator('#kaart-melding').textContent()).resolves.toContain(
      'Locatie 1 staat op de kaart',
    );

    // Act 3: type an address the way people write it and choose the suggestion
    await page.getByLabel('Locatie 2').pressSequentially('Proefstraat 1, Voorbeeldstad');
    const suggestion = page.locator('#locatie-2-suggesties button').first();
    await suggestion.waitFor();
    const label = (await suggestion.textContent())!;
    await suggestion.click();
    // Assess 3: the field holds the chosen address and the map's location moved to its position
    expect(label).toMatch(/^Proefstraat 1, \d{4}[A-Z]{2} Voorbeeldstad/);
    await expect(page.getByLabel('Locatie 2').inputValue()).resolves.toBe(label);
    const position = (await server.deps.addresses.geocode(label))!.point;
    await expect(map.getAttribute('data-locatie')).resolves.toBe(
      `${position.lat.toFixed(6)}, ${position.lon.toFixed(6)}`,
    );

    // Act 4: search the streets around both, then tick a street off with a click on its line
    await page.getByRole('button', { name: 'Straten zoeken' }).click();
    await page.waitForURL(/klaar=gebied/);
    await map.locator('img.leaflet-tile-loaded').first().waitFor();
    const found = (await server.deps.letterSelections.get(campaignId))!;
    expect(found.points).toHaveLength(2);
    const street = found.rows.find((r) => r.street !== 'Proefstraat') ?? found.rows[0]!;
    const checkbox = page.getByLabel(`${street.street}, ${street.city}`);
    await expect(checkbox.isChecked()).resolves.toBe(true);
    await page.locator(`path[data-straat="${street.street}"]`).first().click();
    // Assess 4
    await expect(checkbox.isChecked()).resolves.toBe(false);
    await expect(page.locator('#totalen').textContent()).resolves.toContain('nog niet opgeslagen');
    expect(await a11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Straatkeuze opslaan' }).click();
    await page.waitForURL(/klaar=straten/);
    const saved = (await server.deps.letterSelections.get(campaignId))!;
    expect(saved.streets.map((s) => s.street)).not.toContain(street.street);
    expect(saved.streets).toHaveLength(found.streets.length - 1);

    // Assess: nothing refused by the CSP, no script error, no request to any other host
    expect(seen.errors).toEqual([]);
    expect(seen.foreign).toEqual([]);
    await context.close();
  });

  it('keeps the server-rendered SVG with street lines and names without JavaScript', async () => {
    // Prepare
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const seen = await watch(page, server.url);
    await login(page, server.url, 'area_manager');
    const campaignId = campaignPath.split('/')[2]!;
    const before = (await server.deps.letterSelections.get(campaignId))?.points.length ?? 0;
    await page.goto(`${server.url}${campaignPath}`);
    const image = page.locator('#kaart-svg input[type="image"]');
    // Act: a click on the server-rendered map adds a location through its form
    await image.click({ position: { x: 300, y: 150 } });
    await page.waitForURL(/klaar=gebied/);
    // Assess
    const selection = (await server.deps.letterSelections.get(campaignId))!;
    expect(selection.points).toHaveLength(before + 1);
    await expect(image.isVisible()).resolves.toBe(true);
    await expect(page.locator('#kaart-interactief').isHidden()).resolves.toBe(true);
    const src = (await image.getAttribute('src'))!;
    const response = await page.request.get(`${server.url}${src}`);
    expect(response.headers()['content-type']).toContain('image/svg+xml');
    const svg = await response.text();
    for (const row of selection.rows) expect(svg).toContain(`>${row.street}</text>`);
    expect(svg).toContain('<polyline');
    expect(svg).toContain('role="img"');
    expect(seen.tiles).toEqual([]);
    expect(seen.errors).toEqual([]);
    await context.close();
  });
  it('keeps the SVG map, accessible, when Leaflet cannot be loaded', async () => {
    // Prepare: the map library does not arrive (a proxy or a broken connection), the page's own script runs
    const context = await browser.newContext();
    const page = await context.newPage();
    await login(page, server.url, 'area_manager');
    await page.route('**/assets/leaflet.js', (route) => route.abort());
    // Act
    await page.goto(`${server.url}${campaignPath}`);
    // Assess
    await expect(page.locator('#kaart-svg input[type="image"]').isVisible()).resolves.toBe(true);
    await expect(page.locator('#kaart-interactief').isHidden()).resolves.toBe(true);
    expect(await a11yViolations(page)).toEqual([]);
    await context.close();
  });
});

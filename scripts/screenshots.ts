import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Role } from '../functions/core/auth/roles.js';
import { createApp } from '../functions/http/app.js';
import { loadStylesheet } from '../functions/http/stylesheet.js';
import { startLocalRuntime } from '../functions/local/runtime.js';
import { seedDemoOnce } from '../functions/local/seed.js';
import { lateApp, serveLocal } from '../functions/local/server.js';
import { seedDemoWorld, submitForApproval } from '../test/e2e/demo-world.js';
import { SCREENSHOT_DIR, SCREENSHOT_PAGES, SCREENSHOT_WIDTHS, screenshotFile } from './screenshot-pages.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/**
 * `npm run screenshots`: the README's pictures. Starts the embedded platform in memory on a free port with
 * the demo data and a day's work on top, signs in as the demo users and photographs the main pages at
 * 1280 and 390 px into docs/screenshots (JPEG, the visible part of each page, so the files stay small).
 */
async function main(): Promise<void> {
  const app = lateApp();
  const server = await serveLocal(app.fetch, { port: 0, hostname: '127.0.0.1' });
  const runtime = await startLocalRuntime({ logLevel: 'ERROR', publicBaseUrl: server.url });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars'],
  });
  try {
    const logins = (await seedDemoOnce(runtime.deps, 'Voorbeeldstad')) ?? [];
    app.ready(createApp(runtime.deps, { stylesheet: loadStylesheet() }).fetch);
    const login = (role: Role) => {
      const found = logins.find((l) => l.role === role);
      if (!found) throw new Error(`No demo user for ${role}`);
      return found;
    };
    const world = await seedDemoWorld(runtime.deps, {
      usernameOf: (role) => login(role).username,
      baseUrl: server.url,
      municipality: 'Voorbeeldstad',
    });
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    for (const width of SCREENSHOT_WIDTHS) {
      const sessions = new Map<Role, import('playwright-core').Page>();
      const signedIn = async (role: Role) => {
        let page = sessions.get(role);
        if (page) return page;
        const context = await browser.newContext({
          viewport: { width, height: width > 600 ? 900 : 844 },
          isMobile: width <= 600,
          deviceScaleFactor: 1,
          locale: 'nl-NL',
          timezoneId: 'Europe/Amsterdam',
        });
        page = await context.newPage();
        await page.goto(`${server.url}/inloggen`);
        await page.getByLabel('Gebruikersnaam').fill(login(role).username);
        await page.getByLabel('Wachtwoord').fill(login(role).password);
        await page.getByRole('button', { name: 'Inloggen' }).click();
        await page.waitForURL((url) => !url.pathname.startsWith('/inloggen'));
        sessions.set(role, page);
        return page;
      };
      if (width === SCREENSHOT_WIDTHS[0])
        await submitForApproval(await signedIn('adviser'), server.url, world.draftId);
      for (const shot of SCREENSHOT_PAGES) {
        const page = await signedIn(shot.role);
        const response = await page.goto(`${server.url}${shot.path(world)}`);
        if (response?.status() !== 200) throw new Error(`${shot.name}: HTTP ${response?.status()}`);
        if (shot.focus)
          await page
            .getByRole('heading', { name: shot.focus, exact: true })
            .evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
        await page.screenshot({ path: screenshotFile(shot, width), type: 'jpeg', quality: 70 });
        process.stdout.write(`${screenshotFile(shot, width)}\n`);
      }
    }
  } finally {
    await browser.close();
    await server.close();
    await runtime.close();
  }
}

await main();

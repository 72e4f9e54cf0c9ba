import axe from 'axe-core';
import { type Browser, chromium, type Page } from 'playwright-core';
import { systemActing } from '../../functions/app/audit.js';
import type { AppDeps } from '../../functions/app/deps.js';
import { createUser } from '../../functions/app/users.js';
import { type Role, RoleSchema } from '../../functions/core/auth/roles.js';
import { defaultSettings } from '../../functions/core/settings/settings.schema.js';
import { createApp } from '../../functions/http/app.js';
import { loadStylesheet } from '../../functions/http/stylesheet.js';
import { startLocalRuntime } from '../../functions/local/runtime.js';
import { lateApp, serveLocal } from '../../functions/local/server.js';

export const E2E_PASSWORD = 'e2e wachtwoord voor tests';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Server {
  url: string;
  deps: AppDeps;
  close(): Promise<void>;
}

/**
 * The real platform on a free loopback port, on an in-memory store, with one user per role. `wire` may swap
 * adapters the way another deployment does (e.g. uploads through a staging store).
 */
export async function startServer(wire: (deps: AppDeps) => AppDeps = (deps) => deps): Promise<Server> {
  const app = lateApp();
  const server = await serveLocal(app.fetch, { port: 0, hostname: '127.0.0.1' });
  const runtime = await startLocalRuntime({ logLevel: 'ERROR', publicBaseUrl: server.url });
  await runtime.deps.settings.put(defaultSettings('Teststad'));
  for (const role of RoleSchema.options) {
    await createUser(runtime.deps, systemActing('e2e'), {
      username: usernameFor(role),
      displayName: `E2E ${role}`,
      roles: [role],
      password: E2E_PASSWORD,
    });
  }
  const deps = wire(runtime.deps);
  app.ready(createApp(deps, { stylesheet: loadStylesheet() }).fetch);
  return {
    url: server.url,
    deps,
    close: async () => {
      await server.close();
      await runtime.close();
    },
  };
}

export function usernameFor(role: Role): string {
  return `e2e-${role.replace('_', '-')}`;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function login(page: Page, baseUrl: string, role: Role): Promise<void> {
  await page.goto(`${baseUrl}/inloggen`);
  await page.getByLabel('Gebruikersnaam').fill(usernameFor(role));
  await page.getByLabel('Wachtwoord').fill(E2E_PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/inloggen'));
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe-core in the page (WCAG 2.0/2.1 A and AA rules) and returns the serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const w = window as unknown as { axe: typeof axe };
    const result = await w.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

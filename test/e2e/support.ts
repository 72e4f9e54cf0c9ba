import axe from 'axe-core';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from 'playwright-core';
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

/**
 * Chromium with the app's CSP on (never `bypassCSP`). Every context and page it opens records what the CSP
 * refused, from both sides: the document's `securitypolicyviolation` events and Chromium's console errors;
 * `cspViolations` reads them, and the tests assert there were none.
 */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
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
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options?: BrowserContextOptions) => {
    if (options?.bypassCSP) throw new Error('The browser tests keep the app’s CSP on');
    const context = await newContext(options);
    await recordCspViolations(context);
    return context;
  };
  // Playwright's own newPage opens a context without going through newContext: route it through ours.
  browser.newPage = async (options?: BrowserContextOptions) => {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    page.on('close', () => void context.close());
    return page;
  };
  return browser;
}

const CSP_SEEN = new WeakMap<BrowserContext, string[]>();

async function recordCspViolations(context: BrowserContext): Promise<void> {
  const seen: string[] = [];
  CSP_SEEN.set(context, seen);
  await context.exposeBinding('__recordCspViolation', (_source, text: string) => {
    seen.push(text);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const w = window as unknown as { __recordCspViolation(text: string): void };
      w.__recordCspViolation(
        `${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  context.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(message.text());
  });
}

/** What the CSP refused in this page's context (or this context) so far; empty when the app kept to it. */
export function cspViolations(target: Page | BrowserContext): string[] {
  const context = 'context' in target && typeof target.context === 'function' ? target.context() : target;
  const seen = CSP_SEEN.get(context as BrowserContext);
  if (!seen) throw new Error('This context was not opened by launchBrowser(): its CSP is not watched');
  return [...seen];
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

/** The axe rule sets every page must pass: WCAG 2.0/2.1 A and AA, and axe's best practices. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] as const;

/**
 * Runs axe-core in the page (WCAG 2.0/2.1 A and AA and best-practice rules) and returns every violation,
 * of any impact: minor and moderate ones count as much as serious ones.
 */
export async function a11yViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axe.source);
  return page.evaluate(async (tags) => {
    const w = window as unknown as { axe: typeof axe };
    const result = await w.axe.run(document, { runOnly: { type: 'tag', values: [...tags] } });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  }, AXE_TAGS);
}

/**
 * Answers every request of `page` to another site (e.g. the help site a tracked link redirects to) with a
 * small page of its own and returns the addresses asked for, so a test follows links out without leaving
 * this machine. Through Chromium's DevTools protocol because Playwright's `route` sees only the first
 * address of a redirect chain, never where the redirect leads.
 */
export async function answerExternalSite(page: Page, urlPattern: string, html: string): Promise<string[]> {
  const asked: string[] = [];
  const cdp = await page.context().newCDPSession(page);
  cdp.on('Fetch.requestPaused', (event) => {
    asked.push(event.request.url);
    void cdp.send('Fetch.fulfillRequest', {
      requestId: event.requestId,
      responseCode: 200,
      responseHeaders: [{ name: 'content-type', value: 'text/html; charset=utf-8' }],
      body: Buffer.from(html).toString('base64'),
    });
  });
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern }] });
  return asked;
}

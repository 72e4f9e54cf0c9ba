import type { Hono } from 'hono';
import { createCapturingLogger } from '../../functions/adapters/logger/powertools-logger.js';
import { systemActing } from '../../functions/app/audit.js';
import type { AppDeps } from '../../functions/app/deps.js';
import { createUser } from '../../functions/app/users.js';
import { type Role, RoleSchema } from '../../functions/core/auth/roles.js';
import { defaultSettings } from '../../functions/core/settings/settings.schema.js';
import { createApp } from '../../functions/http/app.js';
import type { AppEnv } from '../../functions/http/env.js';
import { startLocalRuntime } from '../../functions/local/runtime.js';

export const PASSWORD = 'correct horse battery staple';

/**
 * The background job runners of the runtimes this test file started. A client's request returns only once
 * every job it started has finished: explicit synchronisation instead of waiting for some time.
 */
const jobRunners = new Set<{ settled(): Promise<void> }>();

export function settleJobsOf(runner: { settled(): Promise<void> }): void {
  jobRunners.add(runner);
}

export async function settleJobs(): Promise<void> {
  for (const runner of jobRunners) await runner.settled();
}

export interface Harness {
  app: Hono<AppEnv>;
  deps: AppDeps;
  logs: string[];
  /** The embedded store's endpoint, for tests that read the raw items. */
  endpoint: string;
  close(): Promise<void>;
}

/** The real app on the embedded store (in memory), with one user per role whose password is PASSWORD. */
export async function startHarness(): Promise<Harness> {
  const logger = createCapturingLogger();
  const runtime = await startLocalRuntime({ logger });
  await runtime.deps.settings.put(defaultSettings('Teststad'));
  for (const role of RoleSchema.options) {
    await createUser(runtime.deps, systemActing('test'), {
      username: role.replace('_', '-'),
      displayName: `Test ${role}`,
      roles: [role],
      password: PASSWORD,
    });
  }
  const app = createApp(runtime.deps, { stylesheet: 'body{}' });
  settleJobsOf(runtime.jobs);
  return {
    app,
    deps: runtime.deps,
    logs: logger.lines,
    endpoint: runtime.endpoint,
    close: async () => {
      jobRunners.delete(runtime.jobs);
      await runtime.close();
    },
  };
}

/** A browser-like client: keeps cookies, knows the CSRF token, follows nothing by itself. */
export class Client {
  private cookies = new Map<string, string>();

  constructor(private readonly app: Hono<AppEnv>) {}

  /** Takes over another client's cookies, like a stolen or copied cookie jar. */
  adoptCookies(other: Client): void {
    this.cookies = new Map(other.cookies);
  }

  get csrf(): string {
    return this.cookies.get('pf_csrf') ?? '';
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) {
      headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    }
    const response = await this.app.request(`http://localhost${path}`, { ...init, headers });
    await settleJobs();
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      if (/Max-Age=0/i.test(line) || value.join('=') === '') this.cookies.delete(name!);
      else this.cookies.set(name!, value.join('='));
    }
    return response;
  }

  get(path: string): Promise<Response> {
    return this.request(path);
  }

  /** Posts a form with the CSRF token (unless `csrf: false`). */
  post(
    path: string,
    form: Record<string, string | string[]> = {},
    options: { csrf?: boolean } = {},
  ): Promise<Response> {
    const body = new URLSearchParams();
    if (options.csrf !== false) body.set('_csrf', this.csrf);
    for (const [k, v] of Object.entries(form)) for (const value of [v].flat()) body.append(k, value);
    return this.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
  }

  /** Opens the login page (for the CSRF cookie) and logs in. */
  async login(username: string, password = PASSWORD): Promise<Response> {
    await this.get('/inloggen');
    return this.post('/inloggen', { username, password });
  }
}

export function usernameFor(role: Role): string {
  return role.replace('_', '-');
}

import type { Context } from 'hono';
import type { AppEnv } from '../env.js';

/** A path parameter of a matched route (always present once the route matched). */
export function param(c: Context<AppEnv>, name: string): string {
  return c.req.param(name) ?? '';
}

/** A url-encoded or multipart form as strings (files become ''). */
export async function formOf(c: Context<AppEnv>): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? v : '']));
}

export function csvResponse(c: Context<AppEnv>, csv: string, name: string): Response {
  return c.body(csv, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${name}"`,
    'cache-control': 'no-store',
  });
}

export function origin(c: Context<AppEnv>): string {
  return new URL(c.req.url).origin;
}

import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { ConflictError } from '../../functions/core/errors.js';
import { route } from '../../functions/http/access.js';
import type { AppEnv } from '../../functions/http/env.js';
import { formAction } from '../../functions/http/form-action.js';

const Schema = z.object({
  name: z.string().trim().min(2, 'Geef een naam van minstens 2 tekens.'),
  count: z.coerce.number().int().min(1),
});

function app(run: (input: z.output<typeof Schema>) => Promise<string>) {
  const hono = new Hono<AppEnv>();
  const runs: z.output<typeof Schema>[] = [];
  route(
    hono,
    'post',
    '/formulier',
    'public',
    ...formAction(Schema, {
      run: async (_c, input) => {
        runs.push(input);
        return run(input);
      },
      rerender: (c, message, status) => c.text(`opnieuw: ${message}`, status),
    }),
  );
  hono.onError((_error, c) => c.text('fout', 500));
  return { hono, runs };
}

function post(hono: Hono<AppEnv>, body: Record<string, string>) {
  return hono.request('/formulier', { method: 'POST', body: new URLSearchParams(body) });
}

describe('formAction', () => {
  it('runs the use case with the parsed form and redirects to where it says', async () => {
    const { hono, runs } = app(async (input) => `/klaar/${input.count}`);
    const res = await post(hono, { name: '  Wijk Noord ', count: '3' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/klaar/3');
    expect(runs).toEqual([{ name: 'Wijk Noord', count: 3 }]);
  });

  it('re-renders with the schema’s Dutch message and 422, without running the use case', async () => {
    const { hono, runs } = app(async () => '/klaar');
    const res = await post(hono, { name: 'x', count: '3' });
    expect(res.status).toBe(422);
    expect(await res.text()).toBe('opnieuw: Geef een naam van minstens 2 tekens.');
    expect(runs).toEqual([]);
  });

  it('re-renders with a general Dutch message when the failing field has no message of its own', async () => {
    const { hono } = app(async () => '/klaar');
    const res = await post(hono, { name: 'Wijk Noord', count: 'veel' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('niet goed ingevuld');
  });

  it('re-renders a domain error with its user message and status', async () => {
    const { hono } = app(async () => {
      throw new ConflictError('stale', { userMessage: 'Iemand anders was u voor.' });
    });
    const res = await post(hono, { name: 'Wijk Noord', count: '1' });
    expect(res.status).toBe(409);
    expect(await res.text()).toBe('opnieuw: Iemand anders was u voor.');
  });

  it('lets any other error reach the error page', async () => {
    const { hono } = app(async () => {
      throw new Error('disk on fire');
    });
    const res = await post(hono, { name: 'Wijk Noord', count: '1' });
    expect(res.status).toBe(500);
  });
});

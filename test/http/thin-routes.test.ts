import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const HTTP = join(import.meta.dirname, '../../functions/http');

/** The pages of the SMS and admin side: their routes read no store and their views see no dependencies. */
const ROUTES = [
  'routes/sms',
  'routes/sms.tsx',
  'routes/cases.tsx',
  'routes/sending.tsx',
  'routes/purge.tsx',
  'routes/do-not-contact.tsx',
  'routes/jobs.tsx',
  'routes/admin.tsx',
  'routes/settings.tsx',
  'routes/case-results.tsx',
  'routes/auth.tsx',
];
const VIEWS = [
  'views/sms',
  'views/admin',
  'views/sms-views.tsx',
  'views/cases.tsx',
  'views/case-results.tsx',
  'views/purge.tsx',
  'views/sending.tsx',
  'views/do-not-contact.tsx',
  'views/jobs.tsx',
];

function filesOf(entries: readonly string[]): string[] {
  return entries.flatMap((entry) => {
    const path = join(HTTP, entry);
    if (/\.tsx?$/.test(entry)) return [path];
    return readdirSync(path)
      .filter((name) => /\.tsx?$/.test(name))
      .map((name) => join(path, name));
  });
}

/** `deps.<port>.<method>(` for every port but the clock (time) and the logger. */
function storeCalls(source: string): string[] {
  return [...source.matchAll(/\bdeps\.([A-Za-z]+)\.[A-Za-z]+\??\.?\(/g)]
    .map((m) => m[0])
    .filter((call) => !/^deps\.(clock|logger)\./.test(call));
}

describe('the SMS and admin pages', () => {
  it('finds the routes and views it guards', () => {
    // Assess: a renamed folder must not make the checks below pass on nothing.
    expect(filesOf(ROUTES).length).toBeGreaterThanOrEqual(15);
    expect(filesOf(VIEWS).length).toBeGreaterThanOrEqual(14);
  });

  it('read no store in a route: page data comes from app queries and use cases', () => {
    const offending = filesOf(ROUTES).flatMap((file) =>
      storeCalls(readFileSync(file, 'utf8')).map((call) => `${relative(HTTP, file)}: ${call}`),
    );
    expect(offending).toEqual([]);
  });

  it('render views from a view model alone, without dependencies or use cases', () => {
    const offending = filesOf(VIEWS).filter((file) => {
      const source = readFileSync(file, 'utf8');
      return /\bdeps\b/.test(source) || /from '[./]*app\/deps\.js'/.test(source) || /\bawait\b/.test(source);
    });
    expect(offending.map((file) => relative(HTTP, file))).toEqual([]);
  });

  it('detects a store read and a view that awaits, so the checks above can fail', () => {
    expect(storeCalls('const c = await deps.campaigns.get(id); deps.clock.now();')).toEqual([
      'deps.campaigns.get(',
    ]);
    expect(/\bawait\b/.test('export const V = async () => <p>{await x()}</p>;')).toBe(true);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const HTTP = join(import.meta.dirname, '../../functions/http');

/** Every page: routes read no store and views see no dependencies. */
const ROUTES = ['routes', 'middleware.ts', 'app.tsx', 'access.ts', 'form-action.ts'];
const VIEWS = ['views'];

function filesOf(entries: readonly string[]): string[] {
  return entries.flatMap((entry) => {
    const path = join(HTTP, entry);
    if (/\.tsx?$/.test(entry)) return [path];
    return readdirSync(path, { recursive: true, encoding: 'utf8' })
      .filter((name) => /\.tsx?$/.test(name))
      .map((name) => join(path, name));
  });
}

/** `deps.<port>.<method>(` for every port but the clock (time), the ids and the logger. */
function storeCalls(source: string): string[] {
  return [...source.matchAll(/\bdeps\.([A-Za-z]+)\.[A-Za-z]+\??\.?\(/g)]
    .map((m) => m[0])
    .filter((call) => !/^deps\.(clock|logger|ids)\./.test(call));
}

describe('the pages', () => {
  it('finds the routes and views it guards', () => {
    // Assess: a renamed folder must not make the checks below pass on nothing.
    expect(filesOf(ROUTES).length).toBeGreaterThanOrEqual(30);
    expect(filesOf(VIEWS).length).toBeGreaterThanOrEqual(30);
  });

  it('read no store in a route: page data comes from app queries and use cases', () => {
    const offending = filesOf(ROUTES).flatMap((file) =>
      storeCalls(readFileSync(file, 'utf8')).map((call) => `${relative(HTTP, file)}: ${call}`),
    );
    expect(offending).toEqual([]);
  });

  it('render views from a view model alone, without dependencies or use cases', () => {
    // Scripts for the browser (`*-script.ts`, `*-scripts.ts`) are text sent to the page, not views.
    const views = filesOf(VIEWS).filter((file) => !/-scripts?\.ts$/.test(file));
    const offending = views.filter((file) => {
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

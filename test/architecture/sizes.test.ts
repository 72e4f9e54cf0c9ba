import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const FUNCTIONS = new URL('../../functions/', import.meta.url).pathname;
/** A source file a newcomer can read in one go; route files, which only wire forms to use cases, are smaller. */
const MAX_LINES = 400;
const MAX_ROUTE_LINES = 300;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** The files over their limit, as "path: lines". */
function oversized(files: readonly { path: string; text: string }[]): string[] {
  return files.flatMap(({ path, text }) => {
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    const limit = path.startsWith('http/routes/') ? MAX_ROUTE_LINES : MAX_LINES;
    return lines > limit ? [`${path}: ${lines} lines (at most ${limit})`] : [];
  });
}

describe('file sizes', () => {
  it('keeps every source file in functions/ within its limit', () => {
    const files = sourceFiles(FUNCTIONS).map((path) => ({
      path: relative(FUNCTIONS, path),
      text: readFileSync(path, 'utf8'),
    }));
    expect(files.length).toBeGreaterThan(100);
    expect(oversized(files)).toEqual([]);
  });

  it('names a file over its limit', () => {
    const long = `${'const x = 1;\n'.repeat(401)}`;
    const route = `${'const x = 1;\n'.repeat(301)}`;
    expect(
      oversized([
        { path: 'app/planted.ts', text: long },
        { path: 'http/routes/planted.tsx', text: route },
        { path: 'app/fits.ts', text: route },
      ]),
    ).toEqual([
      'app/planted.ts: 401 lines (at most 400)',
      'http/routes/planted.tsx: 301 lines (at most 300)',
    ]);
  });
});

import { existsSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { navigationFor } from '../../functions/http/views/navigation.js';
import { SCREENSHOT_PAGES, SCREENSHOT_WIDTHS, screenshotFile } from '../../scripts/screenshot-pages.js';

const readme = readFileSync('README.md', 'utf8');
const pictures = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
const files = SCREENSHOT_PAGES.flatMap((page) =>
  SCREENSHOT_WIDTHS.map((width) => screenshotFile(page, width)),
);

describe('the README pictures and `npm run screenshots`', () => {
  it('has the script and its page list, one role each, for both widths', () => {
    expect(JSON.parse(readFileSync('package.json', 'utf8')).scripts.screenshots).toBe(
      'node --import tsx scripts/screenshots.ts',
    );
    expect(new Set(SCREENSHOT_PAGES.map((p) => p.name)).size).toBe(SCREENSHOT_PAGES.length);
    expect(SCREENSHOT_WIDTHS).toEqual([1280, 390]);
    // Every page is one its role reaches: its menu holds at least the overview.
    for (const page of SCREENSHOT_PAGES) expect(navigationFor([page.role]).length).toBeGreaterThan(0);
  });

  it('committed every picture the script writes, small enough for a README', () => {
    const missing = files.filter((file) => !existsSync(file));
    const total = files
      .filter((file) => existsSync(file))
      .reduce((sum, file) => sum + statSync(file).size, 0);
    expect(missing).toEqual([]);
    expect(total).toBeLessThan(2 * 1024 * 1024);
  });

  it('shows pictures from the script only, and from each width', () => {
    expect(pictures.length).toBeGreaterThan(0);
    expect(pictures.filter((src) => !files.includes(src))).toEqual([]);
    for (const width of SCREENSHOT_WIDTHS)
      expect(pictures.some((src) => src.endsWith(`-${width}.jpg`))).toBe(true);
  });
});

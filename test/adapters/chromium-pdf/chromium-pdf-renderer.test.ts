import { existsSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CHROMIUM_ARGS,
  ChromiumPdfRenderer,
  countPdfPages,
} from '../../../functions/adapters/chromium-pdf/chromium-pdf-renderer.js';
import { builtInTemplates } from '../../../functions/core/letters/built-in-templates.js';
import { printDocument } from '../../../functions/core/letters/print-document.js';
import { addressedLetters, anAddress } from '../../unit/letters/builders.js';

const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  throw new Error(
    `Chromium is required for these tests: install it at ${CHROMIUM} (apt-get install chromium)`,
  );
}

const renderer = new ChromiumPdfRenderer({ executablePath: CHROMIUM });
afterAll(() => renderer.close());

async function pdfText(pdf: Uint8Array) {
  const document = await getDocument({ data: pdf.slice(), useSystemFonts: true }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const page = await document.getPage(n);
    const text = await page.getTextContent();
    pages.push(text.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return { numPages: document.numPages, pages };
}

describe('ChromiumPdfRenderer', () => {
  it('prints one A4 page per letter, in walking order', async () => {
    // Prepare
    const addresses = [7, 2, 1, 5, 3, 4].map((n) => anAddress({ street: 'Brugstraat', houseNumber: n }));
    const pages = addressedLetters(addresses);
    // Act
    const pdf = await renderer.render({
      html: printDocument(pages, builtInTemplates()),
      pages: pages.length,
    });
    const { numPages, pages: texts } = await pdfText(pdf);
    // Assess
    expect(numPages).toBe(addresses.length);
    expect(countPdfPages(pdf)).toBe(numPages);
    expect(texts[0]).toContain('Aan de bewoners van Brugstraat 1');
    expect(texts[0]).toContain('0800-7000');
    expect(texts[0]).toContain('Gemeente Proefdorp');
    expect(texts[3]).toContain('Aan de bewoners van Brugstraat 7');
    expect(texts[5]).toContain('Aan de bewoners van Brugstraat 2');
    const first = await (await getDocument({ data: pdf.slice() }).promise).getPage(1);
    const [, , width, height] = first.view;
    expect(Math.round(width ?? 0)).toBe(595);
    expect(Math.round(height ?? 0)).toBe(842);
  });

  it('reuses one browser for several documents', async () => {
    const html = '<!doctype html><html><body><p>een</p></body></html>';
    const first = await renderer.render({ html, pages: 1 });
    const second = await renderer.render({ html, pages: 1 });
    expect(countPdfPages(first)).toBe(1);
    expect(countPdfPages(second)).toBe(1);
  });

  it('refuses a document whose letters spill over onto extra pages', async () => {
    const long = `<!doctype html><html><body><section>${'<p>regel</p>'.repeat(200)}</section></body></html>`;
    await expect(renderer.render({ html: long, pages: 1 })).rejects.toMatchObject({
      userMessage: expect.stringContaining('past niet op één A4'),
    });
  });
});

describe('ChromiumPdfRenderer with a launcher', () => {
  it('asks the launcher once for the browser and keeps using it', async () => {
    // Prepare
    let launches = 0;
    const launched = new ChromiumPdfRenderer({
      launcher: async () => {
        launches++;
        return { executablePath: CHROMIUM, args: CHROMIUM_ARGS };
      },
    });
    const html = '<!doctype html><html><body><p>een</p></body></html>';

    // Act
    const pdfs = [await launched.render({ html, pages: 1 }), await launched.render({ html, pages: 1 })];
    await launched.close();

    // Assess
    expect(pdfs.map(countPdfPages)).toEqual([1, 1]);
    expect(launches).toBe(1);
  });

  it('says in Dutch what the deployment lacks when Chromium cannot start, and tries again next time', async () => {
    // Prepare
    let launches = 0;
    const missing = new ChromiumPdfRenderer({
      launcher: async () => {
        launches++;
        return { executablePath: '/nonexistent/chromium', args: CHROMIUM_ARGS };
      },
      unavailableMessage: "Deze installatie kan geen PDF's maken.",
    });

    // Act
    const first = await missing.render({ html: '<p/>' }).catch((error: unknown) => error);
    const second = await missing.render({ html: '<p/>' }).catch((error: unknown) => error);

    // Assess
    expect(first).toMatchObject({
      name: 'UnavailableError',
      userMessage: "Deze installatie kan geen PDF's maken.",
    });
    expect(second).toMatchObject({ name: 'UnavailableError' });
    expect(launches).toBe(2);
  });
});

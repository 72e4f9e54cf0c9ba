import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countPdfPages } from '../../functions/adapters/chromium-pdf/chromium-pdf-renderer.js';
import { ValidationError } from '../../functions/core/errors.js';
import { builtInTemplates } from '../../functions/core/letters/built-in-templates.js';
import type { PdfRenderer } from '../../functions/core/letters/ports.js';
import { printDocument } from '../../functions/core/letters/print-document.js';
import { addressedLetters, anAddress } from '../unit/letters/builders.js';

export interface PdfRendererTarget {
  renderer: PdfRenderer;
  /** Intermediate files the renderer left behind (HTML or PDF objects in storage): none after a call. */
  leftovers(): Promise<string[]>;
  /** Requests the infrastructure refused as malformed: a conforming adapter sends none. */
  malformedRequests(): Promise<number>;
  close(): Promise<void>;
}

async function pageTexts(pdf: Uint8Array): Promise<string[]> {
  const document = await getDocument({ data: pdf.slice(), useSystemFonts: true }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const items = (await (await document.getPage(n)).getTextContent()).items;
    pages.push(items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return pages;
}

/**
 * The PdfRenderer contract: what letter printing relies on from every renderer (Chromium in the process,
 * the PDF function in AWS). One A4 page per letter in the given order, a letter that spills over refused
 * with the same Dutch message, and nothing left behind.
 */
export function pdfRendererContract(name: string, connect: () => Promise<PdfRendererTarget>): void {
  // A browser start and a print take seconds on a busy machine: generous limits, no speed assertion.
  describe(`PdfRenderer on ${name}`, { timeout: 120_000 }, () => {
    let target: PdfRendererTarget;
    beforeAll(async () => {
      target = await connect();
    }, 120_000);
    afterAll(async () => {
      await target.close();
    });

    it('prints one page per letter, in the order given', async () => {
      // Prepare
      const addresses = [4, 1, 3].map((n) => anAddress({ street: 'Brugstraat', houseNumber: n }));
      const letters = addressedLetters(addresses);
      const html = printDocument(letters, builtInTemplates());
      const order = [...html.matchAll(/Aan de bewoners van Brugstraat (\d+)/g)].map((m) => m[1]);
      // Act
      const pdf = await target.renderer.render({ html, pages: letters.length });
      // Assess
      expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe('%PDF-');
      expect(countPdfPages(pdf)).toBe(3);
      const texts = await pageTexts(pdf);
      expect(order).toHaveLength(3);
      expect(texts.map((t) => /Aan de bewoners van Brugstraat (\d+)/.exec(t)?.[1])).toEqual(order);
      expect(await target.leftovers()).toEqual([]);
    });

    it('refuses letters that spill over onto extra pages, with the same Dutch message', async () => {
      const long = `<!doctype html><html><body><section>${'<p>regel</p>'.repeat(200)}</section></body></html>`;
      const attempt = target.renderer.render({ html: long, pages: 1 });
      await expect(attempt).rejects.toBeInstanceOf(ValidationError);
      await expect(attempt).rejects.toMatchObject({
        userMessage: expect.stringMatching(
          /^De PDF heeft \d+ pagina's in plaats van 1: een brief past niet op één A4/,
        ),
      });
      expect(await target.leftovers()).toEqual([]);
    });

    it('prints a document without an expected page count as it comes', async () => {
      const html =
        '<!doctype html><html><body><p>een</p><p style="break-before: page">twee</p></body></html>';
      const pdf = await target.renderer.render({ html });
      expect(countPdfPages(pdf)).toBe(2);
      expect(await target.leftovers()).toEqual([]);
    });

    it('sends only requests the infrastructure accepts as well-formed', async () => {
      expect(await target.malformedRequests()).toBe(0);
    });
  });
}

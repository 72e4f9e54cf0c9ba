import type { Browser } from 'playwright-core';
import { UnavailableError, ValidationError } from '../../core/errors.js';
import type { PdfRenderer, PdfRenderRequest } from '../../core/letters/ports.js';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface ChromiumPdfRendererOptions {
  /** The system Chromium; `/usr/bin/chromium` by default. */
  executablePath?: string;
  /** Per document; large runs are split by the caller. */
  timeoutMs?: number;
}

/** Counts the page objects of a PDF written by Chromium (Skia writes them uncompressed). */
export function countPdfPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  return text.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}

/**
 * `PdfRenderer` with playwright-core and the system Chromium. One browser is launched lazily and reused;
 * each call prints one HTML document holding many letters (CSS page breaks), which is far faster than a
 * document per letter. When the caller says how many pages to expect, a letter that overflows onto a
 * second sheet is reported instead of silently shifting every following letter.
 */
export class ChromiumPdfRenderer implements PdfRenderer {
  private browser: Promise<Browser> | null = null;

  constructor(private readonly options: ChromiumPdfRendererOptions = {}) {}

  private launch(): Promise<Browser> {
    if (!this.browser) {
      // Loaded on first use: playwright-core is large, and a process that never renders a PDF (the web
      // function in AWS) must not pay for it or even have it in its bundle.
      this.browser = import('playwright-core')
        .then(({ chromium }) =>
          chromium.launch({
            executablePath: this.options.executablePath ?? '/usr/bin/chromium',
            args: CHROMIUM_ARGS,
          }),
        )
        .catch((error: unknown) => {
          this.browser = null;
          throw new UnavailableError('Chromium could not be started', {
            cause: error,
            userMessage: 'De PDF-maker (Chromium) kon niet starten.',
          });
        });
    }
    return this.browser;
  }

  async render(request: PdfRenderRequest): Promise<Uint8Array> {
    const browser = await this.launch();
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(this.options.timeoutMs ?? 120_000);
      await page.setContent(request.html, { waitUntil: 'load' });
      await page.emulateMedia({ media: 'print' });
      const pdf = new Uint8Array(
        await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }),
      );
      if (request.pages !== undefined) {
        const pages = countPdfPages(pdf);
        if (pages !== request.pages) {
          throw new ValidationError('Letters overflow their page', {
            userMessage: `De PDF heeft ${pages} pagina's in plaats van ${request.pages}: een brief past niet op één A4. Maak de tekst korter.`,
            context: { pages, expected: request.pages },
          });
        }
      }
      return pdf;
    } finally {
      await context.close();
    }
  }

  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = null;
    if (browser) await (await browser.catch(() => null))?.close();
  }
}

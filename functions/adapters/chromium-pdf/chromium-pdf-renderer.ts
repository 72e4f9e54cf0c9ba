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

/** Which Chromium binary to start and with which flags. */
export interface ChromiumLaunch {
  executablePath: string;
  args: readonly string[];
}

export interface ChromiumPdfRendererOptions {
  /** The system Chromium; `/usr/bin/chromium` by default. Ignored when `launcher` is given. */
  executablePath?: string;
  /**
   * Finds the browser at the first render, for a Chromium that has to be unpacked first (Chromium for
   * Lambda inflates itself into /tmp); the system Chromium with `CHROMIUM_ARGS` when absent.
   */
  launcher?: () => Promise<ChromiumLaunch>;
  /** Dutch message when Chromium cannot start, for a deployment that is known to have none. */
  unavailableMessage?: string;
  /** Per document; large runs are split by the caller. */
  timeoutMs?: number;
}

/** Counts the page objects of a PDF written by Chromium (Skia writes them uncompressed). */
export function countPdfPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  return text.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}

/**
 * `PdfRenderer` with playwright-core and Chromium (the system one, or what `launcher` finds). One browser is launched lazily and reused;
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
      const pending: Promise<Browser> = (async () => {
        const { chromium } = await import('playwright-core');
        const { executablePath, args } = this.options.launcher
          ? await this.options.launcher()
          : { executablePath: this.options.executablePath ?? '/usr/bin/chromium', args: CHROMIUM_ARGS };
        const browser = await chromium.launch({ executablePath, args: [...args] });
        // A warm Lambda or a long-running server keeps this renderer; a browser that crashed or was killed
        // is started again at the next render instead of failing every render after it.
        browser.on('disconnected', () => {
          if (this.browser === pending) this.browser = null;
        });
        return browser;
      })().catch((error: unknown) => {
        if (this.browser === pending) this.browser = null;
        throw new UnavailableError('Chromium could not be started', {
          cause: error,
          userMessage: this.options.unavailableMessage ?? 'De PDF-maker (Chromium) kon niet starten.',
        });
      });
      this.browser = pending;
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

import type { LetterPage } from './compose.js';
import type { CompiledTemplate } from './letter.schema.js';
import { mergeLetter } from './merge.js';

interface SplitTemplate {
  head: string;
  body: string;
}

const splits = new WeakMap<CompiledTemplate, SplitTemplate>();

function split(template: CompiledTemplate): SplitTemplate {
  let cached = splits.get(template);
  if (!cached) {
    const html = template.html;
    const head = /<head[^>]*>([\s\S]*?)<\/head>/i.exec(html)?.[1] ?? '';
    const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
    cached = { head: head.replace(/<title>[\s\S]*?<\/title>/i, ''), body };
    splits.set(template, cached);
  }
  return cached;
}

/** A4, no printer margins of its own, one letter per sheet. */
export const PRINT_CSS =
  '@page{size:A4;margin:10mm 0}html,body{margin:0;padding:0;background:#fff}' +
  '.brief{break-after:page;page-break-after:always;break-inside:avoid}' +
  '.brief:last-child{break-after:auto;page-break-after:auto}' +
  '@media screen{.brief{max-width:210mm;margin:0 auto 16px;box-shadow:0 0 4px #999}}' +
  // The built-in letter with a blueprint's six paragraphs, three help links and the QR code is about 1140 CSS
  // px tall, while an A4 sheet inside the margins holds 1047: printed at 85 % it fits with room for the case
  // text (about 11.9 px, 9 pt).
  '@media print{.brief{zoom:.85}}' +
  // On screen the run has a title and a main landmark like any page; on paper only the letters.
  '.print-title{font:700 1.5rem/1.3 sans-serif;max-width:210mm;margin:16px auto}' +
  '@media print{.print-title{display:none}}';

/**
 * One HTML document holding every page of a run, separated by CSS page breaks: the print view in the
 * browser and the input of the PDF renderer (many letters per document keeps Chromium fast).
 */
export function printDocument(
  pages: readonly LetterPage[],
  templates: Readonly<Record<string, CompiledTemplate>>,
  title = 'Wijkberichten',
  options: PrintDocumentOptions = {},
): string {
  const parts = printDocumentParts(pages, templates, title, options);
  return `${parts.start}${[...parts.bodies()].join('')}${parts.end}`;
}

export interface PrintDocumentOptions {
  /**
   * Whether the letters sit in a main landmark under a title (shown on screen, not on paper), as a page of
   * their own needs; false for a letter another page frames (the web version adds its own).
   */
  landmarks?: boolean;
}

/**
 * The same document in parts, so a run of thousands of letters can be written out page by page instead of
 * held as one string of hundreds of megabytes: `start`, then every page's section from `bodies()`, then `end`.
 */
export function printDocumentParts(
  pages: readonly LetterPage[],
  templates: Readonly<Record<string, CompiledTemplate>>,
  title = 'Wijkberichten',
  { landmarks = true }: PrintDocumentOptions = {},
): { start: string; bodies: () => Generator<string>; end: string } {
  const heads = new Map<string, string>();
  for (const page of pages) {
    const template = templates[page.template];
    if (!template) throw new Error(`Template ${page.template} not compiled`);
    if (!heads.has(page.template)) heads.set(page.template, mergeLetter(split(template).head, page.fields));
  }
  const escapedTitle = title.replace(/[&<>"]/g, '');
  return {
    start: `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>${escapedTitle}</title>${[...heads.values()].join('')}<style>${PRINT_CSS}</style></head><body>${landmarks ? `<main><h1 class="print-title">${escapedTitle}</h1>` : ''}`,
    *bodies() {
      for (const page of pages) {
        const template = templates[page.template]!;
        yield `<section class="brief">${mergeLetter(split(template).body, page.fields)}</section>`;
      }
    },
    end: `${landmarks ? '</main>' : ''}</body></html>`,
  };
}

/**
 * The pages as self-contained HTML fragments (each with its template's styles, scoped to an element of class
 * `brief` that the caller wraps it in), for showing letters inside an application page, where a frame is not
 * allowed.
 */
export function letterBodies(
  pages: readonly LetterPage[],
  templates: Readonly<Record<string, CompiledTemplate>>,
): string[] {
  return pages.map((page) => {
    const template = templates[page.template];
    if (!template) throw new Error(`Template ${page.template} not compiled`);
    const parts = split(template);
    // Scoped to the letter's wrapper (`.brief`), so the template's resets (body, p, table) leave the page alone.
    const styles = [...mergeLetter(parts.head, page.fields).matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)]
      .map((m) => `<style>@scope (.brief) {${m[1]}}</style>`)
      .join('');
    return `${styles}${mergeLetter(parts.body, page.fields)}`;
  });
}

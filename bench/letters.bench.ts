import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Handlebars from 'handlebars';
import {
  CHROMIUM_ARGS,
  ChromiumPdfRenderer,
  countPdfPages,
} from '../functions/adapters/chromium-pdf/chromium-pdf-renderer.js';
import type { Address } from '../functions/core/letters/address.schema.js';
import { builtInTemplates } from '../functions/core/letters/built-in-templates.js';
import { composeLetters, type LetterPage } from '../functions/core/letters/compose.js';
import type {
  CompiledTemplate,
  LetterBranding,
  LetterContent,
} from '../functions/core/letters/letter.schema.js';
import { PRINT_CSS, printDocument } from '../functions/core/letters/print-document.js';
import { syntheticExtract } from './around/synthetic-extract.js';
import { type Benchmark, interleaved, ratios, round, spread } from './bench.js';
import { seededRandom } from './ingest/generate.js';

const run = promisify(execFile);
const LETTERS = 2_000;
const PDF_LETTERS = 200;
const ROUNDS = 5;
const PDF_ROUNDS = 3;
const CHROMIUM = '/usr/bin/chromium';

const content: LetterContent = {
  subject: 'Aanhoudingen voor drugshandel in {{gebied}}',
  paragraphs: [
    'Op {{datum}} heeft de politie in {{gebied}} meerdere mensen aangehouden die verdacht worden van drugshandel. {{zaaktekst}}',
    'De gemeente {{gemeente}} en de politie vinden het belangrijk dat u weet wat er is gebeurd. Drugshandel brengt overlast en onveiligheid. We blijven de komende tijd extra aanwezig in de buurt.',
    'Maakt u zich zorgen over iemand in uw omgeving, over verslaving of over geldproblemen? Er is hulp, ook anoniem.',
  ],
  helpLinks: [
    { label: 'Hulp bij verslaving', url: 'https://hulpnadrugs.example.nl/verslaving' },
    { label: 'Hulp bij geldzorgen', url: 'https://hulpnadrugs.example.nl/geld' },
  ],
};

/**
 * A municipal logo as municipalities have them: a detailed vector crest (a shield of many curved paths,
 * a wordmark traced as outlines), about 35 kB of SVG, 47 kB as a data URI. Generated, not committed.
 */
function realisticLogo(): string {
  const random = seededRandom(7);
  const n = () => (random() * 160).toFixed(2);
  const paths: string[] = [];
  for (let i = 0; i < 130; i++) {
    const segments = Array.from({ length: 6 }, () => `C${n()} ${n()} ${n()} ${n()} ${n()} ${n()}`).join(' ');
    paths.push(
      `<path d="M${n()} ${n()} ${segments}Z" fill="#${i % 2 ? '00689e' : 'c8102e'}" opacity=".${1 + (i % 8)}"/>`,
    );
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="160" viewBox="0 0 160 160">${paths.join('')}</svg>`;
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

const branding: LetterBranding = {
  municipality: 'Voorbeeldstad',
  senderLine: 'Gemeente Voorbeeldstad',
  logo: realisticLogo(),
  primaryColour: '#00689e',
  signatureTitle: 'Team Openbare Orde en Veiligheid',
  contactLine: 'Vragen? Kijk op voorbeeldstad.example.nl/veilig.',
};

const caseFields = {
  date: '2025-03-12',
  areaDescription: 'de omgeving van de Proefstraat',
  caseText: 'In twee woningen zijn drugs en geld in beslag genomen.',
};

function compose(addresses: readonly Address[]): LetterPage[] {
  return composeLetters({
    mode: 'addressed',
    addresses,
    content,
    branding,
    caseFields,
    webVersionUrl: (s) => `https://voorbeeldstad.example.nl/w/${encodeURIComponent(s.street)}`,
  });
}

/**
 * The peer: the same compiled HTML, precompiled once by Handlebars and filled per letter, assembled into the
 * same print document. Handlebars escapes the same characters (& < > " ' ` =); the output is checked equal.
 */
function handlebarsDocument(templates: Record<string, CompiledTemplate>) {
  const fill = new Map<string, { head: Handlebars.TemplateDelegate; body: Handlebars.TemplateDelegate }>();
  for (const [name, template] of Object.entries(templates)) {
    const head = (/<head[^>]*>([\s\S]*?)<\/head>/i.exec(template.html)?.[1] ?? '').replace(
      /<title>[\s\S]*?<\/title>/i,
      '',
    );
    const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(template.html)?.[1] ?? template.html;
    const precompiled = (source: string) =>
      // biome-ignore lint/security/noGlobalEval: loading Handlebars' own precompiled output, as its runtime does
      Handlebars.template(eval(`(${Handlebars.precompile(source, { strict: true })})`));
    fill.set(name, { head: precompiled(head), body: precompiled(body) });
  }
  return (pages: readonly LetterPage[]): string => {
    const heads = new Map<string, string>();
    const bodies: string[] = [];
    for (const page of pages) {
      const t = fill.get(page.template)!;
      if (!heads.has(page.template)) heads.set(page.template, t.head(page.fields));
      bodies.push(`<section class="brief">${t.body(page.fields)}</section>`);
    }
    return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Wijkberichten</title>${[...heads.values()].join('')}<style>${PRINT_CSS}</style></head><body><main><h1 class="print-title">Wijkberichten</h1>${bodies.join('')}</main></body></html>`;
  };
}

/** Chromium itself printing one static HTML file: a fresh headless browser, no driver. */
async function chromiumPrint(html: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'perspectief-letters-bench-'));
  try {
    const file = join(dir, 'brieven.html');
    const out = join(dir, 'brieven.pdf');
    writeFileSync(file, html);
    await run(
      CHROMIUM,
      [...CHROMIUM_ARGS, '--no-pdf-header-footer', `--print-to-pdf=${out}`, `file://${file}`],
      { timeout: 600_000 },
    );
    return countPdfPages(new Uint8Array(readFileSync(out)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const bench: Benchmark = {
  name: 'letters',
  description:
    `${LETTERS.toLocaleString('nl-NL')} geadresseerde brieven met een logo van ~47 kB in één printdocument, tegen dezelfde ` +
    `gecompileerde HTML gevuld door Handlebars (voorgecompileerd); PDF van ${PDF_LETTERS} brieven tegen Chromium dat ` +
    'hetzelfde statische document afdrukt; afwisselend, meerdere rondes',
  async run(log) {
    const addresses = syntheticExtract(12_000, 3)
      .filter((a) => a.residential)
      .slice(0, LETTERS);
    log(`logo: ${(branding.logo.length / 1024).toFixed(1)} kB als data-URI`);
    const templates = builtInTemplates();
    let started = performance.now();
    const pages = compose(addresses);
    const composeMs = performance.now() - started;
    log(
      `samenstellen (velden, looproute, QR per straat): ${composeMs.toFixed(0)} ms voor ${pages.length} brieven`,
    );

    const peer = handlebarsDocument(templates);
    const ours = printDocument(pages, templates);
    // Handlebars spells three entities in hex (&#x3D; &#x60; &#x27;) where the product uses decimal: same HTML.
    const decimal = (html: string) =>
      html.replaceAll('&#x3D;', '&#61;').replaceAll('&#x60;', '&#96;').replaceAll('&#x27;', '&#39;');
    if (decimal(peer(pages)) !== ours) throw new Error('Handlebars and the product merge differ');
    log(
      `uitvoer gelijk aan Handlebars (op de schrijfwijze van entiteiten na): ${(ours.length / 1e6).toFixed(1)} MB`,
    );

    const html = await interleaved({
      rounds: ROUNDS,
      contestants: {
        ours: async () => {
          const t = performance.now();
          printDocument(pages, templates);
          return pages.length / ((performance.now() - t) / 1000);
        },
        handlebars: async () => {
          const t = performance.now();
          peer(pages);
          return pages.length / ((performance.now() - t) / 1000);
        },
      },
      onRound: (r, x) =>
        log(
          `ronde ${r}: wij ${Math.round(x.ours)} brieven/s, Handlebars ${Math.round(x.handlebars)} brieven/s`,
        ),
    });
    const peerRatio = spread(ratios(html.ours, html.handlebars));

    started = performance.now();
    const endToEnd = printDocument(compose(addresses), templates);
    const endToEndPerSecond = pages.length / ((performance.now() - started) / 1000);
    void endToEnd;

    const pdfPages = pages.slice(0, PDF_LETTERS);
    const pdfHtml = printDocument(pdfPages, templates);
    const pdf = await interleaved({
      rounds: PDF_ROUNDS,
      contestants: {
        ours: async () => {
          // A fresh renderer each round, as a cold PDF function starts: browser start counts on both sides.
          const renderer = new ChromiumPdfRenderer({ executablePath: CHROMIUM });
          try {
            const t = performance.now();
            await renderer.render({ html: pdfHtml, pages: pdfPages.length });
            return pdfPages.length / ((performance.now() - t) / 1000);
          } finally {
            await renderer.close();
          }
        },
        chromium: async () => {
          const t = performance.now();
          const printed = await chromiumPrint(pdfHtml);
          const seconds = (performance.now() - t) / 1000;
          if (printed !== pdfPages.length) throw new Error(`static print has ${printed} pages`);
          return printed / seconds;
        },
      },
      onRound: (r, x) =>
        log(
          `PDF ronde ${r}: wij ${round(x.ours, 1)} pagina's/s, Chromium statisch ${round(x.chromium, 1)} pagina's/s`,
        ),
    });
    const pdfRatio = spread(ratios(pdf.ours, pdf.chromium));
    return {
      bench: 'letters',
      letters: pages.length,
      logo_bytes: branding.logo.length,
      rounds: ROUNDS,
      html_letters_per_s: spread(html.ours, 0),
      handlebars_letters_per_s: spread(html.handlebars, 0),
      peer_ratio: peerRatio,
      compose_ms: Math.round(composeMs),
      end_to_end_letters_per_s: Math.round(endToEndPerSecond),
      pdf_letters: PDF_LETTERS,
      pdf_rounds: PDF_ROUNDS,
      pdf_pages_per_s: spread(pdf.ours, 1),
      static_pdf_pages_per_s: spread(pdf.chromium, 1),
      pdf_ratio_to_static: pdfRatio,
    };
  },
};

export default bench;

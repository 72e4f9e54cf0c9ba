import { readFileSync } from 'node:fs';
import mjml2html from 'mjml';
import { ChromiumPdfRenderer } from '../functions/adapters/chromium-pdf/chromium-pdf-renderer.js';
import type { Address } from '../functions/core/letters/address.schema.js';
import { builtInTemplates } from '../functions/core/letters/built-in-templates.js';
import { composeLetters, type LetterPage } from '../functions/core/letters/compose.js';
import type { LetterBranding, LetterContent } from '../functions/core/letters/letter.schema.js';
import { escapeHtml } from '../functions/core/letters/merge.js';
import { printDocument } from '../functions/core/letters/print-document.js';
import { syntheticExtract } from './around/synthetic-extract.js';
import type { Benchmark } from './bench.js';

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

const branding: LetterBranding = {
  municipality: 'Voorbeeldstad',
  senderLine: 'Gemeente Voorbeeldstad',
  logo: `data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="160" height="40"><rect width="160" height="40" fill="#00689e"/></svg>').toString('base64')}`,
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

function lettersToHtml(addresses: readonly Address[]): { html: string; pages: number } {
  const pages = compose(addresses);
  return { html: printDocument(pages, builtInTemplates()), pages: pages.length };
}

/** The naive way: fill the MJML source per letter and run mjml2html for each. */
async function naiveLetter(source: string, page: LetterPage): Promise<string> {
  const filled = source
    .replace(/\{\{#(\w+)\}\}([\s\S]*?)\{\{\/\1\}\}/g, (_m, name: string, body: string) => {
      const list = page.fields[name];
      if (!Array.isArray(list)) return '';
      return list
        .map((item: string | Record<string, string>) =>
          body.replace(/\{\{([.\w]+)\}\}/g, (_f, key: string) =>
            escapeHtml(typeof item === 'string' ? item : (item[key] ?? '')),
          ),
        )
        .join('');
    })
    .replace(/\{\{(\w+)\}\}/g, (_m, key: string) => {
      const value = page.fields[key];
      return typeof value === 'string' ? escapeHtml(value) : '';
    });
  return (await mjml2html(filled, { minify: true })).html;
}

const bench: Benchmark = {
  name: 'letters',
  description:
    '700 en 10.000 geadresseerde brieven naar HTML, tegen één mjml2html per brief, en PDF-pagina’s per seconde voor 700 brieven',
  async run(log) {
    const all = syntheticExtract(12_000, 3)
      .filter((a) => a.residential)
      .slice(0, 10_000);
    const seven = all.slice(0, 700);
    lettersToHtml(all.slice(0, 50));

    let started = performance.now();
    const small = lettersToHtml(seven);
    log(
      `700 brieven naar HTML: ${(performance.now() - started).toFixed(0)} ms (${(small.html.length / 1e6).toFixed(1)} MB)`,
    );

    started = performance.now();
    const large = lettersToHtml(all);
    const htmlSeconds = (performance.now() - started) / 1000;
    const htmlPerSecond = large.pages / htmlSeconds;
    log(
      `${large.pages} brieven naar HTML: ${(htmlSeconds * 1000).toFixed(0)} ms, ${htmlPerSecond.toFixed(0)} brieven/s`,
    );

    const source = readFileSync(new URL('../templates/wijkbericht.mjml', import.meta.url), 'utf8');
    const sample = compose(seven.slice(0, 40));
    await naiveLetter(source, sample[0] as LetterPage);
    started = performance.now();
    for (const page of sample) await naiveLetter(source, page);
    const naivePerSecond = sample.length / ((performance.now() - started) / 1000);
    log(
      `naïef (mjml2html per brief, steekproef van ${sample.length}): ${naivePerSecond.toFixed(1)} brieven/s`,
    );

    const renderer = new ChromiumPdfRenderer();
    try {
      await renderer.render({ html: lettersToHtml(seven.slice(0, 5)).html, pages: 5 });
      started = performance.now();
      const pdf = await renderer.render({ html: small.html, pages: small.pages });
      const pdfSeconds = (performance.now() - started) / 1000;
      log(
        `PDF van ${small.pages} brieven: ${(pdfSeconds * 1000).toFixed(0)} ms, ${(pdf.byteLength / 1e6).toFixed(1)} MB`,
      );
      return {
        bench: 'letters',
        letters: large.pages,
        html_letters_per_s: Math.round(htmlPerSecond),
        naive_letters_per_s: Number(naivePerSecond.toFixed(1)),
        ratio: Math.round(htmlPerSecond / naivePerSecond),
        pdf_pages_per_s: Number((small.pages / pdfSeconds).toFixed(1)),
      };
    } finally {
      await renderer.close();
    }
  },
};

export default bench;

import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { type CountryCode, isSupportedCountry } from 'libphonenumber-js/max';
import { IngestPool } from '../../adapters/ingest-workers/ingest-pool.js';
import { readXlsx } from '../../adapters/xlsx/exceljs-workbook-reader.js';
import {
  type AnalyseOptions,
  analyseContactFiles,
  type ContactFile,
  type ContactsAnalysis,
  PhoneTypeSchema,
} from '../../core/contacts/index.js';
import type { CliIo } from '../io.js';

const USAGE = `Gebruik: perspectief contacts check BESTAND... [--region NL] [--allow-countries NL,BE|ALL] [--json] [--out ontvangers.csv]

Leest vCard-, CSV- en XLSX-bestanden met contacten, zonder server en zonder iets op te slaan, en meldt
hoeveel telefoonnummers er zijn gevonden, geldig, uniek en verstuurbaar.
  --region           standaardland voor nummers zonder landcode (standaard NL)
  --allow-countries  landen waarnaar verstuurd mag worden, komma-gescheiden, of ALL (standaard NL)
  --json             precies één JSON-object op stdout
  --out BESTAND      schrijf de verstuurbare nummers (E.164, gesorteerd, één per regel) naar BESTAND
`;

/** Above this many bytes in total the files are read on worker threads, and a progress bar is worth it. */
const PARALLEL_FROM_BYTES = 4 * 1024 * 1024;

/**
 * `perspectief contacts check FILE...`: the contact pipeline on files, for analysts and for testing.
 * Exit code 0 whenever at least one file could be read (row problems are in the report), 1 when none
 * could, 2 on wrong usage.
 */
export async function contactsCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'check') {
    io.stderr(sub === undefined || sub === '--help' ? USAGE : `Onbekend subcommando: ${sub}\n\n${USAGE}`);
    return sub === '--help' ? 0 : 2;
  }
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(rest);
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (positionals.length === 0) {
    io.stderr(`Geef minstens één bestand op.\n\n${USAGE}`);
    return 2;
  }
  const region = values.region.toUpperCase();
  if (!isSupportedCountry(region)) {
    io.stderr(`Onbekende regio: ${region}. Gebruik een landcode zoals NL of BE.\n`);
    return 2;
  }
  const allowCountries = parseCountries(values['allow-countries']);
  if (!allowCountries) {
    io.stderr('Ongeldige --allow-countries: gebruik landcodes zoals NL,BE,DE of ALL.\n');
    return 2;
  }

  const files: ContactFile[] = [];
  const missing: string[] = [];
  for (const path of positionals) {
    try {
      if (!(await stat(path)).isFile()) throw new Error('not a file');
      files.push({ name: basename(path), bytes: await readFile(path), source: basename(path) });
    } catch {
      missing.push(path);
    }
  }

  const totalBytes = files.reduce((sum, file) => sum + file.bytes.length, 0);
  const progress =
    io.interactive && !values.json && totalBytes >= PARALLEL_FROM_BYTES
      ? progressBar(
          io,
          files.reduce((sum, file) => sum + estimateRecords(file.bytes), 0),
        )
      : undefined;
  const options: AnalyseOptions = {
    region: region as CountryCode,
    allowCountries,
    onProgress: progress?.update,
  };
  const analysis = await analyse(files, options, totalBytes);
  progress?.done(analysis.files.reduce((sum, file) => sum + file.records, 0));
  for (const path of missing) {
    analysis.files.push({
      file: basename(path),
      source: basename(path),
      format: 'unreadable',
      records: 0,
      numbers: 0,
      problems: [{ line: null, reason: 'Bestand niet gevonden of niet leesbaar.' }],
      problems_omitted: 0,
    });
  }

  if (values.out) await writeFile(values.out, analysis.recipients.map((e164) => `${e164}\n`).join(''));
  io.stdout(values.json ? `${JSON.stringify(toJson(analysis))}\n` : report(analysis, values.out));
  const anyRead = analysis.files.some((file) => file.format !== 'unreadable');
  return anyRead ? 0 : 1;
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      region: { type: 'string', default: 'NL' },
      'allow-countries': { type: 'string', default: 'NL' },
      json: { type: 'boolean', default: false },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

function parseCountries(value: string): string[] | 'ALL' | undefined {
  if (value.trim().toUpperCase() === 'ALL') return 'ALL';
  const countries = value.split(',').map((c) => c.trim().toUpperCase());
  return countries.every((c) => /^[A-Z]{2}$/.test(c) && isSupportedCountry(c)) ? countries : undefined;
}

async function analyse(
  files: ContactFile[],
  options: AnalyseOptions,
  totalBytes: number,
): Promise<ContactsAnalysis> {
  if (files.length < 2 || totalBytes < PARALLEL_FROM_BYTES) {
    return analyseContactFiles(files, { ...options, workbooks: readXlsx });
  }
  const pool = new IngestPool({ size: Math.min(files.length, 2) });
  try {
    return await pool.analyse(files, options);
  } finally {
    await pool.close();
  }
}

/** The JSON the issue defines for `--json`: the report and the funnel, never the numbers themselves. */
function toJson(analysis: ContactsAnalysis) {
  return {
    files: analysis.files.map(({ file, format, records, numbers, problems, problems_omitted }) => ({
      file,
      format,
      records,
      numbers,
      problems,
      ...(problems_omitted > 0 ? { problems_omitted } : {}),
    })),
    numbers_found: analysis.numbers_found,
    valid: analysis.valid,
    unique: analysis.unique,
    sendable: analysis.sendable,
    by_type: analysis.by_type,
    excluded: analysis.excluded,
    fingerprint: analysis.fingerprint,
  };
}

const TYPE_LABELS: Record<string, string> = {
  MOBILE: 'mobiel',
  FIXED_LINE: 'vast',
  FIXED_LINE_OR_MOBILE: 'vast of mobiel',
  TOLL_FREE: 'gratis (0800)',
  PREMIUM_RATE: 'betaald (090x)',
  SHARED_COST: 'gedeelde kosten',
  VOIP: 'internetbellen (VoIP)',
  PERSONAL_NUMBER: 'persoonlijk nummer',
  PAGER: 'semafoon',
  UAN: 'bedrijfsnummer',
  VOICEMAIL: 'voicemail',
  M2M: 'machine (097)',
  UNKNOWN: 'geldig, soort onbekend',
  INVALID: 'ongeldig',
};

function n(value: number): string {
  return value.toLocaleString('nl-NL');
}

/** The readable Dutch report: per file, the funnel, types, exclusions, samples and the fingerprint. */
function report(analysis: ContactsAnalysis, out: string | undefined): string {
  const lines: string[] = ['Bestanden'];
  for (const file of analysis.files) {
    lines.push(`  ${file.file} (${file.format}): ${n(file.records)} records, ${n(file.numbers)} nummers`);
    for (const problem of file.problems) {
      const where =
        problem.line === null
          ? 'bestand'
          : `${problem.sheet ? `${problem.sheet} ` : ''}regel ${problem.line}`;
      lines.push(`    ${where}: ${problem.reason}`);
    }
    if (file.problems_omitted > 0) lines.push(`    … en nog ${n(file.problems_omitted)} meldingen`);
  }
  const width = Math.max(analysis.numbers_found, 1);
  const bar = (value: number): string => '█'.repeat(Math.round((value / width) * 30));
  lines.push('', 'Trechter');
  for (const [label, value] of [
    ['gevonden', analysis.numbers_found],
    ['geldig', analysis.valid],
    ['uniek', analysis.unique],
    ['verstuurbaar', analysis.sendable],
  ] as const) {
    lines.push(`  ${label.padEnd(13)}${n(value).padStart(10)}  ${bar(value)}`);
  }
  lines.push('', 'Soorten (unieke nummers; ongeldig: gevonden teksten)');
  for (const type of PhoneTypeSchema.options) {
    const count = analysis.by_type[type];
    if (count) lines.push(`  ${TYPE_LABELS[type]!.padEnd(24)}${n(count).padStart(10)}`);
  }
  lines.push(
    '',
    'Niet verstuurbaar',
    `  geen mobiel nummer        ${n(analysis.excluded.not_mobile).padStart(10)}`,
    `  land niet toegestaan      ${n(analysis.excluded.country_not_allowed).padStart(10)}`,
    `  ongeldig                  ${n(analysis.excluded.invalid).padStart(10)}`,
  );
  if (analysis.masked_samples.length > 0)
    lines.push('', `Voorbeelden: ${analysis.masked_samples.join(', ')}`);
  lines.push('', `Vingerafdruk ontvangers: ${analysis.fingerprint}`);
  if (out) lines.push(`${n(analysis.sendable)} verstuurbare nummers geschreven naar ${out}`);
  return `${lines.join('\n')}\n`;
}

/** Roughly how many records a file holds, for the progress bar only: cards in a vCard, else lines. */
function estimateRecords(bytes: Uint8Array): number {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const needle = buffer.includes('BEGIN:VCARD') ? 'BEGIN:VCARD' : '\n';
  let count = 0;
  for (let at = buffer.indexOf(needle); at >= 0; at = buffer.indexOf(needle, at + 1)) count++;
  return Math.max(count, 1);
}

function progressBar(
  io: CliIo,
  estimate: number,
): { update: (done: { records: number }) => void; done: (records: number) => void } {
  let drawn = -1;
  const draw = (records: number, share: number): void => {
    const filled = Math.round(share * 30);
    const percent = String(Math.floor(share * 100)).padStart(3);
    io.stderr(`\r  [${'█'.repeat(filled)}${'░'.repeat(30 - filled)}] ${percent}%  ${n(records)} records`);
  };
  return {
    update: ({ records }) => {
      // The estimate counts lines, so it can be a little off: never claim 100 % before the end.
      const share = Math.min(0.99, records / estimate);
      if (Math.floor(share * 100) === drawn) return;
      drawn = Math.floor(share * 100);
      draw(records, share);
    },
    done: (records) => {
      draw(records, 1);
      io.stderr('\n');
    },
  };
}

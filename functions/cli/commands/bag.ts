import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { BAG_SUBDIR, saveAddressSet } from '../../adapters/bag-file/address-store.js';
import { generateDemoNeighbourhood } from '../../adapters/bag-file/demo-neighbourhood.js';
import { importAddressFile } from '../../adapters/bag-file/parse-address-csv.js';
import { parseConfig } from '../../config.js';
import { isDomainError } from '../../core/errors.js';
import type { CliIo } from '../io.js';

const USAGE =
  'Gebruik: perspectief bag import BESTAND [--data-dir MAP]\n' +
  '         perspectief bag demo [--data-dir MAP]   (fictieve demowijk)\n' +
  'Zonder --data-dir: <PERSPECTIEF_DATA_DIR>/bag, de map die npm start leest.\n';

function progressBar(fraction: number, rows: number): string {
  const width = 30;
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(fraction * 100)).padStart(3)}%  ${rows.toLocaleString('nl-NL')} rijen`;
}

/**
 * `perspectief bag import FILE [--data-dir DIR]`: imports a BAG address file (NLExtract bagadres or any
 * address CSV) and replaces the stored set; `bag demo` stores the fictitious demo neighbourhood instead.
 */
export async function bagCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  let parsed: { values: { 'data-dir'?: string }; positionals: string[] };
  try {
    parsed = parseArgs({
      args: rest,
      options: { 'data-dir': { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    io.stderr(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const dataDir =
    parsed.values['data-dir'] ?? join(parseConfig(process.env).PERSPECTIEF_DATA_DIR, BAG_SUBDIR);
  if (sub !== 'import' && sub !== 'demo') {
    io.stderr(USAGE);
    return 2;
  }
  if (sub === 'demo') {
    const addresses = generateDemoNeighbourhood();
    await saveAddressSet(dataDir, addresses, { source: 'demo', importedAt: new Date(), demo: true });
    io.stderr(`Fictieve demowijk opgeslagen: ${addresses.length} adressen.\n`);
    return 0;
  }
  const [file] = parsed.positionals;
  if (!file || parsed.positionals.length !== 1) {
    io.stderr(USAGE);
    return 2;
  }
  try {
    const result = await importAddressFile(file, {
      onProgress: io.interactive ? (p) => io.stderr(progressBar(p.bytes / p.totalBytes, p.rows)) : undefined,
    });
    if (io.interactive) io.stderr(`${progressBar(1, result.rows)}\n`);
    for (const error of result.errors.slice(0, 20)) {
      io.stderr(`regel ${error.line}${error.column ? ` (${error.column})` : ''}: ${error.reason}\n`);
    }
    if (result.errorCount > 20) io.stderr(`… en nog ${result.errorCount - 20} fouten.\n`);
    if (result.addresses.length === 0) {
      io.stderr('Geen enkel geldig adres gevonden; de bestaande adressen blijven staan.\n');
      return 1;
    }
    await saveAddressSet(dataDir, result.addresses, { source: basename(file), importedAt: new Date() });
    const residential = result.addresses.filter((a) => a.residential).length;
    io.stderr(
      `${result.addresses.length} adressen geïmporteerd (${residential} met woonfunctie), ${result.errorCount} rij(en) overgeslagen. De vorige set is vervangen.\n`,
    );
    return 0;
  } catch (error) {
    if (isDomainError(error)) {
      io.stderr(`${error.userMessage}\n`);
      return 1;
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      io.stderr('Het bestand bestaat niet.\n');
      return 1;
    }
    throw error;
  }
}

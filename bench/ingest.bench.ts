import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { IngestPool } from '../functions/adapters/ingest-workers/ingest-pool.js';
import { applyExclusions, keyedHash } from '../functions/core/contacts/index.js';
import type { Benchmark } from './bench.js';
import { generateUpload } from './ingest/generate.js';

const ROWS = 1_000_000;
const FILES = 8;
const SEED = 20_240_917;
const KEY = new TextEncoder().encode('benchmark-platform-secret');

/**
 * Issue 3's ingest target: a million generated rows through the whole pipeline (file parsing, extraction,
 * normalisation on worker threads, dedupe, fingerprint, keyed hashing against the exclusion lists),
 * compared with a bare single-threaded libphonenumber loop over the same number strings in the same run.
 */
const bench: Benchmark = {
  name: 'ingest',
  description: `${ROWS.toLocaleString('nl-NL')} rijen (vCard en CSV, 30 % dubbel, 2 % rommel) door de hele pijplijn, tegen een kale libphonenumber-lus`,
  async run(log) {
    const upload = generateUpload(ROWS, FILES, SEED);
    const megabytes = upload.files.reduce((sum, file) => sum + file.bytes.length, 0) / 2 ** 20;
    log(`gegenereerd: ${upload.files.length} bestanden, ${megabytes.toFixed(1)} MB`);

    // The pipeline runs first, so its peak memory is not stacked on the reference's million strings.
    const start = performance.now();
    const pool = new IngestPool({ size: 2 });
    const analysis = await pool
      .analyse(upload.files, { allowCountries: ['NL', 'BE', 'DE'] })
      .finally(() => pool.close());
    const analysed = performance.now();
    log(`analyse (2 threads, incl. start): ${((analysed - start) / 1000).toFixed(2)} s`);
    const every = (n: number) =>
      new Set(analysis.recipients.filter((_, i) => i % n === 0).map((e) => keyedHash(e, KEY)));
    const lists = { doNotContact: every(97), optOut: every(89), recentlyMessaged: every(53) };
    const listsBuilt = performance.now();
    const exclusions = applyExclusions(analysis.recipients, lists, KEY);
    const seconds = (performance.now() - start - (listsBuilt - analysed)) / 1000;
    const peakRss = process.resourceUsage().maxRSS / 1024;
    const records = analysis.files.reduce((sum, file) => sum + file.records, 0);
    log(
      `pijplijn: ${seconds.toFixed(2)} s; ${records} records, gevonden ${analysis.numbers_found}, uniek ${analysis.unique}, ` +
        `verstuurbaar ${analysis.sendable}, na uitsluitingen ${exclusions.remaining.length}; piekgeheugen ${Math.round(peakRss)} MB`,
    );

    const numbers = upload.numbers.split('\n');
    let typed = 0;
    const referenceStart = performance.now();
    for (const number of numbers) {
      if (parsePhoneNumberFromString(number, 'NL')?.getType()) typed++;
    }
    const referenceSeconds = (performance.now() - referenceStart) / 1000;
    log(`referentie: ${referenceSeconds.toFixed(2)} s (${typed} nummers met een soort)`);

    const rowsPerSecond = Math.round(ROWS / seconds);
    const referenceRowsPerSecond = Math.round(ROWS / referenceSeconds);
    return {
      bench: 'ingest',
      rows: ROWS,
      rows_per_s: rowsPerSecond,
      reference_rows_per_s: referenceRowsPerSecond,
      ratio: Number((rowsPerSecond / referenceRowsPerSecond).toFixed(2)),
      peak_rss_mb: Math.round(peakRss),
    };
  },
};

export default bench;

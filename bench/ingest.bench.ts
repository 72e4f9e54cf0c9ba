import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { localTableNames } from '../functions/adapters/dynamodb/tables.js';
import { IngestPool } from '../functions/adapters/ingest-workers/ingest-pool.js';
import { createCampaignFromBlueprint } from '../functions/app/campaigns.js';
import { uploadContactFiles } from '../functions/app/contact-files.js';
import { applyExclusions, keyedHash } from '../functions/core/contacts/index.js';
import { startLocalRuntime } from '../functions/local/runtime.js';
import { localDocumentClient } from '../functions/wiring/local.js';
import { adviserActing } from '../test/fixtures/purge-builders.js';
import { aCase } from '../test/fixtures/sms-builders.js';
import { type Benchmark, interleaved, ratios, round, spread } from './bench.js';
import type { GeneratedUpload } from './ingest/generate.js';
import { phoneExport } from './ingest/phone-export.js';

const ROWS = 1_000_000;
const FILES = 8;
const SEED = 20_240_917;
const KEY = new TextEncoder().encode('benchmark-platform-secret');
/** The real upload path: one large case, ten phones, one vCard export each. */
const CASE_ROWS = envNumber('INGEST_CASE_ROWS', 200_000);
const CASE_UNIQUE = envNumber('INGEST_CASE_UNIQUE', Math.round(CASE_ROWS / 4));
const CASE_PHONES = 10;
/** Measured rounds after the warm-up round, as the harness's other figures. */
const CASE_ROUNDS = envNumber('INGEST_CASE_ROUNDS', 5);
/** `INGEST_REAL_ONLY=1` skips the million-row pipeline part (to look at the upload path on its own). */
const REAL_ONLY = process.env.INGEST_REAL_ONLY === '1';

/** A size knob for a quick look at where the time goes; the recorded figures use the defaults. */
function envNumber(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer`);
  return n;
}

/**
 * Issue 3's ingest target: a million generated rows through the whole pipeline (file parsing, extraction,
 * normalisation on worker threads, dedupe, fingerprint, keyed hashing against the exclusion lists),
 * compared with a bare single-threaded libphonenumber loop over the same number strings in the same run.
 */
const bench: Benchmark = {
  name: 'ingest',
  description: `${ROWS.toLocaleString('nl-NL')} rijen (vCard en CSV, 30 % dubbel, 2 % rommel) door de hele pijplijn, tegen een kale libphonenumber-lus`,
  async run(log) {
    if (REAL_ONLY) return { bench: 'ingest', ...(await realUploadPath(log)) };
    const upload = generatedUpload();
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
    const real = await realUploadPath(log);
    return {
      bench: 'ingest',
      rows: ROWS,
      rows_per_s: rowsPerSecond,
      reference_rows_per_s: referenceRowsPerSecond,
      ratio: Number((rowsPerSecond / referenceRowsPerSecond).toFixed(2)),
      peak_rss_mb: Math.round(peakRss),
      ...real,
    };
  },
};

/**
 * The path users run: ten phone exports of one large case uploaded one phone at a time through the upload use
 * case on the embedded DynamoDB (reading, extraction stored per file, the recipient set rebuilt after each),
 * against the bare work in the same run: a single-threaded libphonenumber parse of the same rows and a raw
 * BatchWriteItem of the same unique recipients on the same server. Rounds alternate between the two.
 */
async function realUploadPath(log: (line: string) => void): Promise<Record<string, unknown>> {
  const upload = phoneExport(CASE_ROWS, CASE_UNIQUE, CASE_PHONES, SEED);
  const megabytes = upload.files.reduce((sum, f) => sum + f.bytes.length, 0) / 2 ** 20;
  log(
    `zaak: ${CASE_PHONES} telefoons, ${CASE_ROWS} nummers (${CASE_UNIQUE} uniek), ${megabytes.toFixed(1)} MB vCard met foto's en notities`,
  );
  const runtime = await startLocalRuntime({ logLevel: 'ERROR' });
  const { deps } = runtime;
  const doc = localDocumentClient(runtime.endpoint);
  const recipientsTable = localTableNames('perspectief-').recipients;
  try {
    await deps.cases.create(aCase({ id: 'case-bench' }));
    let n = 0;
    let unique = 0;
    const real = async () => {
      const campaign = await createCampaignFromBlueprint(deps, adviserActing, {
        caseId: 'case-bench',
        blueprintId: 'sms-bom-straathandel',
        name: `Benchmark ${++n}`,
      });
      const started = performance.now();
      let last: Awaited<ReturnType<typeof uploadContactFiles>> | undefined;
      for (const file of upload.files)
        last = await uploadContactFiles(deps, adviserActing, campaign.id, {
          source: file.source,
          files: [file],
        });
      const seconds = (performance.now() - started) / 1000;
      unique = await deps.recipients.count(campaign.id);
      void last;
      // Untimed: the round's items leave the server, so later rounds do not run against a store grown by
      // earlier ones (the in-memory LevelDB and its heap), which made each round slower than the last.
      for (const u of await deps.contactUploads.list(campaign.id))
        await deps.contactUploads.remove(campaign.id, u.id);
      await deps.recipients.replace(campaign.id, []);
      return CASE_ROWS / seconds;
    };
    const reference = async () => {
      const started = performance.now();
      const e164s = new Set<string>();
      for (const number of upload.numbers) {
        const parsed = parsePhoneNumberFromString(number, 'NL');
        if (parsed?.isValid()) e164s.add(parsed.number);
      }
      const pk = `CAMPAIGN#reference-${++n}`;
      const items = [...e164s].map((e164) => ({
        pk,
        sk: `R#${keyedHash(e164, KEY).slice(0, 32)}`,
        campaignId: pk,
        id: keyedHash(e164, KEY).slice(0, 32),
        e164,
        sources: 1,
        variantId: null,
        status: 'pending',
        statusKey: `${pk}#pending`,
      }));
      for (let i = 0; i < items.length; i += 25) {
        await doc.send(
          new BatchWriteCommand({
            RequestItems: {
              [recipientsTable]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })),
            },
          }),
        );
      }
      const rate = CASE_ROWS / ((performance.now() - started) / 1000);
      // Untimed, as for the upload path: the round's items leave the server.
      for (let i = 0; i < items.length; i += 25) {
        await doc.send(
          new BatchWriteCommand({
            RequestItems: {
              [recipientsTable]: items
                .slice(i, i + 25)
                .map(({ pk, sk }) => ({ DeleteRequest: { Key: { pk, sk } } })),
            },
          }),
        );
      }
      return rate;
    };
    const rates = await interleaved({
      rounds: CASE_ROUNDS,
      contestants: { reference, real },
      onRound: (r, x) =>
        log(
          `ronde ${r}: upload-pad ${Math.round(x.real)} rijen/s, referentie ${Math.round(x.reference)} rijen/s`,
        ),
    });
    if (unique !== CASE_UNIQUE)
      throw new Error(`the upload path found ${unique} recipients, not ${CASE_UNIQUE}`);
    return {
      case_rows: CASE_ROWS,
      case_unique: CASE_UNIQUE,
      case_phones: CASE_PHONES,
      case_megabytes: round(megabytes, 1),
      case_rounds: CASE_ROUNDS,
      real_path_rows_per_s: spread(rates.real, 0),
      real_path_reference_rows_per_s: spread(rates.reference, 0),
      real_path_ratio: spread(ratios(rates.real, rates.reference)),
    };
  } finally {
    doc.destroy();
    await runtime.close();
  }
}

/**
 * The seeded upload, generated by a child process and read back as bytes, as an upload arrives: the
 * generator's garbage stays out of this process, so peak RSS is the pipeline's and its input's.
 */
function generatedUpload(): GeneratedUpload {
  const dir = mkdtempSync(join(tmpdir(), 'perspectief-ingest-bench-'));
  try {
    const script = fileURLToPath(new URL('./ingest/generate-files.ts', import.meta.url));
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', script, dir, `${ROWS}`, `${FILES}`, `${SEED}`],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    if (child.status !== 0) throw new Error(`generating the upload failed (exit ${child.status})`);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
      name: string;
      source: string;
    }[];
    return {
      files: manifest.map(({ name, source }) => ({
        name,
        source,
        bytes: new Uint8Array(readFileSync(join(dir, name))),
      })),
      numbers: readFileSync(join(dir, 'numbers.txt'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export default bench;

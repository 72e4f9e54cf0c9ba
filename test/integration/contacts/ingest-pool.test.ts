import { describe, expect, it } from 'vitest';
import { generateUpload } from '../../../bench/ingest/generate.js';
import { IngestPool } from '../../../functions/adapters/ingest-workers/ingest-pool.js';
import type { ContactFile } from '../../../functions/core/contacts/index.js';
import { analyseContactFiles } from '../../../functions/core/contacts/index.js';
import { isDomainError } from '../../../functions/core/errors.js';
import { ALL_FIXTURES, fixture } from '../../unit/contacts/builders.js';

describe('IngestPool', () => {
  it('starts worker threads and gives exactly the result of the single-threaded analysis', async () => {
    // Prepare
    const files = ALL_FIXTURES.map((name, i) => fixture(name, `telefoon ${(i % 3) + 1}`));
    const options = { allowCountries: ['NL', 'BE'] };
    const pool = new IngestPool({ size: 2 });
    const progress: number[] = [];

    // Act
    const parallel = await pool
      .analyse(files, { ...options, onProgress: ({ records }) => progress.push(records) })
      .finally(() => pool.close());
    const single = await analyseContactFiles(files, options);

    // Assess
    expect(parallel).toEqual(single);
    expect(progress.at(-1)).toBe(single.files.reduce((sum, f) => sum + f.records, 0));
  });

  it('fails with an unavailable error when a worker cannot start, instead of hanging', async () => {
    const pool = new IngestPool({ size: 1, workerUrl: new URL('./does-not-exist.ts', import.meta.url) });

    const error = await pool.analyse([fixture('headerless-list.csv')]).then(
      () => undefined,
      (e: unknown) => e,
    );
    await pool.close();

    expect(isDomainError(error) && error.kind).toBe('unavailable');
  });
});

describe('the fast analysis', () => {
  const upload = generateUpload(4_000, 6, 20_240_917);
  const files: ContactFile[] = upload.files.map((file, i) => ({
    ...file,
    source: `telefoon ${(i % 3) + 1}`,
  }));
  const options = { allowCountries: ['NL', 'BE', 'DE'] };

  it('gives the same analysis on worker threads', async () => {
    const pool = new IngestPool({ size: 2 });

    const parallel = await pool.analyse(files, options).finally(() => pool.close());

    expect(parallel).toEqual(await analyseContactFiles(files, options));
  });
});

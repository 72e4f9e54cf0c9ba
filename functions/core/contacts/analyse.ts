import type { CountryCode } from 'libphonenumber-js/max';
import { ContactsAccumulator } from './combine.js';
import { type AnalyseOptions, type ContactsAnalysis, DEFAULT_REGION } from './contacts.schema.js';
import { type ContactFile, extractContactFile } from './extract-file.js';
import { Normaliser } from './normalise.js';

export { ContactsAccumulator, combineExtractions } from './combine.js';

/**
 * Reads every file of an upload and returns the report, the funnel and the numbers, in one thread.
 * Why: the domain core must work on its own (tests, small uploads, the CLI); the worker pool in
 * adapters/ingest-workers runs the same `extractContactFile` per file and the same `combineExtractions`.
 */
export async function analyseContactFiles(
  files: readonly ContactFile[],
  options: AnalyseOptions = {},
): Promise<ContactsAnalysis> {
  const normaliser = new Normaliser(options.region ?? (DEFAULT_REGION as CountryCode));
  const accumulator = new ContactsAccumulator(files.length, options);
  let records = 0;
  for (const [i, file] of files.entries()) {
    accumulator.add(
      i,
      await extractContactFile(file, normaliser, {
        maxFileBytes: options.maxFileBytes,
        maxRows: options.maxRows,
        workbooks: options.workbooks,
        onRecords: (n) => {
          records += n;
          if (n > 0) options.onProgress?.({ records });
        },
      }),
    );
  }
  return accumulator.finish();
}

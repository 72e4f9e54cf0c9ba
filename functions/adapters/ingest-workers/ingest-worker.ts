import { parentPort } from 'node:worker_threads';
import type { CountryCode } from 'libphonenumber-js/max';
import { type ContactFile, extractContactFile, Normaliser } from '../../core/contacts/index.js';
import { readXlsx } from '../xlsx/exceljs-workbook-reader.js';

/** A request to the worker: one file to extract. */
export interface ExtractRequest {
  id: number;
  file: ContactFile;
  region: CountryCode;
  maxFileBytes?: number;
  maxRows?: number;
}

/** What the worker answers: progress while reading, then the extraction or an unexpected failure. */
export type WorkerMessage =
  | { id: number; kind: 'progress'; records: number }
  | { id: number; kind: 'done'; extraction: Awaited<ReturnType<typeof extractContactFile>> }
  | { id: number; kind: 'failed'; message: string };

const normalisers = new Map<string, Normaliser>();

// One normaliser per region per worker: its cache carries over between files, where repeats are common.
function normaliserFor(region: CountryCode): Normaliser {
  let normaliser = normalisers.get(region);
  if (!normaliser) {
    normaliser = new Normaliser(region);
    normalisers.set(region, normaliser);
  }
  return normaliser;
}

parentPort?.on('message', async (request: ExtractRequest) => {
  const post = (message: WorkerMessage): void => parentPort!.postMessage(message);
  try {
    const extraction = await extractContactFile(request.file, normaliserFor(request.region), {
      maxFileBytes: request.maxFileBytes,
      maxRows: request.maxRows,
      workbooks: readXlsx,
      onRecords: (records) => post({ id: request.id, kind: 'progress', records }),
    });
    post({ id: request.id, kind: 'done', extraction });
  } catch (error) {
    post({ id: request.id, kind: 'failed', message: error instanceof Error ? error.name : 'unknown' });
  }
});

import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CountryCode } from 'libphonenumber-js/max';
import {
  type AnalyseOptions,
  type ContactFile,
  ContactsAccumulator,
  type ContactsAnalysis,
  DEFAULT_REGION,
  type FileExtraction,
} from '../../core/contacts/index.js';
import { UnavailableError } from '../../core/errors.js';
import type { ExtractRequest, WorkerMessage } from './ingest-worker.js';

export interface IngestPoolOptions {
  /** Worker threads; default: the machine's available parallelism. */
  size?: number;
  /** The worker module; default the TypeScript file beside this one, loaded with tsx. */
  workerUrl?: URL;
}

/**
 * Heap limits per worker: room for one 50 MB file decoded as UTF-16 text and its numbers, while a small
 * young generation keeps the garbage of millions of short parses from piling up in memory.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 256 };

interface Job {
  request: ExtractRequest;
  onRecords: (records: number) => void;
  resolve: (extraction: FileExtraction) => void;
  reject: (error: Error) => void;
}

/**
 * Reads the files of an upload on worker threads, one file per worker at a time, then merges in upload
 * order with the core's `mergeExtractions`, so the result equals `analyseContactFiles`.
 * Why: libphonenumber's parsing is the cost of an upload; with both cores busy a million rows take about
 * half as long. Workers stay alive between analyses until `close()`.
 */
export class IngestPool {
  private readonly size: number;
  private readonly workerUrl: URL;
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly queue: Job[] = [];
  private readonly running = new Map<number, { job: Job; worker: Worker }>();
  private nextId = 0;
  private closed = false;

  constructor(options: IngestPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? availableParallelism());
    this.workerUrl = options.workerUrl ?? new URL('./ingest-worker.ts', import.meta.url);
  }

  /** Same contract as `analyseContactFiles`, on the pool's threads. */
  async analyse(files: readonly ContactFile[], options: AnalyseOptions = {}): Promise<ContactsAnalysis> {
    let records = 0;
    const onRecords = (n: number): void => {
      records += n;
      if (n > 0) options.onProgress?.({ records });
    };
    // Largest files first, so one big file does not start last and keep the other thread idle.
    const order = files
      .map((file, i) => ({ file, i }))
      .sort((a, b) => b.file.bytes.length - a.file.bytes.length);
    // Each extraction is merged as soon as it arrives, while the workers read the next files.
    const accumulator = new ContactsAccumulator(files.length, options);
    await Promise.all(
      order.map(async ({ file, i }) => {
        const extraction = await this.extract(
          {
            id: this.nextId++,
            file,
            region: options.region ?? (DEFAULT_REGION as CountryCode),
            maxFileBytes: options.maxFileBytes,
            maxRows: options.maxRows,
          },
          onRecords,
        );
        accumulator.add(i, extraction);
      }),
    );
    return accumulator.finish();
  }

  /** Stops every worker; the pool cannot be used afterwards. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.all.map((worker) => worker.terminate()));
    this.all.length = 0;
    this.idle.length = 0;
  }

  private extract(request: ExtractRequest, onRecords: (records: number) => void): Promise<FileExtraction> {
    if (this.closed) return Promise.reject(new Error('ingest pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ request, onRecords, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const worker = this.idle.pop() ?? (this.all.length < this.size ? this.spawn() : undefined);
      if (!worker) return;
      const job = this.queue.shift()!;
      this.running.set(job.request.id, { job, worker });
      worker.postMessage(job.request);
    }
  }

  private spawn(): Worker {
    const worker = new Worker(
      this.workerUrl.pathname.endsWith('.ts') ? typescriptBootstrap(this.workerUrl) : this.workerUrl,
      { resourceLimits: WORKER_LIMITS },
    );
    this.all.push(worker);
    worker.on('message', (message: WorkerMessage) => {
      const running = this.running.get(message.id);
      if (!running) return;
      if (message.kind === 'progress') {
        running.job.onRecords(message.records);
        return;
      }
      this.running.delete(message.id);
      this.idle.push(worker);
      if (message.kind === 'done') running.job.resolve(message.extraction);
      else running.job.reject(failure(`worker failed: ${message.message}`));
      this.pump();
    });
    worker.on('error', (error: Error) => this.lose(worker, error));
    worker.on('exit', (code) => {
      if (!this.closed) this.lose(worker, new Error(`worker exited with code ${code}`));
    });
    return worker;
  }

  /** A worker died: fail its job, forget the worker, and let the queue start a fresh one. */
  private lose(worker: Worker, cause: Error): void {
    const index = this.all.indexOf(worker);
    if (index < 0) return;
    this.all.splice(index, 1);
    const idleAt = this.idle.indexOf(worker);
    if (idleAt >= 0) this.idle.splice(idleAt, 1);
    for (const [id, running] of this.running) {
      if (running.worker !== worker) continue;
      this.running.delete(id);
      running.job.reject(failure(cause.message, cause));
    }
    this.pump();
  }
}

/**
 * A TypeScript worker needs tsx inside its own thread: Node 20 does not pass `--import tsx` on to workers,
 * so a one-line ES module registers tsx's loader in the thread and then imports the worker file.
 */
function typescriptBootstrap(workerUrl: URL): URL {
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(
    /\.cjs$/,
    '.mjs',
  );
  const source = `const { register } = await import(${JSON.stringify(tsxApi)}); register(); await import(${JSON.stringify(workerUrl.href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(source)}`);
}

function failure(message: string, cause?: unknown): UnavailableError {
  return new UnavailableError(message, {
    userMessage: 'Het verwerken van de contactbestanden is mislukt; probeer het opnieuw.',
    cause,
  });
}

/** One-shot convenience: a pool for one analysis, closed afterwards. */
export async function analyseContactFilesInParallel(
  files: readonly ContactFile[],
  options: AnalyseOptions = {},
  poolOptions: IngestPoolOptions = {},
): Promise<ContactsAnalysis> {
  const pool = new IngestPool({
    ...poolOptions,
    size: Math.min(poolOptions.size ?? availableParallelism(), Math.max(1, files.length)),
  });
  try {
    return await pool.analyse(files, options);
  } finally {
    await pool.close();
  }
}

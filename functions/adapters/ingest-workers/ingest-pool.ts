import { createHash } from 'node:crypto';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { threadId, Worker } from 'node:worker_threads';
import type { CountryCode } from 'libphonenumber-js/max';
import { ContactLimitError } from '../../core/contacts/contacts.errors.js';
import {
  type AnalyseOptions,
  type ContactFile,
  ContactsAccumulator,
  type ContactsAnalysis,
  DEFAULT_REGION,
  type FileExtraction,
} from '../../core/contacts/index.js';
import type { ContactFileReader } from '../../core/contacts/ports.js';
import { UnavailableError } from '../../core/errors.js';
import type { ExtractRequest, WorkerMessage } from './ingest-worker.js';

export interface IngestPoolOptions {
  /** Worker threads; default: the machine's available parallelism. */
  size?: number;
  /**
   * The worker module. Default: `ingest-worker.js` beside this module when it runs as JavaScript (a build
   * or bundle); when it runs as TypeScript, the worker is bundled once per process with esbuild into a
   * plain JavaScript file, so threads start without a TypeScript loader. A `.ts` URL is loaded with tsx.
   */
  workerUrl?: URL;
  /** Old-generation heap limit per worker in MB; default 256. */
  maxWorkerHeapMb?: number;
  /**
   * How long one file may take; a worker still reading it then is stopped and the file reported as too
   * slow to read. Default: no limit (the command line reads whatever it is given).
   */
  fileTimeoutMs?: number;
}

/**
 * Heap limits per worker: room for one 50 MB file decoded as UTF-16 text and its numbers, while a small
 * young generation keeps the garbage of millions of short parses from piling up in memory.
 */
const WORKER_HEAP_MB = 256;
const WORKER_YOUNG_MB = 16;

interface Job {
  request: ExtractRequest;
  onRecords: (records: number) => void;
  resolve: (extraction: FileExtraction) => void;
  reject: (error: Error) => void;
}

/**
 * Reads the files of an upload on worker threads, one file per worker at a time, then combines in upload
 * order with the core's `combineExtractions`, so the result equals `analyseContactFiles`.
 * Why: libphonenumber's parsing is the cost of an upload; with both cores busy a million rows take about
 * half as long. Workers stay alive between analyses until `close()`.
 */
export class IngestPool implements ContactFileReader {
  private readonly size: number;
  private readonly workerUrl: URL | undefined;
  private readonly limits: { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number };
  private script: Promise<URL> | undefined;
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly queue: Job[] = [];
  private readonly running = new Map<
    number,
    { job: Job; worker: Worker; timer: ReturnType<typeof setTimeout> | undefined }
  >();
  private nextId = 0;
  private closed = false;
  private readonly fileTimeoutMs: number | undefined;

  constructor(options: IngestPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? availableParallelism());
    this.workerUrl = options.workerUrl;
    this.fileTimeoutMs = options.fileTimeoutMs;
    this.limits = {
      maxOldGenerationSizeMb: options.maxWorkerHeapMb ?? WORKER_HEAP_MB,
      maxYoungGenerationSizeMb: WORKER_YOUNG_MB,
    };
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
    // Each extraction is combined as soon as it arrives, while the workers read the next files.
    const accumulator = new ContactsAccumulator(files.length, options);
    await Promise.all(
      order.map(async ({ file, i }) => {
        const extraction = await this.run(
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

  /**
   * Reads one file on a worker thread, so the calling thread keeps answering requests meanwhile. A file that
   * takes longer than the pool's time budget, or more memory than a worker has, is not an error of the
   * platform: it rejects with `ContactLimitError`, whose Dutch message says which budget it exceeded.
   */
  extract(
    file: ContactFile,
    options: { region?: string; maxFileBytes?: number; maxRows?: number } = {},
  ): Promise<FileExtraction> {
    return this.run(
      {
        id: this.nextId++,
        file,
        region: (options.region ?? DEFAULT_REGION) as CountryCode,
        maxFileBytes: options.maxFileBytes,
        maxRows: options.maxRows,
      },
      () => {},
    );
  }

  /** Stops every worker; the pool cannot be used afterwards. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.all.map((worker) => worker.terminate()));
    this.all.length = 0;
    this.idle.length = 0;
  }

  private async run(request: ExtractRequest, onRecords: (records: number) => void): Promise<FileExtraction> {
    if (this.closed) throw new Error('ingest pool is closed');
    this.script ??= this.workerUrl ? Promise.resolve(this.workerUrl) : defaultWorkerScript();
    const script = await this.script;
    return new Promise((resolve, reject) => {
      this.queue.push({ request, onRecords, resolve, reject });
      this.pump(script);
    });
  }

  private pump(script: URL): void {
    while (this.queue.length > 0) {
      const worker = this.idle.pop() ?? (this.all.length < this.size ? this.spawn(script) : undefined);
      if (!worker) return;
      const job = this.queue.shift()!;
      const timer =
        this.fileTimeoutMs === undefined
          ? undefined
          : setTimeout(() => this.lose(worker, new FileTimeout(), script), this.fileTimeoutMs);
      timer?.unref();
      this.running.set(job.request.id, { job, worker, timer });
      worker.postMessage(job.request);
    }
  }

  private spawn(script: URL): Worker {
    const worker = new Worker(script.pathname.endsWith('.ts') ? typescriptBootstrap(script) : script, {
      resourceLimits: this.limits,
    });
    this.all.push(worker);
    worker.on('message', (message: WorkerMessage) => {
      const running = this.running.get(message.id);
      if (!running) return;
      if (message.kind === 'progress') {
        running.job.onRecords(message.records);
        return;
      }
      this.running.delete(message.id);
      clearTimeout(running.timer);
      this.idle.push(worker);
      if (message.kind === 'done') running.job.resolve(message.extraction);
      else running.job.reject(failure(`worker failed: ${message.message}`));
      this.pump(script);
    });
    worker.on('error', (error: Error) => this.lose(worker, error, script));
    worker.on('exit', (code) => {
      if (!this.closed) this.lose(worker, new Error(`worker exited with code ${code}`), script);
    });
    return worker;
  }

  /** A worker died: fail its job, forget the worker, and let the queue start a fresh one. */
  private lose(worker: Worker, cause: Error, script: URL): void {
    const index = this.all.indexOf(worker);
    if (index < 0) return;
    this.all.splice(index, 1);
    const idleAt = this.idle.indexOf(worker);
    if (idleAt >= 0) this.idle.splice(idleAt, 1);
    for (const [id, running] of this.running) {
      if (running.worker !== worker) continue;
      this.running.delete(id);
      clearTimeout(running.timer);
      running.job.reject(budgetExceeded(cause, this.fileTimeoutMs) ?? failure(cause.message, cause));
    }
    // A worker stopped for its time budget is still running: end it, and free its memory with it.
    if (cause instanceof FileTimeout) void worker.terminate();
    this.pump(script);
  }
}

let bundled: Promise<URL> | undefined;

/**
 * The worker as plain JavaScript. Beside a built module it is `ingest-worker.js`; from TypeScript sources
 * (tests, benchmarks, the CLI under tsx) esbuild bundles it once per process into a file in the temporary
 * directory whose package imports point at this project's node_modules. A thread then starts with plain Node: no
 * TypeScript loader, no transpiling per thread, and a fraction of the memory.
 */
function defaultWorkerScript(): Promise<URL> {
  if (!import.meta.url.endsWith('.ts'))
    return Promise.resolve(new URL('./ingest-worker.js', import.meta.url));
  // esbuild is a development dependency: without it the TypeScript worker runs under tsx, as it always could.
  bundled ??= bundleWorker().catch(() => new URL('./ingest-worker.ts', import.meta.url));
  return bundled;
}

async function bundleWorker(): Promise<URL> {
  const { build } = await import('esbuild');
  const require = createRequire(import.meta.url);
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./ingest-worker.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
    plugins: [
      {
        name: 'packages-from-this-project',
        setup(esbuild) {
          // Packages stay outside the bundle, imported by absolute URL so the temporary file finds them.
          esbuild.onResolve({ filter: /^[^./]/ }, (args) => {
            if (args.path.startsWith('node:')) return { path: args.path, external: true };
            let path: string;
            try {
              path = import.meta.resolve(args.path);
            } catch {
              path = pathToFileURL(require.resolve(args.path)).href;
            }
            return { path, external: true };
          });
        },
      },
    ],
  });
  const code = result.outputFiles[0]!.contents;
  // Named by content: every process of this version shares one file, and nothing piles up in tmp.
  const file = join(
    tmpdir(),
    `perspectief-ingest-worker-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`,
  );
  if (!existsSync(file)) {
    const partial = `${file}.${process.pid}.${threadId}.tmp`;
    writeFileSync(partial, code);
    renameSync(partial, file);
  }
  return pathToFileURL(file);
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

/** The time budget of a file ran out. */
class FileTimeout extends Error {
  constructor() {
    super('file took longer than its time budget');
  }
}

/** A worker lost to a budget, as the domain error the person reads; undefined for any other loss. */
function budgetExceeded(cause: Error, timeoutMs: number | undefined): ContactLimitError | undefined {
  if (cause instanceof FileTimeout) {
    return new ContactLimitError('contact file exceeded its time budget', {
      userMessage: `Het lezen van dit bestand duurde langer dan ${Math.round((timeoutMs ?? 0) / 1000)} seconden; het is niet verwerkt. Splits het bestand of controleer of het een contactlijst is.`,
      context: { timeoutMs },
    });
  }
  if ((cause as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return new ContactLimitError('contact file exceeded its memory budget', {
      userMessage:
        'Het lezen van dit bestand vroeg meer geheugen dan een contactlijst mag gebruiken; het is niet verwerkt. Splits het bestand of controleer of het een contactlijst is.',
    });
  }
  return undefined;
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

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AddressIndex } from '../adapters/bag-file/address-index.js';
import { BAG_SUBDIR, loadAddressSource } from '../adapters/bag-file/address-store.js';
import { generateDemoNeighbourhood } from '../adapters/bag-file/demo-neighbourhood.js';
import { ChromiumPdfRenderer } from '../adapters/chromium-pdf/chromium-pdf-renderer.js';
import { localTableNames } from '../adapters/dynamodb/tables.js';
import { IngestPool } from '../adapters/ingest-workers/ingest-pool.js';
import { createLogger } from '../adapters/logger/powertools-logger.js';
import { LocalFileStore } from '../adapters/system/local-file-store.js';
import { loadOrCreateLocalSecrets } from '../adapters/system/local-secrets.js';
import { randomIds, systemClock } from '../adapters/system/system.js';
import type { AppDeps } from '../app/deps.js';
import type { AddressSource, Clock, Logger } from '../core/ports.js';
import { buildLocalDeps, localDocumentClient } from '../wiring/local.js';
import { ensureTables, startEmbeddedDynamo } from './dynamo-server.js';

export interface LocalRuntime {
  deps: AppDeps;
  dataDir: string | undefined;
  endpoint: string;
  /** The background job runner: `settled()` waits for every job started so far (tests synchronise on it). */
  jobs: { settled(): Promise<void> };
  close(): Promise<void>;
}

/**
 * Starts the embedded store and builds the same dependencies AWS uses, pointed at it. `dataDir` undefined
 * means an ephemeral in-memory store (`--memory`, tests).
 */
export async function startLocalRuntime(options: {
  dataDir?: string;
  clock?: Clock;
  logger?: Logger;
  logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** The running server publishes its store's endpoint so the CLI can work while it runs (LevelDB is single-process). */
  shareEndpoint?: boolean;
  /** Replaces the address source (tests); otherwise `<dataDir>/bag` or, without one, the demo neighbourhood. */
  addresses?: AddressSource;
  /** The Chromium that prints letter PDFs; started on the first PDF, closed with the runtime. */
  chromiumPath?: string;
  /**
   * How long one contact file may take to read on its worker thread; default 60 s. `false` reads files on
   * the request's own thread (only for tests that need to see a reader's exception itself).
   */
  contactFileTimeoutMs?: number | false;
  /** Where the platform is reached, for the links it sends (the listening server's address); default port 3000. */
  publicBaseUrl?: string;
}): Promise<LocalRuntime> {
  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  if (dataDir) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const shared = dataDir ? await runningEndpoint(dataDir) : undefined;
  const dynamo = shared ? undefined : await startEmbeddedDynamo(dataDir ? { path: join(dataDir, 'db') } : {});
  const endpoint = shared ?? dynamo!.endpoint;
  const tables = localTableNames('perspectief-');
  await ensureTables(endpoint, tables);
  if (dataDir && dynamo && options.shareEndpoint) writeFileSync(join(dataDir, ENDPOINT_FILE), endpoint);
  const doc = localDocumentClient(endpoint);
  const addresses =
    options.addresses ??
    (dataDir
      ? (await loadAddressSource(join(dataDir, BAG_SUBDIR))).source
      : new AddressIndex(generateDemoNeighbourhood()));
  const pdf = new ChromiumPdfRenderer({ executablePath: options.chromiumPath ?? '/usr/bin/chromium' });
  // Files are read on one worker thread with its own heap limit, so the web thread keeps answering
  // everyone else while a large or hostile file is read; one thread leaves the other core to requests.
  const reader =
    options.contactFileTimeoutMs === false
      ? undefined
      : new IngestPool({ size: 1, fileTimeoutMs: options.contactFileTimeoutMs ?? DEFAULT_FILE_TIMEOUT_MS });
  const clock = options.clock ?? systemClock;
  const secrets = loadOrCreateLocalSecrets(dataDir);
  // Job results (print views, PDFs) in a folder, handed out through links this process signs and serves.
  const filesDir = dataDir ? join(dataDir, 'files') : mkdtempSync(join(tmpdir(), 'perspectief-files-'));
  const files = new LocalFileStore({ dir: filesDir, key: secrets.sessionKey, clock });
  const { deps, jobs: runner } = buildLocalDeps({
    doc,
    tables,
    clock,
    ids: randomIds,
    logger:
      options.logger ?? createLogger({ service: 'perspectief-local', level: options.logLevel ?? 'WARN' }),
    secrets,
    addresses,
    pdf,
    ...(reader ? { contactFileReader: reader } : {}),
    ...(options.publicBaseUrl ? { publicBaseUrl: options.publicBaseUrl } : {}),
    files,
  });
  return {
    deps,
    dataDir,
    endpoint,
    jobs: runner,
    close: async () => {
      await runner.settled();
      await reader?.close();
      await pdf.close();
      if (!dataDir) rmSync(filesDir, { recursive: true, force: true });
      doc.destroy();
      if (dataDir && dynamo && options.shareEndpoint) rmSync(join(dataDir, ENDPOINT_FILE), { force: true });
      await dynamo?.close();
    },
  };
}

const ENDPOINT_FILE = 'store-endpoint';
const DEFAULT_FILE_TIMEOUT_MS = 60_000;

/** The endpoint of a running `npm start` on the same data directory, when it answers. */
async function runningEndpoint(dataDir: string): Promise<string | undefined> {
  const file = join(dataDir, ENDPOINT_FILE);
  if (!existsSync(file)) return undefined;
  const endpoint = readFileSync(file, 'utf8').trim();
  try {
    await fetch(endpoint, { method: 'POST', signal: AbortSignal.timeout(1000) });
    return endpoint;
  } catch {
    rmSync(file, { force: true });
    return undefined;
  }
}

import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  appendFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../../core/clock.js';
import type { FileBody, FileLink, FileStore } from '../../core/jobs/ports.js';
import { FILE_LINK_SECONDS } from '../s3/s3-file-store.js';

/** Files are kept a day, as the bucket's lifecycle rule keeps them in AWS. */
const KEEP_MS = 86_400_000;

/**
 * `FileStore` of the embedded runtime: files in a local folder, handed out through links this process signs
 * (HMAC over key, name, type and expiry) and serves itself at `/bestanden`, valid as briefly as a presigned
 * S3 link. The same flow as in AWS, so the same pages are tested here.
 */
export class LocalFileStore implements FileStore {
  constructor(
    private readonly options: { dir: string; key: Uint8Array | string; clock: Clock; linkSeconds?: number },
  ) {
    mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  }

  async put(key: string, body: FileBody, _contentType: string): Promise<number> {
    this.sweep();
    const path = this.path(key);
    const chunks =
      typeof body === 'string'
        ? [new TextEncoder().encode(body)]
        : body instanceof Uint8Array
          ? [body]
          : body;
    writeFileSync(path, new Uint8Array(), { mode: 0o600 });
    let bytes = 0;
    for (const chunk of chunks) {
      appendFileSync(path, chunk);
      bytes += chunk.byteLength;
    }
    return bytes;
  }

  async link(key: string, download: { fileName: string; contentType: string }): Promise<FileLink> {
    const expiresInSeconds = this.options.linkSeconds ?? FILE_LINK_SECONDS;
    const until = String(Math.floor(this.options.clock.now().getTime() / 1000) + expiresInSeconds);
    const query = new URLSearchParams({
      sleutel: key,
      naam: download.fileName,
      type: download.contentType,
      tot: until,
    });
    query.set('handtekening', this.sign(query));
    return { url: `/bestanden?${query}`, expiresInSeconds };
  }

  async open(query: URLSearchParams) {
    const signature = query.get('handtekening') ?? '';
    const fields = new URLSearchParams();
    for (const name of ['sleutel', 'naam', 'type', 'tot']) fields.set(name, query.get(name) ?? '');
    const expected = Buffer.from(this.sign(fields));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    if (Number(fields.get('tot')) * 1000 < this.options.clock.now().getTime()) return undefined;
    try {
      return {
        bytes: new Uint8Array(readFileSync(this.path(fields.get('sleutel')!))),
        fileName: fields.get('naam')!,
        contentType: fields.get('type')!,
      };
    } catch {
      return undefined;
    }
  }

  private sign(fields: URLSearchParams): string {
    return createHmac('sha256', this.options.key).update(`file-link\n${fields}`).digest('base64url');
  }

  /** One flat folder: the key's slashes become underscores (keys are plain characters only). */
  private path(key: string): string {
    return join(this.options.dir, key.replace(/[^A-Za-z0-9._-]/g, '_'));
  }

  private sweep(): void {
    const cutoff = this.options.clock.now().getTime() - KEEP_MS;
    for (const name of readdirSync(this.options.dir)) {
      const path = join(this.options.dir, name);
      if (statSync(path).mtimeMs < cutoff) rmSync(path, { force: true });
    }
  }
}

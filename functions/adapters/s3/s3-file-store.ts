import { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import { isDomainError, UnavailableError } from '../../core/errors.js';
import type { FileBody, FileLink, FileStore } from '../../core/jobs/ports.js';

/** How long a download link stays valid: long enough to start the download, short enough not to be shared. */
export const FILE_LINK_SECONDS = 300;

const UNAVAILABLE =
  'De opslag voor bestanden is nu niet bereikbaar. Probeer het over een paar minuten opnieuw.';

/**
 * `FileStore` on the files bucket: results are put below `letters/` (where the lifecycle rule removes them
 * after a day) and handed out through presigned GET links, so the web function never answers with the file
 * itself: a response through API Gateway is capped at 6 MB, a print view of 10,000 letters is 230 MB.
 */
export class S3FileStore implements FileStore {
  constructor(
    private readonly options: {
      bucket: string;
      /** Asked for on first use, so a request that hands out no file never loads the S3 SDK. */
      client: () => Promise<S3Client>;
      linkSeconds?: number;
    },
  ) {}

  async put(key: string, body: FileBody, contentType: string): Promise<number> {
    const { PutObjectCommand } = await import('@aws-sdk/client-s3');
    const client = await this.options.client();
    const chunks =
      typeof body === 'string'
        ? [new TextEncoder().encode(body)]
        : body instanceof Uint8Array
          ? [body]
          : body;
    const bytes = chunks.reduce((sum, c) => sum + c.byteLength, 0);
    await this.s3('store a file', () =>
      client.send(
        new PutObjectCommand({
          Bucket: this.options.bucket,
          Key: key,
          // Chunks are streamed in order with their total length, never joined into one buffer.
          Body: chunks.length === 1 ? chunks[0] : Readable.from(chunks),
          ContentLength: bytes,
          ContentType: contentType,
        }),
      ),
    );
    return bytes;
  }

  async link(key: string, download: { fileName: string; contentType: string }): Promise<FileLink> {
    const expiresInSeconds = this.options.linkSeconds ?? FILE_LINK_SECONDS;
    const [{ GetObjectCommand }, { getSignedUrl }] = await Promise.all([
      import('@aws-sdk/client-s3'),
      import('@aws-sdk/s3-request-presigner'),
    ]);
    const client = await this.options.client();
    const url = await this.s3('sign a download link', () =>
      getSignedUrl(
        client,
        new GetObjectCommand({
          Bucket: this.options.bucket,
          Key: key,
          ResponseContentType: download.contentType,
          ResponseContentDisposition: contentDisposition(download),
          ResponseCacheControl: 'no-store',
        }),
        { expiresIn: expiresInSeconds },
      ),
    );
    return { url, expiresInSeconds };
  }

  private async s3<T>(step: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (isDomainError(error)) throw error;
      throw new UnavailableError(`S3 failed to ${step}`, {
        cause: error,
        userMessage: UNAVAILABLE,
        context: { bucket: this.options.bucket, awsError: error instanceof Error ? error.name : 'unknown' },
      });
    }
  }
}

/** A print view opens in the browser; everything else downloads. Names are plain ASCII either way. */
export function contentDisposition(download: { fileName: string; contentType: string }): string {
  const name = download.fileName.replace(/[^A-Za-z0-9._-]/g, '_') || 'bestand';
  return `${download.contentType.startsWith('text/html') ? 'inline' : 'attachment'}; filename="${name}"`;
}

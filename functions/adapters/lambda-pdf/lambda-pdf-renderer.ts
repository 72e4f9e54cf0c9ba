import type { InvokeCommandOutput, LambdaClient } from '@aws-sdk/client-lambda';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Ids } from '../../core/clock.js';
import { domainErrorFrom, isDomainError, UnavailableError } from '../../core/errors.js';
import type { PdfLink, PdfLinkRequest, PdfRenderer, PdfRenderRequest } from '../../core/letters/ports.js';
import { LETTERS_PREFIX, type RenderPdfEvent, RenderPdfResultSchema } from './protocol.js';

/** How long a download link stays valid: long enough to start the download, short enough not to be shared. */
export const PDF_LINK_SECONDS = 300;

export interface LambdaPdfRendererOptions {
  /**
   * The clients, asked for on first use: the web function loads the S3 and Lambda SDKs (and their command
   * classes, imported the same way) only when someone wants a PDF, not at every cold start.
   */
  s3: () => Promise<S3Client>;
  lambda: () => Promise<LambdaClient>;
  /** The files bucket the web function and the PDF function share below `letters/`. */
  bucket: string;
  /** Name or ARN of the PDF function. */
  functionName: string;
  ids: Ids;
  linkSeconds?: number;
}

const UNAVAILABLE_MESSAGE = 'De PDF kon nu niet worden gemaakt. Probeer het over een paar minuten opnieuw.';

/**
 * `PdfRenderer` for AWS: the web function has no Chromium, so it puts the HTML in the bucket, invokes the
 * PDF function synchronously, and either reads the PDF back (`render`) or hands out a presigned download
 * link (`renderLink`), because API Gateway cannot return more than 6 MB and a 700-letter PDF can be
 * larger. A domain error from the function is rethrown as the same class with the same Dutch message.
 * Objects it reads are deleted at once; a PDF behind a link is removed by the bucket's lifecycle rule on
 * `letters/`.
 */
export class LambdaPdfRenderer implements PdfRenderer {
  constructor(private readonly options: LambdaPdfRendererOptions) {}

  async render(request: PdfRenderRequest): Promise<Uint8Array> {
    const { pdfKey } = await this.renderObject(request);
    try {
      const { GetObjectCommand } = await import('@aws-sdk/client-s3');
      const client = await this.options.s3();
      const object = await this.s3('read the PDF', () =>
        client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: pdfKey })),
      );
      if (!object.Body) {
        throw new UnavailableError('The PDF object has no body', {
          userMessage: UNAVAILABLE_MESSAGE,
          context: { key: pdfKey },
        });
      }
      return await object.Body.transformToByteArray();
    } finally {
      await this.delete(pdfKey);
    }
  }

  async renderLink(request: PdfLinkRequest): Promise<PdfLink> {
    const { pdfKey } = await this.renderObject(request);
    const expiresInSeconds = this.options.linkSeconds ?? PDF_LINK_SECONDS;
    const [{ GetObjectCommand }, { getSignedUrl }] = await Promise.all([
      import('@aws-sdk/client-s3'),
      import('@aws-sdk/s3-request-presigner'),
    ]);
    const client = await this.options.s3();
    const url = await this.s3('sign the download link', () =>
      getSignedUrl(
        client,
        new GetObjectCommand({
          Bucket: this.options.bucket,
          Key: pdfKey,
          ResponseContentType: 'application/pdf',
          ResponseContentDisposition: `attachment; filename="${safeFileName(request.fileName)}"`,
          ResponseCacheControl: 'no-store',
        }),
        { expiresIn: expiresInSeconds },
      ),
    );
    return { url, expiresInSeconds };
  }

  /** Prints straight into the bucket at `key`: the PDF function writes it there and the bytes stay there. */
  async renderToFile(request: PdfRenderRequest, key: string): Promise<{ pages: number; bytes: number }> {
    const answer = await this.renderObject(request, key);
    return { pages: answer.pages, bytes: answer.bytes };
  }

  /** Nothing to release: the browser lives in the PDF function, and the SDK clients belong to the caller. */
  async close(): Promise<void> {}

  /** Puts the HTML, has the function print it, removes the HTML; returns the key and size of the PDF. */
  private async renderObject(
    request: PdfRenderRequest,
    pdfKey?: string,
  ): Promise<{ pdfKey: string; pages: number; bytes: number }> {
    const id = this.options.ids.next();
    const event: RenderPdfEvent = {
      htmlKey: `${LETTERS_PREFIX}${id}.html`,
      pdfKey: pdfKey ?? `${LETTERS_PREFIX}${id}.pdf`,
      ...(request.pages === undefined ? {} : { pages: request.pages }),
    };
    const { PutObjectCommand } = await import('@aws-sdk/client-s3');
    const client = await this.options.s3();
    await this.s3('store the HTML', () =>
      client.send(
        new PutObjectCommand({
          Bucket: this.options.bucket,
          Key: event.htmlKey,
          Body: request.html,
          ContentType: 'text/html; charset=utf-8',
        }),
      ),
    );
    try {
      const { pages, bytes } = await this.invoke(event);
      return { pdfKey: event.pdfKey, pages, bytes };
    } finally {
      await this.delete(event.htmlKey);
    }
  }

  private async invoke(event: RenderPdfEvent): Promise<{ pages: number; bytes: number }> {
    const context = { functionName: this.options.functionName, pages: event.pages };
    let response: InvokeCommandOutput;
    try {
      const { InvokeCommand } = await import('@aws-sdk/client-lambda');
      const client = await this.options.lambda();
      response = await client.send(
        new InvokeCommand({
          FunctionName: this.options.functionName,
          InvocationType: 'RequestResponse',
          Payload: new TextEncoder().encode(JSON.stringify(event)),
        }),
      );
    } catch (error) {
      throw new UnavailableError('The PDF function could not be invoked', {
        cause: error,
        userMessage: UNAVAILABLE_MESSAGE,
        context: { ...context, awsError: errorName(error) },
      });
    }
    const payload = response.Payload ? new TextDecoder().decode(response.Payload) : '';
    if (response.FunctionError) {
      throw new UnavailableError('The PDF function failed', {
        userMessage: UNAVAILABLE_MESSAGE,
        context: { ...context, functionError: response.FunctionError, errorType: errorType(payload) },
      });
    }
    const parsed = RenderPdfResultSchema.safeParse(safeJson(payload));
    if (!parsed.success) {
      throw new UnavailableError('The PDF function answered something unexpected', {
        userMessage: UNAVAILABLE_MESSAGE,
        context,
      });
    }
    const result = parsed.data;
    if (result.ok) return { pages: result.pages, bytes: result.bytes };
    throw domainErrorFrom(result.error);
  }

  private async delete(key: string): Promise<void> {
    const { DeleteObjectCommand } = await import('@aws-sdk/client-s3');
    const client = await this.options.s3();
    await this.s3('delete a rendered object', () =>
      client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: key })),
    );
  }

  /** Runs one S3 call; an S3 failure becomes an UnavailableError that names the step, never the content. */
  private async s3<T>(step: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (isDomainError(error)) throw error;
      throw new UnavailableError(`S3 failed to ${step}`, {
        cause: error,
        userMessage: UNAVAILABLE_MESSAGE,
        context: { bucket: this.options.bucket, awsError: errorName(error) },
      });
    }
  }
}

/** A file name safe inside a quoted Content-Disposition value: plain letters, digits, dot, dash, underscore. */
function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_') || 'document.pdf';
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'unknown';
}

/** The `errorType` of an unhandled function error (e.g. `Runtime.OutOfMemory`), never its message. */
function errorType(payload: string): string {
  const parsed = safeJson(payload) as { errorType?: unknown } | undefined;
  return typeof parsed?.errorType === 'string' ? parsed.errorType : 'unknown';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { isDomainError, serialiseDomainError } from '../../core/errors.js';
import type { PdfRenderer } from '../../core/letters/ports.js';
import { countPdfPages } from '../chromium-pdf/chromium-pdf-renderer.js';
import { RenderPdfEventSchema, type RenderPdfResult } from './protocol.js';

export interface RenderPdfObjectDeps {
  s3: S3Client;
  /** The files bucket; its default encryption (the platform's KMS key) applies to the PDF. */
  bucket: string;
  renderer: PdfRenderer;
}

/**
 * The work of the PDF function: reads the HTML at `htmlKey`, prints it, and writes the PDF to `pdfKey`.
 * A domain error (a letter that overflows its page, Chromium that will not start) is answered as
 * `{ ok: false, error }` so the web function can show the same Dutch message; anything else (a malformed
 * event, S3 failing) is thrown, so the invocation fails and the function's error alarm sees it.
 */
export async function renderPdfObject(deps: RenderPdfObjectDeps, input: unknown): Promise<RenderPdfResult> {
  const event = RenderPdfEventSchema.parse(input);
  const object = await deps.s3.send(new GetObjectCommand({ Bucket: deps.bucket, Key: event.htmlKey }));
  if (!object.Body) throw new Error(`Empty body for ${event.htmlKey}`);
  const html = await object.Body.transformToString('utf-8');
  let pdf: Uint8Array;
  try {
    pdf = await deps.renderer.render({ html, ...(event.pages === undefined ? {} : { pages: event.pages }) });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { ok: false, error: serialiseDomainError(error) };
  }
  await deps.s3.send(
    new PutObjectCommand({
      Bucket: deps.bucket,
      Key: event.pdfKey,
      Body: pdf,
      ContentType: 'application/pdf',
    }),
  );
  return { ok: true, pages: countPdfPages(pdf), bytes: pdf.byteLength };
}

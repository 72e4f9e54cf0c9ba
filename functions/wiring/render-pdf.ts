import { S3Client } from '@aws-sdk/client-s3';
import chromium from '@sparticuz/chromium';
import { ChromiumPdfRenderer } from '../adapters/chromium-pdf/chromium-pdf-renderer.js';
import { type RenderPdfObjectDeps, renderPdfObject } from '../adapters/lambda-pdf/render-pdf-object.js';
import type { Config } from '../config.js';
import { notGranted } from './aws.js';

/**
 * The PDF function: prints the HTML at `htmlKey` to `pdfKey` with Chromium for Lambda (x86_64 binaries).
 * Built once per cold start, so warm invocations reuse the running browser; Chromium for Lambda is imported
 * here only, so no other bundle carries it.
 */
export function buildRenderPdfDeps(config: Config): RenderPdfObjectDeps {
  return {
    s3: new S3Client({ region: config.AWS_REGION }),
    bucket: config.FILES_BUCKET ?? notGranted('FILES_BUCKET'),
    renderer: new ChromiumPdfRenderer({
      launcher: async () => ({ executablePath: await chromium.executablePath(), args: chromium.args }),
    }),
  };
}

export { renderPdfObject };

import { S3Client } from '@aws-sdk/client-s3';
import chromium from '@sparticuz/chromium';
import { ChromiumPdfRenderer } from '../adapters/chromium-pdf/chromium-pdf-renderer.js';
import { renderPdfObject } from '../adapters/lambda-pdf/render-pdf-object.js';
import { parseConfig } from '../config.js';

/**
 * The PDF function: prints the HTML at `htmlKey` to `pdfKey` with Chromium for Lambda (x86_64 binaries).
 * Wired once per cold start, so warm invocations reuse the running browser; Chromium for Lambda is imported
 * here only, so no other bundle carries it.
 */
const config = parseConfig(process.env);
if (!config.FILES_BUCKET)
  throw new Error('The PDF function was not given FILES_BUCKET; grant it in the CDK stack');
const deps = {
  s3: new S3Client({ region: config.AWS_REGION }),
  bucket: config.FILES_BUCKET,
  renderer: new ChromiumPdfRenderer({
    launcher: async () => ({ executablePath: await chromium.executablePath(), args: chromium.args }),
  }),
};

export const handler = (event: unknown) => renderPdfObject(deps, event);

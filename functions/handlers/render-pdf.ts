import chromium from '@sparticuz/chromium';
import { renderPdfObject } from '../adapters/lambda-pdf/render-pdf-object.js';
import { parseConfig } from '../config.js';
import { pdfFunctionDeps } from '../deps.js';
import { statusOf } from '../http/errors.js';

/** The PDF function: prints the HTML at `htmlKey` to `pdfKey` with Chromium for Lambda (x86_64 binaries). */
const deps = {
  ...pdfFunctionDeps(parseConfig(process.env), async () => ({
    executablePath: await chromium.executablePath(),
    args: chromium.args,
  })),
  statusOf,
};

export const handler = (event: unknown) => renderPdfObject(deps, event);

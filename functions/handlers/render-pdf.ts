import { parseConfig } from '../config.js';
import { buildRenderPdfDeps, renderPdfObject } from '../wiring/render-pdf.js';

/** The PDF function: wired once per cold start, so warm invocations reuse the running browser. */
const deps = buildRenderPdfDeps(parseConfig(process.env));
export const handler = (event: unknown) => renderPdfObject(deps, event);

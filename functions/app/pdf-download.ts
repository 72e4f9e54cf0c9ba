import type { PdfRenderer, PdfRenderRequest } from '../core/letters/ports.js';

/** A rendered PDF for one person: its bytes, or a short-lived link to them. */
export type PdfDownload =
  | { kind: 'bytes'; fileName: string; bytes: Uint8Array }
  | { kind: 'link'; fileName: string; url: string };

/**
 * Renders a document for download: as a link when the renderer offers one (in AWS, where a response through
 * API Gateway is capped at 6 MB), as bytes otherwise (the local Chromium).
 */
export async function renderPdfDownload(
  pdf: PdfRenderer,
  request: PdfRenderRequest,
  fileName: string,
): Promise<PdfDownload> {
  if (pdf.renderLink) {
    const { url } = await pdf.renderLink({ ...request, fileName });
    return { kind: 'link', fileName, url };
  }
  return { kind: 'bytes', fileName, bytes: await pdf.render(request) };
}

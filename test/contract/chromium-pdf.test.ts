import { existsSync } from 'node:fs';
import { ChromiumPdfRenderer } from '../../functions/adapters/chromium-pdf/chromium-pdf-renderer.js';
import { required } from '../fixtures/required.js';
import { pdfRendererContract } from './pdf-renderer.contract.js';

const CHROMIUM = '/usr/bin/chromium';

/** The embedded runtime's renderer: Chromium in this process, against the PdfRenderer contract. */
if (required(existsSync(CHROMIUM), `Chromium at ${CHROMIUM} (apt-get install chromium)`)) {
  pdfRendererContract('Chromium', async () => {
    const renderer = new ChromiumPdfRenderer({ executablePath: CHROMIUM });
    return {
      renderer,
      leftovers: async () => [],
      malformedRequests: async () => 0,
      close: () => renderer.close(),
    };
  });
}

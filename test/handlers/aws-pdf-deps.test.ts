import { describe, expect, it } from 'vitest';
import { LambdaPdfRenderer } from '../../functions/adapters/lambda-pdf/lambda-pdf-renderer.js';
import { parseConfig } from '../../functions/config.js';
import { buildApiDeps } from '../../functions/wiring/api.js';

/** The tables the stack grants the web function: its builder needs each of them. */
const TABLES = {
  TABLE_MAIN: 'main',
  TABLE_RECIPIENTS: 'recipients',
  TABLE_AUDIT: 'audit',
  TABLE_HASHES: 'hashes',
};

describe('the PDF renderer of the web function in AWS', () => {
  it('invokes the PDF function when the stack named it and the bucket', async () => {
    // Act
    const deps = await buildApiDeps(
      parseConfig({ ...TABLES, PDF_FUNCTION_NAME: 'render-pdf', FILES_BUCKET: 'files' }),
    );

    // Assess
    expect(deps.pdf).toBeInstanceOf(LambdaPdfRenderer);
    expect(deps.pdf.renderLink).toBeTypeOf('function');
  });

  it('without a PDF function, says in Dutch that this deployment cannot make PDFs and what to use instead', async () => {
    // Prepare
    const deps = await buildApiDeps(
      parseConfig({ ...TABLES, CHROMIUM_PATH: '/nonexistent/chromium', FILES_BUCKET: 'files' }),
    );

    // Act
    const error = await deps.pdf.render({ html: '<p/>' }).catch((e: unknown) => e);

    // Assess
    expect(deps.pdf.renderLink).toBeUndefined();
    expect(error).toMatchObject({
      name: 'UnavailableError',
      userMessage: expect.stringMatching(/geen PDF's maken.*printweergave/),
    });
  });
});

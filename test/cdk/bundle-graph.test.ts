import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The module graph of one handler as the CDK bundles it (same entry, externals and JSX settings). */
async function graph(handler: string): Promise<{ inputs: string[]; externals: string[] }> {
  const result = await build({
    entryPoints: [`${ROOT}functions/handlers/${handler}.ts`],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    mainFields: ['module', 'main'],
    external: ['@aws-sdk/*', 'playwright-core'],
    jsx: 'automatic',
    jsxImportSource: 'hono/jsx',
    logLevel: 'silent',
  });
  const meta = result.metafile as Metafile;
  const externals = Object.values(meta.inputs).flatMap((input) =>
    input.imports.filter((i) => i.external && i.kind === 'import-statement').map((i) => i.path),
  );
  return { inputs: Object.keys(meta.inputs), externals: [...new Set(externals)] };
}

describe('what each Lambda bundle carries', () => {
  it('reaches jsdom (installed next to the web bundle) only through a dynamic import, never at start-up', async () => {
    // Prepare / Act
    const result = await build({
      entryPoints: [`${ROOT}functions/handlers/api.ts`],
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      mainFields: ['module', 'main'],
      external: ['@aws-sdk/*', 'playwright-core', 'jsdom'],
      jsx: 'automatic',
      jsxImportSource: 'hono/jsx',
      logLevel: 'silent',
    });
    const imports = Object.values((result.metafile as Metafile).inputs).flatMap((i) => i.imports);

    // Assess
    const jsdom = imports.filter((i) => i.path === 'jsdom');
    expect(jsdom.length).toBeGreaterThan(0);
    expect(jsdom.every((i) => i.external && i.kind === 'dynamic-import')).toBe(true);
    expect(
      Object.keys((result.metafile as Metafile).inputs).some((f) => f.includes('node_modules/dompurify/')),
    ).toBe(true);
  }, 60_000);

  it('keeps the contact-file readers out of the web function: the ingest function alone reads files', async () => {
    // Prepare / Act
    const [api, ingest] = await Promise.all([graph('api'), graph('ingest-contacts')]);
    const readers = (inputs: string[]) =>
      inputs.filter((f) =>
        /node_modules\/exceljs\/|adapters\/xlsx\/|core\/contacts\/(vcard|csv)\.ts$|app\/contact-files\.ts$/.test(
          f,
        ),
      );

    // Assess
    expect(readers(api.inputs)).toEqual([]);
    expect(readers(ingest.inputs).length).toBeGreaterThanOrEqual(5);
  }, 60_000);

  it('loads the SNS client only in the dispatcher, and the Lambda, S3 and SES clients nowhere at start-up', async () => {
    // Prepare
    const handlers = ['api', 'dispatcher', 'purge', 'delivery-status', 'inbound-sms'];

    // Act
    const graphs = await Promise.all(handlers.map(graph));

    // Assess
    const withSns = handlers.filter((_, i) => graphs[i]!.externals.includes('@aws-sdk/client-sns'));
    expect(withSns).toEqual(['dispatcher']);
    for (const g of graphs) {
      expect(g.externals).not.toContain('@aws-sdk/client-lambda');
      expect(g.externals).not.toContain('@aws-sdk/client-s3');
      expect(g.externals).not.toContain('@aws-sdk/client-sesv2');
    }
  }, 60_000);
});

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const FUNCTIONS = new URL('../../functions/', import.meta.url).pathname;
const HANDLERS = join(FUNCTIONS, 'handlers');
const MAX_LINES = 10;

/** Where a handler may import from: its builder (and the shared lazy start) in wiring/, and the config. */
const ALLOWED = [/^wiring\//, /^config\.ts$/];

/** What is wrong with one handler file: too long, or an import outside its builder and the config. */
function handlerOffences(path: string, text: string): string[] {
  const offences: string[] = [];
  const lines = text.split('\n').filter((line) => line.trim() !== '').length;
  if (lines > MAX_LINES) offences.push(`${lines} non-blank lines (at most ${MAX_LINES})`);
  for (const [, spec] of text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
    if (!spec!.startsWith('.')) {
      offences.push(`imports the package ${spec}`);
      continue;
    }
    const target = relative(FUNCTIONS, resolve(path, '..', spec!)).replace(/\.js$/, '.ts');
    if (target.startsWith('adapters/')) offences.push(`imports the adapter ${spec}`);
    else if (!ALLOWED.some((allowed) => allowed.test(target))) offences.push(`imports ${spec}`);
  }
  return offences;
}

const handlers = readdirSync(HANDLERS).filter((name) => name.endsWith('.ts'));

describe('Lambda handlers', () => {
  it('finds the deployed functions', () => {
    expect(handlers).toEqual(
      expect.arrayContaining(['api.ts', 'dispatcher.ts', 'ingest-contacts.ts', 'purge.ts', 'render-pdf.ts']),
    );
  });

  it.each(handlers)('%s is at most ten lines and imports only its builder and the config', (name) => {
    // Prepare
    const path = join(HANDLERS, name);

    // Act
    const offences = handlerOffences(path, readFileSync(path, 'utf8'));

    // Assess
    expect(offences).toEqual([]);
  });

  it('catches a planted handler that picks an adapter and holds logic', () => {
    // Prepare
    const planted = [
      "import { S3Client } from '@aws-sdk/client-s3';",
      "import { SnsSmsGateway } from '../adapters/sns/sns-sms-gateway.js';",
      "import { recordOptOut } from '../app/opt-out.js';",
      "import { parseConfig } from '../config.js';",
      "import { lazyStart } from '../wiring/lazy-start.js';",
      ...Array.from({ length: 8 }, (_, i) => `const step${i} = ${i};`),
    ].join('\n');

    // Act
    const offences = handlerOffences(join(HANDLERS, 'planted.ts'), planted);

    // Assess
    expect(offences).toEqual([
      '13 non-blank lines (at most 10)',
      'imports the package @aws-sdk/client-s3',
      'imports the adapter ../adapters/sns/sns-sms-gateway.js',
      'imports ../app/opt-out.js',
    ]);
  });
});

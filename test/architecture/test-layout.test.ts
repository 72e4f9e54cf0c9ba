import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, sourceFiles } from './imports.js';

const TEST_ROOT = new URL('../', import.meta.url).pathname;
const UNIT = new URL('../unit/', import.meta.url).pathname;
const PLANTED = new URL('../fixtures/architecture/impure-unit/', import.meta.url).pathname;

/**
 * What makes a test an integration test (test/integration, test/contract, test/adapters …): it reaches
 * runtime wiring or infrastructure (adapters, the embedded runtime, deps, handlers, the CLI), opens
 * sockets, starts workers or processes, or writes files. Reading checked-in fixtures and data is allowed
 * in a unit test.
 */
const IMPURE_IMPORT =
  /functions\/(adapters|local|handlers|cli)\/|functions\/deps\.js$|^node:(http|https|net|child_process|worker_threads)$/;
const IMPURE_CALL =
  /\b(mkdtemp|writeFile|writeFileSync|createServer|startLocalRuntime|startEmbeddedDynamo)\b/;

function impurities(root: string): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(root)) {
    const name = relative(TEST_ROOT, file);
    for (const spec of importsOf(file)) if (IMPURE_IMPORT.test(spec)) found.push(`${name}: imports ${spec}`);
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    const call = IMPURE_CALL.exec(text);
    if (call) found.push(`${name}: calls ${call[1]}`);
  }
  return found;
}

describe('test layout', () => {
  it('keeps test/unit pure: no adapters, runtime, sockets, workers, processes or written files', () => {
    expect(impurities(UNIT)).toEqual([]);
  });

  it('detects an integration test planted among unit tests', () => {
    expect(impurities(PLANTED)).toEqual([
      'fixtures/architecture/impure-unit/starts-runtime.ts: imports ../../../../functions/local/runtime.js',
      'fixtures/architecture/impure-unit/starts-runtime.ts: calls startLocalRuntime',
    ]);
  });
});

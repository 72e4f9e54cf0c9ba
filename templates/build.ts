import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { compileTemplates } from '../functions/adapters/mjml/compile-template.js';

/**
 * Precompiles every `templates/*.mjml` into `templates/compiled.json`, the only form the letter-rendering
 * path reads (no MJML at render time). Run: `node --import tsx templates/build.ts`. A unit test fails when
 * the JSON is older than its sources.
 */
const dir = new URL('./', import.meta.url);
const sources = Object.fromEntries(
  readdirSync(dir)
    .filter((file) => file.endsWith('.mjml'))
    .map((file) => [file.replace(/\.mjml$/, ''), readFileSync(new URL(file, dir), 'utf8')]),
);
const compiled = await compileTemplates(sources);
writeFileSync(new URL('compiled.json', dir), `${JSON.stringify(compiled, null, 1)}\n`);
process.stderr.write(`${compiled.length} sjablonen gecompileerd.\n`);

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateUpload } from './generate.js';

/**
 * `node --import tsx bench/ingest/generate-files.ts DIR ROWS FILES SEED`: writes a generated upload to DIR
 * (the contact files, a manifest, and numbers.txt with every row's number string).
 * Why a process of its own: an upload reaches the pipeline as bytes; building a million rows of test data
 * leaves hundreds of megabytes of garbage that must not count as the pipeline's peak memory.
 */
const [dir, rows, files, seed] = process.argv.slice(2);
if (!dir || !rows || !files || !seed) {
  process.stderr.write('gebruik: generate-files.ts MAP RIJEN BESTANDEN SEED\n');
  process.exit(2);
}
mkdirSync(dir, { recursive: true });
const upload = generateUpload(Number(rows), Number(files), Number(seed));
for (const file of upload.files) writeFileSync(join(dir, file.name), file.bytes);
writeFileSync(
  join(dir, 'manifest.json'),
  JSON.stringify(upload.files.map(({ name, source }) => ({ name, source }))),
);
writeFileSync(join(dir, 'numbers.txt'), upload.numbers);

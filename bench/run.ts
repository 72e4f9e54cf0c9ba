import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { type Benchmark, environment, loadAverage } from './bench.js';

/**
 * `npm run bench [-- NAME...] [--json]`: runs the named benchmarks (all when none is named). With --json the
 * last stdout line of each benchmark is its one-line JSON summary. Every summary carries the commit it measured
 * and the 1-minute load average at its start and end (the machine is shared: a ratio measured at load 6 is
 * read differently from one at load 0.5). Every run appends its figures to BENCHMARKS.md under "Runs", so the
 * file keeps the machine, command and date beside each result.
 * A benchmark is a file `bench/NAME.bench.ts` whose default export is a `Benchmark`.
 */
const registry: Record<string, () => Promise<Benchmark>> = Object.fromEntries(
  readdirSync(new URL('.', import.meta.url))
    .filter((file) => file.endsWith('.bench.ts'))
    .sort()
    .map((file) => [
      file.replace(/\.bench\.ts$/, ''),
      async () => ((await import(`./${file}`)) as { default: Benchmark }).default,
    ]),
);

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const names = args.filter((a) => !a.startsWith('--'));
  const selected = names.length > 0 ? names : Object.keys(registry);
  for (const name of selected) {
    if (!registry[name]) {
      process.stderr.write(
        `Onbekende benchmark: ${name}. Beschikbaar: ${Object.keys(registry).join(', ')}\n`,
      );
      return 2;
    }
  }
  for (const name of selected) {
    const bench = await registry[name]!();
    const log = json
      ? (line: string) => process.stderr.write(`${line}\n`)
      : (line: string) => console.log(line);
    log(`# ${bench.name}: ${bench.description}`);
    const env = environment();
    log(`commit ${env.commit}, load ${env.load_1m}`);
    const figures = await bench.run(log);
    const result = { ...figures, commit: env.commit, load_1m: env.load_1m, load_1m_end: loadAverage() };
    recordRun(name, result);
    if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else console.log(JSON.stringify(result, null, 2));
  }
  return 0;
}

function recordRun(name: string, result: Record<string, unknown>): void {
  const file = new URL('../BENCHMARKS.md', import.meta.url);
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const machine = `${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const line = `| ${new Date().toISOString().slice(0, 16).replace('T', ' ')} | \`npm run bench -- ${name}\` | ${machine} | \`${JSON.stringify(result)}\` |\n`;
  if (!existsSync(file)) writeFileSync(file, '# Benchmarks\n');
  const text = readFileSync(file, 'utf8');
  if (!text.includes('## Runs')) {
    appendFileSync(
      file,
      '\n## Runs\n\n| date (UTC) | command | machine | result |\n| --- | --- | --- | --- |\n',
    );
  }
  appendFileSync(file, line);
}

process.exitCode = await main();

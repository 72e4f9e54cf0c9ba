import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { builtInTemplates } from '../functions/core/letters/built-in-templates.js';
import { printDocument } from '../functions/core/letters/print-document.js';
import { httpApiEvent, logsEvent, smsLog, snsRecord } from '../test/fixtures/aws-events.js';
import { type DeployedStack, startDeployedStack } from '../test/fixtures/deployed-stack.js';
import { type DeployedFunction, startLambda } from '../test/fixtures/lambda-runtime.js';
import { addressedLetters, anAddress } from '../test/unit/letters/builders.js';
import type { Benchmark } from './bench.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Inside the repository (ignored by git) so the bundles resolve `@aws-sdk/*` from node_modules, as Lambda's runtime provides it. */
const OUT = join(ROOT, 'bench', '.out', 'cold-start');
const RUNS = 10;
const API_TARGET_BYTES = 1.5 * 1024 * 1024;
const OTHER_TARGET_BYTES = 500 * 1024;
const IMPORT_TARGET_MS = 250;
/** Fresh processes per bundle for the first response (the PDF function starts Chromium in each). */
const FIRST_RESPONSE_RUNS = 5;
const API_FIRST_RESPONSE_TARGET = 6;
const OTHER_FIRST_RESPONSE_TARGET = 4;
const STACK = 'Perspectief-test';
const REGION = 'eu-central-1';

interface Bundle {
  name: string;
  file: string;
  dir: string;
  api: boolean;
}

/** The Lambda functions of the synthesised template and the asset folder each one's code comes from. */
function bundles(): Bundle[] {
  const templateFile = readdirSync(OUT).find((f) => f.endsWith('.template.json'));
  if (!templateFile) throw new Error('synth produced no template');
  const template = JSON.parse(readFileSync(join(OUT, templateFile), 'utf8')) as {
    Resources: Record<
      string,
      { Type: string; Properties: Record<string, unknown>; Metadata?: Record<string, string> }
    >;
  };
  const found: Bundle[] = [];
  for (const resource of Object.values(template.Resources)) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const assetPath = resource.Metadata?.['aws:asset:path'];
    const cdkPath = resource.Metadata?.['aws:cdk:path'] ?? '';
    if (!assetPath) continue;
    const dir = join(OUT, assetPath);
    const entry = ['index.mjs', 'index.js'].find((f) => readdirSync(dir).includes(f));
    if (!entry) continue;
    // Lambda loads index.js as CommonJS; inside this repository (type: module) it must be told so.
    if (entry === 'index.js') writeFileSync(join(dir, 'package.json'), '{"type":"commonjs"}\n');
    const handler = String(resource.Properties.Handler ?? '');
    const parts = cdkPath.split('/');
    const name = parts.includes('Function')
      ? parts.slice(1, parts.indexOf('Function')).join('/')
      : 'cdk-provider';
    found.push({
      name,
      file: join(dir, entry),
      dir,
      api: name === 'Api/Web' && handler.startsWith('index.'),
    });
  }
  return found;
}

/**
 * Deployed bytes of a bundle: its code and copied assets, without source maps (read only on errors), and
 * apart from that the packages installed next to it (node_modules with their lock file: Chromium for Lambda
 * and playwright-core in the PDF function), which the targets leave out.
 */
function bundleBytes(dir: string): { code: number; installed: number } {
  let code = 0;
  let installed = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name.endsWith('.map')) continue;
    const path = join(entry.parentPath, entry.name);
    const size = statSync(path).size;
    const relative = path.slice(dir.length + 1);
    // package.json counts with the installed packages only when the CDK installed some (the benchmark itself
    // writes one into a CommonJS bundle's folder).
    const isInstalled =
      relative.startsWith('node_modules/') ||
      relative === 'package-lock.json' ||
      (relative === 'package.json' && existsSync(join(dir, 'node_modules')));
    if (isInstalled) installed += size;
    else code += size;
  }
  return { code, installed };
}

/**
 * Answers GetSecretValue like Secrets Manager does, on 127.0.0.1: the API bundle reads its two secrets at
 * import (top-level await), and the benchmark measures loading the module graph, not the network.
 */
async function secretsStub(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const { SecretId } = JSON.parse(body || '{}') as { SecretId?: string };
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(
        JSON.stringify({ ARN: SecretId, Name: 'bench', SecretString: 'b'.repeat(64), VersionId: 'v1' }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Milliseconds to `import()` a file in a fresh Node process, timed inside that process; the first line of
 * the error when the import throws (a bundle that cannot start is a finding, not a crash of the benchmark).
 */
async function importMs(file: string, env: Record<string, string>): Promise<number | string> {
  const script = `const t = performance.now(); await import(${JSON.stringify(`file://${file}`)}); process.stdout.write(String(performance.now() - t));`;
  try {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      env: { PATH: process.env.PATH ?? '', ...env },
      cwd: OUT,
      timeout: 60_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return Number(stdout);
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? error);
    return stderr.split('\n').find((line) => /^\w*Error\b/.test(line)) ?? 'import failed';
  }
}

/**
 * A representative first event per function, as its trigger delivers it: the page a person opens first
 * (API Gateway), a scheduler tick with nothing due, a delivery log batch, a STOP reply, a pasted number for
 * the do-not-contact list, and one letter to print.
 */
function firstEvent(label: string, stack: DeployedStack): unknown {
  const scheduled = {
    version: '0',
    id: 'a1b2c3d4-0000-4000-8000-000000000001',
    'detail-type': 'Scheduled Event',
    source: 'aws.scheduler',
    account: '111122223333',
    time: new Date().toISOString(),
    region: REGION,
    resources: [],
    detail: '{}',
  };
  switch (label) {
    case 'Api/Web':
      return httpApiEvent(stack.host, 'GET', '/stop');
    case 'Dispatcher':
    case 'Purge':
      return scheduled;
    case 'DeliveryStatus':
      return logsEvent([smsLog('bench-unknown-message', '+31612345678', 'SUCCESS', 'accepted')]);
    case 'InboundSms':
      return {
        Records: [
          snsRecord('bench-in-1', {
            originationNumber: '+31629990001',
            destinationNumber: '+3197010000000',
            messageBody: 'STOP',
            inboundMessageId: 'bench-in-1',
          }),
        ],
      };
    case 'Ingest/Reader':
      return {
        op: 'do-not-contact',
        acting: { actor: { userId: 'user-admin', username: 'beheerder', roles: ['admin'] }, role: 'admin' },
        mode: 'add',
        input: { text: '+31612345678' },
      };
    case 'Letters/Renderer': {
      const bucket = stack.resolve(stack.fn(label).environment.FILES_BUCKET);
      const html = printDocument(
        addressedLetters([anAddress({ street: 'Brugstraat', houseNumber: 1 })]),
        builtInTemplates(),
      );
      stack.s3.put(bucket, 'letters/bench.html', html);
      return { htmlKey: 'letters/bench.html', pdfKey: 'letters/bench.pdf', pages: 1 };
    }
    default:
      return undefined;
  }
}

/**
 * Milliseconds from spawning the function's process (Node 22, the runtime bootstrap, the deployed
 * NODE_OPTIONS and environment) to its first answer; the error when it answers with one.
 */
async function firstResponseMs(
  stack: DeployedStack,
  fn: DeployedFunction,
  env: Record<string, string>,
  event: unknown,
): Promise<number | string> {
  stack.freshTmp(env);
  const started = performance.now();
  const lambda = startLambda(fn, env);
  try {
    const answer = await lambda.invoke(event);
    const ms = performance.now() - started;
    if (!answer.ok) return `${answer.phase}: ${answer.error.errorType}: ${answer.error.errorMessage}`;
    const result = answer.result as { ok?: boolean; error?: { message?: string } } | null;
    if (result && result.ok === false) return `answered an error: ${result.error?.message ?? ''}`;
    return ms;
  } catch (error) {
    return String(error).split('\n')[0] ?? 'failed';
  } finally {
    await lambda.close();
  }
}

/** The same measurement for a handler that does nothing: the floor of spawn, runtime and Node itself. */
function emptyFunction(): DeployedFunction {
  const dir = join(OUT, 'empty-function');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'index.mjs'),
    'export const handler = async () => ({ statusCode: 200, body: "" });\n',
  );
  return {
    logicalId: 'EmptyFunction',
    label: 'empty',
    taskRoot: dir,
    handler: 'index.handler',
    runtime: 'nodejs22.x',
    memoryMb: 512,
    timeoutS: 29,
    logFormat: 'JSON',
    environment: { NODE_OPTIONS: '--enable-source-maps' },
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * First responses, interleaved with the empty handler like the imports: every platform function of the
 * template (not the CDK's own custom-resource provider) against the embedded DynamoDB and the local
 * stand-ins for Secrets Manager, SNS and S3 (test/fixtures/deployed-stack.ts).
 */
async function firstResponses(
  found: Bundle[],
  log: (line: string) => void,
): Promise<{ ms: Map<string, number>; emptyMs: number }> {
  // The parent process uses the SDK too (to prepare the stand-ins); its notice about Node 20 is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  // A short path: Chromium puts Unix sockets below TMPDIR, and their paths may not exceed 107 bytes.
  const work = mkdtempSync(join(tmpdir(), 'perspectief-cold-'));
  const stack = await startDeployedStack({ cdkOut: OUT, stack: STACK, region: REGION, work });
  try {
    const empty = emptyFunction();
    const emptyEnv = stack.environment(empty, `${STACK}-EmptyFunction`);
    const measured = found.flatMap((b) => {
      const fn = stack.functions.get(b.name);
      return fn ? [{ name: b.name, fn, env: stack.environment(fn) }] : [];
    });
    const emptyRuns: number[] = [];
    const runs = new Map<string, number[]>(measured.map((m) => [m.name, []]));
    const failures = new Map<string, string>();
    for (let i = 0; i < FIRST_RESPONSE_RUNS; i++) {
      const emptyMs = await firstResponseMs(stack, empty, emptyEnv, {});
      if (typeof emptyMs === 'number') emptyRuns.push(emptyMs);
      for (const m of measured) {
        if (failures.has(m.name)) continue;
        const ms = await firstResponseMs(stack, m.fn, m.env, firstEvent(m.name, stack));
        if (typeof ms === 'number') runs.get(m.name)!.push(ms);
        else failures.set(m.name, ms);
      }
    }
    const emptyMs = median(emptyRuns);
    log(`empty handler, first response: ${round(emptyMs)} ms`);
    const ms = new Map<string, number>();
    for (const m of measured) {
      const failure = failures.get(m.name);
      if (failure) {
        log(`${m.name}: first response FAILS: ${failure}`);
        continue;
      }
      const value = median(runs.get(m.name)!);
      ms.set(m.name, value);
      const target = m.name === 'Api/Web' ? API_FIRST_RESPONSE_TARGET : OTHER_FIRST_RESPONSE_TARGET;
      log(
        `${m.name}: first response ${round(value)} ms, ${round(value / emptyMs)} × empty (target ≤ ${target})`,
      );
    }
    return { ms, emptyMs };
  } finally {
    await stack.close();
    rmSync(work, { recursive: true, force: true });
  }
}

const bench: Benchmark = {
  name: 'cold-start',
  description: `every Lambda bundle of the synth: size, median of ${RUNS} imports in a fresh Node process vs an empty module, and median of ${FIRST_RESPONSE_RUNS} first responses (spawn to answer, on Node 22 as Lambda runs it) vs an empty handler`,
  async run(log) {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    log('synthesising the stack (esbuild bundles every handler)…');
    await run('npx', ['cdk', 'synth', '--quiet', '-c', 'inboundSms=true', '--output', OUT], {
      cwd: ROOT,
      maxBuffer: 64 * 1024 * 1024,
    });
    const empty = join(OUT, 'empty.mjs');
    writeFileSync(empty, 'export {};\n');
    const stub = await secretsStub();
    const env = {
      AWS_REGION: 'eu-central-1',
      AWS_ACCESS_KEY_ID: 'bench',
      AWS_SECRET_ACCESS_KEY: 'bench',
      AWS_ENDPOINT_URL_SECRETS_MANAGER: stub.url,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      TABLE_MAIN: 'main',
      TABLE_RECIPIENTS: 'recipients',
      TABLE_AUDIT: 'audit',
      TABLE_HASHES: 'hashes',
      FILES_BUCKET: 'files',
      SESSION_SECRET_ARN: 'arn:aws:secretsmanager:eu-central-1:111122223333:secret:session',
      HMAC_SECRET_ARN: 'arn:aws:secretsmanager:eu-central-1:111122223333:secret:hmac',
      LOG_LEVEL: 'ERROR',
    };
    try {
      const found = bundles();
      const results: {
        name: string;
        bytes: number;
        installed_bytes: number;
        import_ms: number | null;
        api: boolean;
      }[] = [];
      const emptyRuns: number[] = [];
      const runs = new Map<string, number[]>(found.map((b) => [b.name, []]));
      const failures = new Map<string, string>();
      // Interleaved, so drift of this noisy machine hits the empty module and the bundles alike.
      for (let i = 0; i < RUNS; i++) {
        const emptyMs = await importMs(empty, env);
        if (typeof emptyMs === 'number') emptyRuns.push(emptyMs);
        for (const b of found) {
          if (failures.has(b.name)) continue;
          const ms = await importMs(b.file, { ...env, STYLESHEET_DIR: join(b.dir, 'assets') });
          if (typeof ms === 'number') runs.get(b.name)!.push(ms);
          else failures.set(b.name, ms);
        }
      }
      const emptyMs = median(emptyRuns);
      log(`empty module: ${round(emptyMs)} ms`);
      for (const b of found) {
        const { code: bytes, installed } = bundleBytes(b.dir);
        const target = b.api ? API_TARGET_BYTES : OTHER_TARGET_BYTES;
        const failure = failures.get(b.name);
        const ms = failure ? null : median(runs.get(b.name)!);
        log(
          `${b.name}: ${(bytes / 1024).toFixed(0)} kB (target ≤ ${(target / 1024).toFixed(0)} kB)${
            installed > 0
              ? ` + ${(installed / 1024 / 1024).toFixed(1)} MB installed packages (not counted)`
              : ''
          }, ${
            ms === null
              ? `import FAILS: ${failure}`
              : `import ${round(ms)} ms (target ≤ ${IMPORT_TARGET_MS} ms), ${round(ms / emptyMs)} × empty`
          }`,
        );
        results.push({
          name: b.name,
          bytes,
          installed_bytes: installed,
          import_ms: ms === null ? null : round(ms),
          api: b.api,
        });
      }
      const first = await firstResponses(found, log);
      const max = (values: number[]) => (values.length > 0 ? Math.max(...values) : 0);
      const ratios = found.flatMap((b) => {
        const ms = first.ms.get(b.name);
        return ms === undefined ? [] : [{ api: b.api, ratio: ms / first.emptyMs }];
      });
      return {
        bench: 'cold-start',
        bundles: results.map(({ name, bytes, installed_bytes, import_ms }) => ({
          name,
          bytes,
          ...(installed_bytes > 0 ? { installed_bytes } : {}),
          import_ms,
          first_response_ms: first.ms.has(name) ? round(first.ms.get(name)!) : null,
        })),
        max_api_bytes: max(results.filter((r) => r.api).map((r) => r.bytes)),
        max_other_bytes: max(results.filter((r) => !r.api).map((r) => r.bytes)),
        max_import_ms: max(results.flatMap((r) => (r.import_ms === null ? [] : [r.import_ms]))),
        empty_first_response_ms: round(first.emptyMs),
        api_first_response_ratio: round(max(ratios.filter((r) => r.api).map((r) => r.ratio))),
        max_other_first_response_ratio: round(max(ratios.filter((r) => !r.api).map((r) => r.ratio))),
      };
    } finally {
      await stub.close();
    }
  },
};

export default bench;

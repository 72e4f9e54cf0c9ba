import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AwsCallGroups } from '../../../functions/adapters/aws-calls.js';

const ADAPTERS = fileURLToPath(new URL('../../../functions/adapters/', import.meta.url));

/** SDK helpers that sign a request someone else sends with the function's credentials. */
const SIGNING_HELPERS = ['createPresignedPost', 'getSignedUrl'];

/** One adapter folder's declaration: its `aws-calls.ts` groups, and the SDK calls its source makes. */
export interface AdapterDeclaration {
  folder: string;
  groups: Record<string, AwsCallGroups>;
  /** SDK call → IAM actions, over every group of the folder. */
  declared: Map<string, Set<string>>;
  /** SDK calls found in the folder's own source files. */
  inSource: Set<string>;
}

/** Every adapter folder that calls AWS (has an `aws-calls.ts`), with what it declares and what its code calls. */
export async function adapterDeclarations(): Promise<AdapterDeclaration[]> {
  const out: AdapterDeclaration[] = [];
  for (const folder of readdirSync(ADAPTERS, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    const dir = join(ADAPTERS, folder.name);
    const files = readdirSync(dir).filter((f) => /\.tsx?$/.test(f));
    const inSource = new Set<string>();
    for (const file of files.filter((f) => f !== 'aws-calls.ts')) {
      for (const call of sdkCallsInSource(readFileSync(join(dir, file), 'utf8'))) inSource.add(call);
    }
    const groups: Record<string, AwsCallGroups> = files.includes('aws-calls.ts')
      ? ((await import(join(dir, 'aws-calls.ts'))) as Record<string, AwsCallGroups>)
      : {};
    const declared = new Map<string, Set<string>>();
    for (const exported of Object.values(groups)) {
      for (const calls of Object.values(exported)) {
        for (const [call, actions] of Object.entries(calls)) {
          const set = declared.get(call) ?? new Set<string>();
          for (const a of actions) set.add(a);
          declared.set(call, set);
        }
      }
    }
    if (inSource.size > 0 || declared.size > 0) out.push({ folder: folder.name, groups, declared, inSource });
  }
  return out;
}

/** SDK command classes and signing helpers a TypeScript source file names (types like `…CommandOutput` excluded). */
export function sdkCallsInSource(text: string): Set<string> {
  if (!/@aws-sdk\//.test(text)) return new Set();
  const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
  const found = new Set<string>();
  for (const m of code.matchAll(/\b([A-Z][A-Za-z0-9]*Command)\b/g)) found.add(m[1]!);
  for (const helper of SIGNING_HELPERS) if (new RegExp(`\\b${helper}\\b`).test(code)) found.add(helper);
  return found;
}

const exportsCache = new Map<string, Set<string>>();

async function exportsOf(pkg: string): Promise<Set<string>> {
  let names = exportsCache.get(pkg);
  if (!names) {
    names = new Set(Object.keys((await import(pkg)) as object));
    exportsCache.set(pkg, names);
  }
  return names;
}

/**
 * The SDK calls a deployed (minified) bundle can make: names exported as commands or signing helpers by the
 * `@aws-sdk/*` packages the bundle imports (the SDK is left to the Lambda runtime, so the names survive
 * minification as import names or destructured properties).
 */
export async function sdkCallsInBundle(code: string): Promise<Set<string>> {
  const packages = new Set([...code.matchAll(/["'](@aws-sdk\/[a-z0-9-]+)["']/g)].map((m) => m[1]!));
  const known = new Set<string>();
  for (const pkg of packages) {
    for (const name of await exportsOf(pkg)) {
      if ((/^[A-Z]\w*Command$/.test(name) && name !== 'Command') || SIGNING_HELPERS.includes(name)) {
        known.add(name);
      }
    }
  }
  const found = new Set<string>();
  for (const m of code.matchAll(/[A-Za-z_$][\w$]*/g)) if (known.has(m[0])) found.add(m[0]);
  return found;
}

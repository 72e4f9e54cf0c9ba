import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/**
 * A small import scanner over a source tree: which files there are, what each imports, which layer a file
 * belongs to and which import circles exist. The architecture tests run it over `functions/` and over
 * planted fixtures, so a scanner that stopped seeing imports would fail rather than pass.
 */

export const FUNCTIONS_ROOT = new URL('../../functions/', import.meta.url).pathname;

/** Every .ts/.tsx file under `dir`. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sourceFiles(path);
      return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
    });
}

/** The module specifiers a file imports or re-exports, static or dynamic, type-only included. */
export function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
}

/** The layer a path under `root` belongs to: its first folder, or the file's own name at the top. */
export function layerOf(root: string, path: string): string {
  const rel = relative(root, path);
  if (rel.startsWith('../')) return rel.split('/')[1]!;
  return rel.includes('/') ? rel.split('/')[0]! : rel.replace(/\.(tsx?|js)$/, '');
}

/** The source file a relative specifier points at (`./x.js` → `x.ts` or `x.tsx`), if it is in the tree. */
export function resolveRelative(from: string, spec: string): string | undefined {
  const base = join(dirname(from), spec);
  const stem = base.replace(/\.(js|jsx|ts|tsx)$/, '');
  for (const candidate of [`${stem}.ts`, `${stem}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * The import graph of a tree: file → files it imports (relative specifiers only). Type-only imports count:
 * two modules that name each other's types cannot be understood or moved one without the other.
 */
export function importGraph(root: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(root)) {
    const targets = importsOf(file)
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => resolveRelative(file, spec))
      .filter((target): target is string => target !== undefined);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/**
 * The import circles of a graph, one per strongly connected component of more than one file (or a file
 * that imports itself), each as its files relative to `root`, sorted, so the answer does not depend on
 * the order the files were read in.
 */
export function importCircles(root: string, graph = importGraph(root)): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  // Tarjan's algorithm, iterative so a deep tree cannot overflow the call stack.
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const edges = graph.get(frame.node) ?? [];
      if (frame.next < edges.length) {
        const target = edges[frame.next++]!;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.node);
      const selfImport = (graph.get(frame.node) ?? []).includes(frame.node);
      if (component.length > 1 || selfImport) circles.push(component.map((f) => relative(root, f)).sort());
    }
  }
  return circles.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** Which layers each layer may import; CONVENTIONS.md: handlers/local/cli → wiring → adapters, http, app → core. */
const DATA = ['templates', 'campaigns'];
export const ALLOWED: Record<string, string[]> = {
  core: ['core', ...DATA],
  app: ['app', 'core'],
  adapters: ['adapters', 'core'],
  http: ['http', 'app', 'core'],
  wiring: ['wiring', 'adapters', 'http', 'app', 'core', 'config'],
  config: ['config'],
  handlers: ['wiring', 'config'],
  local: ['local', 'wiring', 'config', 'http', 'app', 'adapters', 'core'],
  cli: ['cli', 'local', 'wiring', 'config', 'http', 'app', 'adapters', 'core'],
};

/**
 * Libraries core may not import: AWS, CDK and Hono (infrastructure and transport), MJML (template
 * compilation is build code) and exceljs (reading workbooks is an adapter behind `WorkbookReader`).
 */
export const FORBIDDEN_IN_CORE = /^@aws-sdk\/|^aws-cdk|^hono($|\/)|^@hono\/|^mjml($|\/)|^exceljs($|\/)/;

/** What breaks core's purity in the tree under `root`: forbidden libraries, env, wall clock, randomness. */
export function coreOffences(root: string): string[] {
  const offences: string[] = [];
  for (const file of sourceFiles(root).filter((f) => layerOf(root, f) === 'core')) {
    const name = relative(root, file);
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    for (const spec of importsOf(file)) {
      if (FORBIDDEN_IN_CORE.test(spec)) offences.push(`${name}: imports ${spec}`);
    }
    if (/process\.env/.test(text)) offences.push(`${name}: reads process.env`);
    if (/Date\.now\(\)|new Date\(\)/.test(text)) offences.push(`${name}: reads the wall clock`);
    if (/Math\.random\(\)/.test(text)) offences.push(`${name}: uses Math.random`);
  }
  return offences;
}

/** Relative imports under `root` that point outwards, against `ALLOWED`. */
export function layerOffences(root: string): string[] {
  const offences: string[] = [];
  for (const file of sourceFiles(root)) {
    const from = layerOf(root, file);
    for (const spec of importsOf(file).filter((s) => s.startsWith('.'))) {
      const target = layerOf(root, join(file, '..', spec));
      if (!(ALLOWED[from] ?? []).includes(target)) offences.push(`${relative(root, file)} → ${spec}`);
    }
  }
  return offences;
}

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../functions/', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
}

/** The layer a path inside functions/ belongs to. */
function layerOf(path: string): string {
  const rel = relative(ROOT, path);
  if (rel.startsWith('../')) return rel.split('/')[1]!;
  return rel.includes('/') ? rel.split('/')[0]! : rel.replace(/\.(tsx?|js)$/, '');
}

/** Which layers each layer may import; CONVENTIONS.md: handlers/local/cli → wiring → adapters, http, app → core. */
const DATA = ['templates', 'campaigns'];
const ALLOWED: Record<string, string[]> = {
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

const files = sourceFiles(ROOT);

describe('architecture', () => {
  it('finds the source tree', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('keeps functions/core pure: no AWS, no Hono, no env, no wall clock, no randomness', () => {
    const offences: string[] = [];
    for (const file of files.filter((f) => layerOf(f) === 'core')) {
      const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      for (const spec of importsOf(file)) {
        if (/^@aws-sdk\/|^aws-cdk|^hono($|\/)|^@hono\//.test(spec)) offences.push(`${file}: imports ${spec}`);
      }
      if (/process\.env/.test(text)) offences.push(`${file}: reads process.env`);
      if (/Date\.now\(\)|new Date\(\)/.test(text)) offences.push(`${file}: reads the wall clock`);
      if (/Math\.random\(\)/.test(text)) offences.push(`${file}: uses Math.random`);
    }
    expect(offences).toEqual([]);
  });

  it('lets dependencies point inwards only', () => {
    const offences: string[] = [];
    for (const file of files) {
      const from = layerOf(file);
      for (const spec of importsOf(file).filter((s) => s.startsWith('.'))) {
        const target = layerOf(join(file, '..', spec));
        if (!(ALLOWED[from] ?? []).includes(target)) offences.push(`${relative(ROOT, file)} → ${spec}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('detects a forbidden import when one is present', () => {
    const core = join(ROOT, 'core', 'x.ts');
    expect(ALLOWED[layerOf(core)]).not.toContain(layerOf(join(ROOT, 'adapters', 'y.ts')));
  });
});

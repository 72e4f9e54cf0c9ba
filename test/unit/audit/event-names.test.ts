import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_EVENT_NAMES, AuditActionSchema, auditEventName } from '../../../functions/core/audit/index.js';
import { PERMISSIONS } from '../../../functions/core/auth/permissions.js';

const FUNCTIONS = new URL('../../../functions/', import.meta.url).pathname;

/** Dotted literals in the sources that look like event codes but are not (a script's JSON keys). */
const NOT_EVENT_CODES = new Set(['progress.settled']);

/** A quoted `namespace.verb` literal, as every audit event code is written. */
const DOTTED = /['`]([a-z][a-z_]*)\.([a-z][a-z_]*)['`]/g;
const FILE_SUFFIX = /^(css|js|json|ndjson|csv|pdf|x|y)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/**
 * Every literal in `functions/` that reads like an audit event code: in a namespace the trail uses, or a
 * past tense (`…ed`, `…_in`, `…_out`, `…sent`) in any namespace, so a new kind of event is caught too.
 * Permissions and file names are not events.
 */
function eventCodesInSources(): Map<string, string> {
  const namespaces = new Set(AuditActionSchema.options.map((a) => a.split('.')[0]));
  const found = new Map<string, string>();
  for (const file of sourceFiles(FUNCTIONS)) {
    for (const [, ns = '', verb = ''] of readFileSync(file, 'utf8').matchAll(DOTTED)) {
      const code = `${ns}.${verb}`;
      if (Object.hasOwn(PERMISSIONS, code) || FILE_SUFFIX.test(verb) || NOT_EVENT_CODES.has(code)) continue;
      if (namespaces.has(ns) || /(ed|_in|_out|sent)$/.test(verb)) found.set(code, relative(FUNCTIONS, file));
    }
  }
  return found;
}

describe('Dutch audit event names', () => {
  it('names every event code written anywhere in functions/ (add a line to AUDIT_EVENT_NAMES)', () => {
    // Act
    const codes = eventCodesInSources();
    const unnamed = [...codes].filter(([code]) => !Object.hasOwn(AUDIT_EVENT_NAMES, code));

    // Assess
    expect(codes.size).toBeGreaterThanOrEqual(20);
    expect(
      unnamed.map(([code, file]) => `${code} (${file}) has no Dutch name in core/audit/event-names.ts`),
    ).toEqual([]);
  });

  it('names every event the schema admits, in Dutch and not as its code', () => {
    for (const action of AuditActionSchema.options) {
      // Act
      const name = auditEventName(action);

      // Assess
      expect(name).not.toBe(action);
      expect(name).not.toMatch(/[._]/);
      expect(name).toMatch(/^[A-Z]/);
    }
    expect(Object.keys(AUDIT_EVENT_NAMES).sort()).toEqual([...AuditActionSchema.options].sort());
  });

  it('makes an unknown code readable instead of showing it raw', () => {
    // Act
    const names = ['notification.task_mailed', '{"x":1}', '', 'constructor'].map(auditEventName);

    // Assess
    expect(names[0]).toBe('Onbekende gebeurtenis: notification task mailed');
    expect(names[1]).toBe('Onbekende gebeurtenis: x 1');
    expect(names[2]).toBe('Onbekende gebeurtenis: onbekend');
    expect(names[3]).toBe('Onbekende gebeurtenis: constructor');
  });
});

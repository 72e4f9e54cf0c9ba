import { describe, expect, it } from 'vitest';
import { coreOffences, FUNCTIONS_ROOT, layerOffences, sourceFiles } from './imports.js';

const PLANTED = new URL('../fixtures/architecture/violating/', import.meta.url).pathname;

describe('architecture', () => {
  it('finds the source tree', () => {
    expect(sourceFiles(FUNCTIONS_ROOT).length).toBeGreaterThan(20);
  });

  it('keeps functions/core pure: no AWS, no Hono, no MJML, no env, no wall clock, no randomness', () => {
    expect(coreOffences(FUNCTIONS_ROOT)).toEqual([]);
  });

  it('lets dependencies point inwards only', () => {
    expect(layerOffences(FUNCTIONS_ROOT)).toEqual([]);
  });

  it('detects a forbidden import when one is present', () => {
    // Prepare: a planted tree whose core imports an adapter, an AWS client and MJML (test/fixtures).
    // Act
    const purity = coreOffences(PLANTED);
    const layers = layerOffences(PLANTED);
    // Assess: every planted offence is named, and only in the leaky module.
    expect(purity).toEqual([
      'core/leaky.ts: imports @aws-sdk/client-sns',
      'core/leaky.ts: imports mjml',
      'core/leaky.ts: reads process.env',
      'core/leaky.ts: reads the wall clock',
    ]);
    expect(layers).toEqual(['core/leaky.ts → ../adapters/gateway.js']);
  });
});

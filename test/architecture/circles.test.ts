import { describe, expect, it } from 'vitest';
import { FUNCTIONS_ROOT, importCircles, importGraph } from './imports.js';

const PLANTED = new URL('../fixtures/architecture/circle/', import.meta.url).pathname;

describe('import circles', () => {
  it('finds a planted circle, across folders and through a type-only import, and a self-import', () => {
    // Prepare: first → second → nested/third → (type) first; leaf → first; self → self.
    // Act
    const circles = importCircles(PLANTED);
    // Assess
    expect(circles).toEqual([['first.ts', 'nested/third.ts', 'second.ts'], ['self.ts']]);
  });

  it('sees the imports of the real tree', () => {
    const edges = [...importGraph(FUNCTIONS_ROOT).values()].reduce((sum, targets) => sum + targets.length, 0);
    expect(edges).toBeGreaterThan(500);
  });

  it('finds no import circle in functions/', () => {
    expect(importCircles(FUNCTIONS_ROOT)).toEqual([]);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const folder = new URL('../../../functions/core/sending/', import.meta.url);
const forbidden: [RegExp, string][] = [
  [/from ['"]@aws-sdk\//, 'AWS SDK'],
  [/from ['"]hono/, 'hono'],
  [/process\.env/, 'process.env'],
  [/Date\.now\(\)/, 'Date.now()'],
  [/new Date\(\)/, 'new Date() without argument'],
  [/Math\.random\(/, 'Math.random()'],
  [/from ['"]\.\.\/\.\.\/(adapters|app|http|handlers|local)\//, 'outer layer'],
];

describe('core/sending stays pure', () => {
  it('imports no infrastructure and reads no clock or randomness of its own', () => {
    // Prepare
    const files = readdirSync(folder).filter((f) => f.endsWith('.ts'));
    // Act
    const violations = files.flatMap((file) => {
      const source = readFileSync(new URL(file, folder), 'utf8');
      return forbidden.filter(([pattern]) => pattern.test(source)).map(([, what]) => `${file}: ${what}`);
    });
    // Assess
    expect(files.length).toBeGreaterThan(5);
    expect(violations).toEqual([]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeLines, readPastedNumbers } from '../../../functions/core/contacts/pasted-lines.js';

const mobile = (n: number) => `06${String(20_000_000 + n).padStart(8, '0')}`;

describe('readPastedNumbers', () => {
  it('reports every non-empty line without a valid number by its line number, and reads the others', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(fc.integer({ min: 0, max: 999 }), fc.constantFrom('foo', '06123', '', '  ', 'bel mij')),
          {
            maxLength: 40,
          },
        ),
        (rows) => {
          // Prepare
          const text = rows.map((r) => (typeof r === 'number' ? mobile(r) : r)).join('\n');

          // Act
          const result = readPastedNumbers(text, 'NL');

          // Assess
          const expectedIgnored = rows.flatMap((r, i) =>
            typeof r === 'string' && r.trim() !== '' ? [i + 1] : [],
          );
          expect(result.ignoredLines).toEqual(expectedIgnored);
          expect(result.e164s.length).toBe(new Set(rows.filter((r) => typeof r === 'number')).size);
        },
      ),
    );
  });

  it('names lines in Dutch, shortening long lists', () => {
    expect(describeLines([3])).toBe('in regel 3 staat');
    expect(describeLines([1, 4])).toBe('in de regels 1 en 4 staat');
    expect(describeLines(Array.from({ length: 12 }, (_, i) => i + 1))).toBe(
      'in de regels 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 en nog 2 andere staat',
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fileExtension, fileLabel, nextFileSeq } from '../../../functions/core/contacts/file-label.js';

describe('file labels', () => {
  it('keeps at most a short extension of any name', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 10_000 }), (name, seq) => {
        // Act
        const extension = fileExtension(name);
        const label = fileLabel(seq, 'unreadable', extension);

        // Assess
        expect(extension).toMatch(/^(\.[a-z0-9]{1,5})?$/);
        expect(label).toMatch(/^Bestand \d+( \(\.[a-z0-9]{1,5}\))?$/);
      }),
    );
  });

  it('names a readable file by its number and format', () => {
    // Act
    const labels = (['vcard', 'csv', 'xlsx'] as const).map((format, i) => fileLabel(i + 1, format, '.txt'));

    // Assess
    expect(labels).toEqual(['Bestand 1 (vCard)', 'Bestand 2 (CSV)', 'Bestand 3 (XLSX)']);
    expect(fileExtension('contacten Jan Jansen.CSV')).toBe('.csv');
    expect(fileExtension('Jan Jansen')).toBe('');
  });

  it('numbers the next file one above the highest, counting unnumbered older files by their place', () => {
    // Assess
    expect(nextFileSeq([])).toBe(1);
    expect(nextFileSeq([{}, {}])).toBe(3);
    expect(nextFileSeq([{ seq: 1 }, { seq: 7 }, { seq: 4 }])).toBe(8);
  });
});

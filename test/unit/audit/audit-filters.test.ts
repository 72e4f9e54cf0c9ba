import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditMonths, parseAuditFilters } from '../../../functions/core/audit/index.js';
import {
  amsterdamDayEnd,
  amsterdamDayStart,
  formatDutchDateTime,
} from '../../../functions/core/shared/dutch-time.js';

describe('Dutch moments', () => {
  it.each([
    ['2026-12-04T17:22:06.645Z', '04-12-2026 18:22'],
    ['2026-07-01T22:30:00.000Z', '02-07-2026 00:30'],
    ['2026-03-29T01:00:00.000Z', '29-03-2026 03:00'],
    ['2026-10-25T00:59:00.000Z', '25-10-2026 02:59'],
    ['2026-10-25T01:00:00.000Z', '25-10-2026 02:00'],
  ])('writes %s as %s, Amsterdam time', (iso, dutch) => {
    expect(formatDutchDateTime(iso)).toBe(dutch);
  });

  it('starts and ends Amsterdam days across the clock changes', () => {
    expect(amsterdamDayStart('2026-03-29')).toBe('2026-03-28T23:00:00.000Z');
    expect(amsterdamDayEnd('2026-03-29')).toBe('2026-03-29T22:00:00.000Z');
    expect(amsterdamDayStart('2026-10-25')).toBe('2026-10-24T22:00:00.000Z');
    expect(amsterdamDayEnd('2026-10-25')).toBe('2026-10-25T23:00:00.000Z');
    expect(amsterdamDayStart('2026-02-30')).toBeUndefined();
  });

  it('begins every day at 00:00 on the Dutch clock', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) }), (ms) => {
        // Prepare
        const day = new Date(ms).toISOString().slice(0, 10);

        // Act
        const start = amsterdamDayStart(day);

        // Assess
        const [y, m, d] = day.split('-');
        expect(formatDutchDateTime(start!)).toBe(`${d}-${m}-${y} 00:00`);
      }),
    );
  });
});

describe('audit filters', () => {
  it('reads a period in Amsterdam days, typed either way, with the end day included', () => {
    // Act
    const parsed = parseAuditFilters({ van: '04-12-2026', tot: '2026-12-05', actie: 'campaign.completed' });

    // Assess
    expect(parsed.errors).toEqual([]);
    expect(parsed.form).toEqual({ van: '2026-12-04', tot: '2026-12-05', actie: 'campaign.completed' });
    expect(parsed.query).toEqual({
      from: '2026-12-03T23:00:00.000Z',
      until: '2026-12-05T23:00:00.000Z',
      action: 'campaign.completed',
    });
  });

  it('refuses unreadable values with a Dutch message instead of guessing', () => {
    // Act
    const parsed = parseAuditFilters({
      van: '31-02-2026',
      actie: 'campaign.exploded',
      persoon: 'x y',
      zaak: 'case-1',
    });
    const reversed = parseAuditFilters({ van: '2026-12-05', tot: '2026-12-04' });

    // Assess
    expect(parsed.errors.map((e) => e.field)).toEqual(['van', 'actie', 'persoon']);
    expect(parsed.query).toEqual({ caseId: 'case-1' });
    expect(reversed.errors).toEqual([{ field: 'tot', message: 'De datum "tot" ligt vóór de datum "van".' }]);
    expect(reversed.query.until).toBeUndefined();
  });

  it('scans the months of the period, or the last twelve', () => {
    // Prepare
    const now = new Date('2026-12-05T00:30:00.000Z');

    // Act
    const lastYear = auditMonths(now, {});
    const period = auditMonths(now, { from: '2026-09-30T22:00:00.000Z', until: '2026-11-01T00:00:00.000Z' });

    // Assess
    expect(lastYear).toHaveLength(12);
    expect([lastYear[0], lastYear[11]]).toEqual(['2026-12', '2026-01']);
    expect(period).toEqual(['2026-10', '2026-09']);
  });
});

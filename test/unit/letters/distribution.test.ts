import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError } from '../../../functions/core/errors.js';
import {
  addNote,
  coverage,
  DELIVERY_TRANSITIONS,
  markDelivered,
  planRound,
  reportProblem,
  undoDelivery,
} from '../../../functions/core/letters/distribution.js';
import { type Round, RoundSchema } from '../../../functions/core/letters/distribution.schema.js';
import { csvCell, distributionListCsv } from '../../../functions/core/letters/distribution-list.js';
import { UndoWindowClosedError } from '../../../functions/core/letters/letters.errors.js';
import { anAddress } from './builders.js';

const T0 = new Date('2025-03-12T09:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const brug = { street: 'Brugstraat', city: 'Proefdorp' };
const akker = { street: 'Akkerweg', city: 'Proefdorp' };

function aRound(): Round {
  const addresses = [
    ...[1, 3, 5, 2, 4].map((n) => anAddress({ ...brug, houseNumber: n })),
    ...[2, 4].map((n) => anAddress({ ...akker, houseNumber: n })),
  ];
  return planRound(
    {
      campaignId: 'c1',
      date: '2025-03-12',
      timeSlot: { from: '09:00', to: '12:00' },
      team: ['u-anna', 'u-bram'],
      streets: [brug, akker],
    },
    addresses,
    { id: 'r1', now: T0, by: 'u-manager' },
  );
}

describe('planRound', () => {
  it('lists streets in walking order with ranges and counts', () => {
    // Act
    const round = aRound();
    // Assess
    expect(round.streets.map((s) => [s.street, s.count, s.status])).toEqual([
      ['Akkerweg', 2, 'planned'],
      ['Brugstraat', 5, 'planned'],
    ]);
    expect(round.streets[1]?.ranges).toEqual([
      { side: 'odd', from: 1, to: 5, count: 3 },
      { side: 'even', from: 2, to: 4, count: 2 },
    ]);
  });

  it('refuses a time slot that ends before it starts and a street outside the selection', () => {
    const base = { campaignId: 'c1', date: '2025-03-12', team: ['u-anna'], streets: [brug] };
    const addresses = [anAddress({ ...brug })];
    const meta = { id: 'r', now: T0, by: 'u' };
    expect(() => planRound({ ...base, timeSlot: { from: '12:00', to: '09:00' } }, addresses, meta)).toThrow(
      expect.objectContaining({ userMessage: expect.stringContaining('tijdvak') }),
    );
    expect(() =>
      planRound({ ...base, timeSlot: { from: '09:00', to: '12:00' }, streets: [akker] }, addresses, meta),
    ).toThrow(expect.objectContaining({ userMessage: expect.stringContaining('hoort niet') }));
  });
});

describe('delivering a street', () => {
  it('is time-stamped and counted in the coverage', () => {
    // Act
    const round = markDelivered(aRound(), brug, { userId: 'u-anna', now: minutes(5) });
    // Assess
    const street = round.streets.find((s) => s.street === 'Brugstraat');
    expect(street).toMatchObject({
      status: 'delivered',
      deliveredAt: minutes(5).toISOString(),
      deliveredBy: 'u-anna',
    });
    expect(coverage([round]).letters).toEqual({
      total: 7,
      planned: 2,
      delivered: 5,
      problems: 0,
      unplanned: 0,
    });
  });

  it('can be undone within ten minutes, not after', () => {
    // Prepare
    const delivered = markDelivered(aRound(), brug, { userId: 'u-anna', now: minutes(0) });
    // Act
    const undone = undoDelivery(delivered, brug, { userId: 'u-bram', now: minutes(10) });
    // Assess
    expect(undone.streets.find((s) => s.street === 'Brugstraat')?.status).toBe('planned');
    expect(() => undoDelivery(delivered, brug, { userId: 'u-anna', now: minutes(10.01) })).toThrow(
      UndoWindowClosedError,
    );
  });

  it('is refused for someone outside the team and twice in a row', () => {
    expect(() => markDelivered(aRound(), brug, { userId: 'u-other', now: T0 })).toThrow(ForbiddenError);
    const once = markDelivered(aRound(), brug, { userId: 'u-anna', now: T0 });
    expect(() => markDelivered(once, brug, { userId: 'u-anna', now: T0 })).toThrow(ConflictError);
  });

  it('keeps notes and problems apart from deliveries', () => {
    // Act
    let round = addNote(aRound(), akker, { userId: 'u-anna', now: minutes(1) }, 'bouwterrein');
    round = reportProblem(round, brug, { userId: 'u-bram', now: minutes(2) }, 'brievenbus dichtgeplakt');
    const result = coverage([round]);
    // Assess
    expect(result.streets.map((s) => [s.street, s.status])).toEqual([
      ['Akkerweg', 'planned'],
      ['Brugstraat', 'problem'],
    ]);
    expect(result.streetCounts).toEqual({ total: 2, planned: 1, delivered: 0, problems: 1, unplanned: 0 });
    expect(round.streets[0]?.notes.map((n) => n.text)).toEqual(['bouwterrein']);
  });
});

describe('coverage of the selection', () => {
  const kerk = { street: 'Kerkstraat', city: 'Proefdorp' };

  it('counts selected streets in no round in the totals, as not yet planned', () => {
    // Prepare
    const round = markDelivered(aRound(), akker, { userId: 'u-anna', now: T0 });
    const selected = [
      { ...brug, letters: 5 },
      { ...akker, letters: 2 },
      { ...kerk, letters: 91 },
    ];

    // Act
    const result = coverage([round], selected);

    // Assess
    expect(result.letters).toEqual({ total: 98, planned: 5, delivered: 2, problems: 0, unplanned: 91 });
    expect(result.streetCounts).toEqual({ total: 3, planned: 1, delivered: 1, problems: 0, unplanned: 1 });
    expect(result.streets.map((s) => [s.street, s.status])).toEqual([
      ['Akkerweg', 'delivered'],
      ['Brugstraat', 'planned'],
      ['Kerkstraat', 'unplanned'],
    ]);
  });

  it('never reports more progress than the selection has: the parts always add up to the total', () => {
    const street = fc.record({
      street: fc.constantFrom('Brugstraat', 'Akkerweg', 'Kerkstraat', 'Dorpsplein'),
      city: fc.constant('Proefdorp'),
      letters: fc.integer({ min: 0, max: 500 }),
    });
    fc.assert(
      fc.property(fc.array(street, { maxLength: 6 }), fc.boolean(), (selected, withRound) => {
        // Act
        const result = coverage(withRound ? [aRound()] : [], selected);

        // Assess
        const { letters, streetCounts } = result;
        expect(letters.planned + letters.delivered + letters.problems + letters.unplanned).toBe(
          letters.total,
        );
        expect(
          streetCounts.planned + streetCounts.delivered + streetCounts.problems + streetCounts.unplanned,
        ).toBe(streetCounts.total);
        const unplannedKeys = new Set(
          selected
            .filter(
              (s) => s.letters > 0 && (!withRound || (s.street !== 'Brugstraat' && s.street !== 'Akkerweg')),
            )
            .map((s) => s.street),
        );
        expect(streetCounts.unplanned).toBe(unplannedKeys.size);
      }),
    );
  });
});

describe('round state machine', () => {
  it('keeps a valid round and consistent coverage under any sequence of actions', () => {
    const action = fc.record({
      kind: fc.constantFrom('deliver', 'undo', 'problem', 'note'),
      street: fc.constantFrom(brug, akker),
      user: fc.constantFrom('u-anna', 'u-bram', 'u-other'),
      after: fc.integer({ min: 0, max: 15 }),
    });
    fc.assert(
      fc.property(fc.array(action, { maxLength: 30 }), (actions) => {
        let round = aRound();
        let clock = 0;
        for (const a of actions) {
          clock += a.after;
          const actor = { userId: a.user, now: minutes(clock) };
          const before = round.streets.find((s) => s.street === a.street.street)?.status;
          try {
            if (a.kind === 'deliver') round = markDelivered(round, a.street, actor);
            if (a.kind === 'undo') round = undoDelivery(round, a.street, actor);
            if (a.kind === 'problem') round = reportProblem(round, a.street, actor, 'probleem');
            if (a.kind === 'note') round = addNote(round, a.street, actor, 'notitie');
          } catch (error) {
            expect(error).toMatchObject({ userMessage: expect.any(String) });
          }
          const after = round.streets.find((s) => s.street === a.street.street)?.status;
          if (before && after && before !== after) expect(DELIVERY_TRANSITIONS[before]).toContain(after);
          expect(RoundSchema.parse(round)).toEqual(round);
          const figures = coverage([round]).letters;
          expect(figures.planned + figures.delivered + figures.problems).toBe(figures.total);
          for (const s of round.streets) expect(s.status === 'delivered').toBe(s.deliveredAt !== null);
        }
      }),
    );
  });
});

describe('distributionListCsv', () => {
  it('writes one row per street and defuses spreadsheet formulas', () => {
    // Prepare
    const round = addNote(aRound(), brug, { userId: 'u-anna', now: T0 }, '=HYPERLINK("http://evil")');
    // Act
    const csv = distributionListCsv([round]);
    // Assess
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain('"oneven 1–5 (3), even 4–2 (2)"');
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });

  it('never lets a cell start with a formula character', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const cell = csvCell(value);
        expect(cell.startsWith('"')).toBe(true);
        expect(cell.charAt(1)).not.toMatch(/[=+\-@\t\r]/);
        expect(cell.slice(1, -1).replace(/""/g, '')).not.toContain('"');
      }),
    );
  });
});

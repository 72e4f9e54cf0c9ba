import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  currentSendWindowEnd,
  DEFAULT_SEND_WINDOW,
  firstSendAt,
  isSendingAllowed,
  nextSendWindowStart,
  parseSendWindow,
  type SendWindow,
} from '../../../functions/core/sending/send-window.js';

const weekdays: SendWindow = { ...DEFAULT_SEND_WINDOW, days: [1, 2, 3, 4, 5] };

function amsterdamClock(d: Date): string {
  return new Intl.DateTimeFormat('nl-NL', {
    timeZone: 'Europe/Amsterdam',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(d);
}

describe('isSendingAllowed', () => {
  it('allows 09:00 up to but not including 20:00 Amsterdam time in winter (UTC+1)', () => {
    // Prepare: Tuesday 14 January 2025
    const cases = [
      ['2025-01-14T07:59:59Z', false],
      ['2025-01-14T08:00:00Z', true],
      ['2025-01-14T18:59:59Z', true],
      ['2025-01-14T19:00:00Z', false],
    ] as const;
    // Act / Assess
    for (const [iso, expected] of cases)
      expect(isSendingAllowed(new Date(iso), DEFAULT_SEND_WINDOW), iso).toBe(expected);
  });

  it('uses UTC+2 in summer', () => {
    // Prepare / Act / Assess: 08:00Z is 10:00 in July, 07:00Z is 09:00
    expect(isSendingAllowed(new Date('2025-07-15T06:59:00Z'), DEFAULT_SEND_WINDOW)).toBe(false);
    expect(isSendingAllowed(new Date('2025-07-15T07:00:00Z'), DEFAULT_SEND_WINDOW)).toBe(true);
    expect(isSendingAllowed(new Date('2025-07-15T17:59:59Z'), DEFAULT_SEND_WINDOW)).toBe(true);
    expect(isSendingAllowed(new Date('2025-07-15T18:00:00Z'), DEFAULT_SEND_WINDOW)).toBe(false);
  });

  it('respects the configured days in local time, not UTC', () => {
    // Prepare: Saturday 18 January 2025 10:00 local; Friday 17 January 23:30Z is already Saturday 00:30 local
    const saturday = new Date('2025-01-18T09:00:00Z');
    // Act / Assess
    expect(isSendingAllowed(saturday, weekdays)).toBe(false);
    expect(isSendingAllowed(saturday, DEFAULT_SEND_WINDOW)).toBe(true);
  });
});

describe('nextSendWindowStart across DST changes', () => {
  it('last Sunday of March 2025: the night clocks jump from 02:00 to 03:00, the window opens at 09:00 CEST', () => {
    // Prepare: Sunday 30 March 2025, 01:30 CET = 00:30Z, before the jump
    const now = new Date('2025-03-30T00:30:00Z');
    // Act
    const next = nextSendWindowStart(now, DEFAULT_SEND_WINDOW);
    // Assess: 09:00 CEST = 07:00Z, not 08:00Z
    expect(next.toISOString()).toBe('2025-03-30T07:00:00.000Z');
    expect(amsterdamClock(next)).toBe('zo 09:00');
  });

  it('last Sunday of October 2025: clocks go back from 03:00 to 02:00, the window opens at 09:00 CET', () => {
    // Prepare: Sunday 26 October 2025, 01:30 CEST = 23:30Z on Saturday
    const now = new Date('2025-10-25T23:30:00Z');
    // Act
    const next = nextSendWindowStart(now, DEFAULT_SEND_WINDOW);
    // Assess: 09:00 CET = 08:00Z
    expect(next.toISOString()).toBe('2025-10-26T08:00:00.000Z');
    expect(amsterdamClock(next)).toBe('zo 09:00');
  });

  it('the window closes at 20:00 local on both DST Sundays', () => {
    // Prepare / Act
    const marchEnd = currentSendWindowEnd(new Date('2025-03-30T12:00:00Z'), DEFAULT_SEND_WINDOW);
    const octoberEnd = currentSendWindowEnd(new Date('2025-10-26T12:00:00Z'), DEFAULT_SEND_WINDOW);
    // Assess
    expect(marchEnd?.toISOString()).toBe('2025-03-30T18:00:00.000Z');
    expect(octoberEnd?.toISOString()).toBe('2025-10-26T19:00:00.000Z');
  });

  it('a start time inside the spring gap moves forward by the gap, the repeated autumn hour takes the first', () => {
    // Prepare
    const night: SendWindow = { ...DEFAULT_SEND_WINDOW, start: '02:30', end: '05:00' };
    // Act
    const spring = nextSendWindowStart(new Date('2025-03-29T23:00:00Z'), night);
    const autumn = nextSendWindowStart(new Date('2025-10-25T22:00:00Z'), night);
    // Assess: 02:30 does not exist on 30 March (03:30 CEST = 01:30Z); on 26 October it exists twice (00:30Z first)
    expect(spring.toISOString()).toBe('2025-03-30T01:30:00.000Z');
    expect(autumn.toISOString()).toBe('2025-10-26T00:30:00.000Z');
  });

  it('after Friday 20:00 a weekdays-only window reopens on Monday 09:00', () => {
    // Prepare: Friday 17 January 2025 20:15 local
    const now = new Date('2025-01-17T19:15:00Z');
    // Act
    const next = nextSendWindowStart(now, weekdays);
    // Assess
    expect(next.toISOString()).toBe('2025-01-20T08:00:00.000Z');
  });

  it('returns now itself inside the window', () => {
    // Prepare
    const now = new Date('2025-01-14T10:00:00Z');
    // Act / Assess
    expect(nextSendWindowStart(now, DEFAULT_SEND_WINDOW).getTime()).toBe(now.getTime());
  });

  it('property: the answer is allowed, not before now, and no allowed minute lies between', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2024-01-01T00:00:00Z'),
          max: new Date('2027-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
        fc.integer({ min: 0, max: 22 }),
        fc.integer({ min: 1, max: 10 }),
        (now, days, startHour, length) => {
          // Prepare
          const endHour = Math.min(23, startHour + length);
          const window: SendWindow = {
            start: `${String(startHour).padStart(2, '0')}:00`,
            end: `${String(endHour).padStart(2, '0')}:00`,
            days,
            timeZone: 'Europe/Amsterdam',
          };
          // Act
          const next = nextSendWindowStart(now, window);
          // Assess
          expect(next.getTime()).toBeGreaterThanOrEqual(now.getTime());
          expect(isSendingAllowed(next, window)).toBe(true);
          for (let t = now.getTime(); t < next.getTime(); t += 15 * 60_000) {
            expect(isSendingAllowed(new Date(t), window)).toBe(false);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('firstSendAt and parseSendWindow', () => {
  it('a launch scheduled at 07:00 waits for 09:00; one in the past starts now', () => {
    // Prepare
    const now = new Date('2025-01-14T05:00:00Z');
    // Act
    const early = firstSendAt(new Date('2025-01-14T06:00:00Z'), now, DEFAULT_SEND_WINDOW);
    const past = firstSendAt(
      new Date('2025-01-13T10:00:00Z'),
      new Date('2025-01-14T10:00:00Z'),
      DEFAULT_SEND_WINDOW,
    );
    // Assess
    expect(early.toISOString()).toBe('2025-01-14T08:00:00.000Z');
    expect(past.toISOString()).toBe('2025-01-14T10:00:00.000Z');
  });

  it('refuses a window that ends before it starts, with a Dutch message', () => {
    // Act / Assess
    expect(() => parseSendWindow({ start: '20:00', end: '09:00', days: [1] })).toThrow(
      expect.objectContaining({ userMessage: expect.stringContaining('begintijd') }),
    );
    expect(() =>
      parseSendWindow({ start: '09:00', end: '20:00', days: [1], timeZone: 'Mars/Olympus' }),
    ).toThrow(expect.objectContaining({ userMessage: 'Deze tijdzone is onbekend.' }));
    expect(parseSendWindow({ start: '09:00', end: '20:00', days: [1] }).timeZone).toBe('Europe/Amsterdam');
  });
});

describe('a window that ends at 24:00', () => {
  const wholeDay = parseSendWindow({ start: '00:00', end: '24:00', days: [1, 2, 3, 4, 5, 6, 7] });

  it('allows every moment of every day, the last minute before midnight included', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2025-01-01T00:00:00Z'),
          max: new Date('2027-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        (now) => isSendingAllowed(now, wholeDay),
      ),
    );
    // 23:59:30 in Amsterdam (winter and summer), where a window ending at 23:59 is closed.
    expect(isSendingAllowed(new Date('2026-12-04T22:59:30Z'), wholeDay)).toBe(true);
    expect(isSendingAllowed(new Date('2026-07-15T21:59:30Z'), wholeDay)).toBe(true);
    expect(isSendingAllowed(new Date('2026-12-04T22:59:30Z'), { ...wholeDay, end: '23:59' })).toBe(false);
  });

  it('ends the current window at the next local midnight, across a DST change', () => {
    expect(currentSendWindowEnd(new Date('2026-12-04T12:00:00Z'), wholeDay)?.toISOString()).toBe(
      '2026-12-04T23:00:00.000Z',
    );
    // 28 March 2026 ends at 23:00Z (winter time); the next midnight is after the change to summer time.
    expect(currentSendWindowEnd(new Date('2026-03-29T12:00:00Z'), wholeDay)?.toISOString()).toBe(
      '2026-03-29T22:00:00.000Z',
    );
  });

  it('is only an end: 24:00 cannot start a window, and other hours past 23:59 are refused', () => {
    expect(() => parseSendWindow({ start: '24:00', end: '24:00', days: [1] })).toThrow();
    expect(() => parseSendWindow({ start: '00:00', end: '24:30', days: [1] })).toThrow();
    expect(() => parseSendWindow({ start: '00:00', end: '25:00', days: [1] })).toThrow();
  });
});

import * as z from 'zod';
import { ValidationError } from '../errors.js';

const Hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
/** An end time may also be 24:00, the midnight that ends the day: a window of 00:00–24:00 is the whole day. */
const EndHhmm = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/);

/**
 * When messages may go out: a daily window in local time on the given ISO weekdays (1 = Monday … 7 = Sunday).
 * The window never spans midnight: the point of it is that nobody is woken at night.
 */
export const SendWindowSchema = z
  .object({
    start: Hhmm,
    end: EndHhmm,
    days: z.array(z.number().int().min(1).max(7)).min(1),
    timeZone: z.string().min(1).default('Europe/Amsterdam'),
  })
  .refine((w) => w.start < w.end, { message: 'start must be before end', path: ['end'] });
export type SendWindow = z.infer<typeof SendWindowSchema>;

/** 09:00–20:00 in Amsterdam, every day of the week; municipalities narrow the days in their settings. */
export const DEFAULT_SEND_WINDOW: SendWindow = {
  start: '09:00',
  end: '20:00',
  days: [1, 2, 3, 4, 5, 6, 7],
  timeZone: 'Europe/Amsterdam',
};

/** Parses a window from settings or a campaign, with a Dutch message when it is unusable. */
export function parseSendWindow(input: unknown): SendWindow {
  const result = SendWindowSchema.safeParse(input);
  if (!result.success) {
    throw new ValidationError('Invalid send window', {
      userMessage: 'De verzendtijden kloppen niet: kies een begintijd vóór de eindtijd en minstens één dag.',
      context: { issues: result.error.issues.length },
    });
  }
  assertTimeZone(result.data.timeZone);
  return result.data;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function assertTimeZone(timeZone: string): void {
  try {
    formatter(timeZone);
  } catch (cause) {
    throw new ValidationError('Unknown time zone', {
      cause,
      userMessage: 'Deze tijdzone is onbekend.',
      context: { timeZone },
    });
  }
}

interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localTime(instantMs: number, timeZone: string): LocalTime {
  const parts = formatter(timeZone).formatToParts(new Date(instantMs));
  const get = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

function wallClockAsUtc(t: LocalTime): number {
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
}

/** Offset of the zone from UTC at an instant, in milliseconds (Amsterdam: +1 h in winter, +2 h in summer). */
function offsetMs(instantMs: number, timeZone: string): number {
  const whole = Math.floor(instantMs / 1000) * 1000;
  return wallClockAsUtc(localTime(whole, timeZone)) - whole;
}

/**
 * The instant of a local wall-clock time. A time that occurs twice (autumn) resolves to the earlier one; a time
 * that does not exist (spring gap) is moved forward by the length of the gap, as clocks on the wall are.
 */
function instantOfLocal(t: LocalTime, timeZone: string): number {
  const asUtc = wallClockAsUtc(t);
  const before = offsetMs(asUtc - 86_400_000, timeZone);
  const after = offsetMs(asUtc + 86_400_000, timeZone);
  const candidates = [asUtc - before, asUtc - after].filter(
    (c) => wallClockAsUtc(localTime(c, timeZone)) === asUtc,
  );
  if (candidates.length > 0) return Math.min(...candidates);
  return asUtc - before;
}

function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

function isoWeekday(year: number, month: number, day: number): number {
  const d = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return d === 0 ? 7 : d;
}

function addDays(t: LocalTime, days: number): LocalTime {
  const d = new Date(Date.UTC(t.year, t.month - 1, t.day + days));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: 0,
    minute: 0,
    second: 0,
  };
}

function atClock(date: LocalTime, hhmm: string): LocalTime {
  const minutes = minutesOf(hhmm);
  return { ...date, hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0 };
}

/**
 * Whether a message may be sent at `now`: on an allowed weekday, at or after the start and before the end,
 * in the window's local time. Why local wall-clock time and not a UTC range: "not before nine" means nine
 * o'clock on the recipient's clock on both sides of a DST change.
 */
export function isSendingAllowed(now: Date, window: SendWindow): boolean {
  const t = localTime(now.getTime(), window.timeZone);
  if (!window.days.includes(isoWeekday(t.year, t.month, t.day))) return false;
  const seconds = (t.hour * 60 + t.minute) * 60 + t.second;
  return seconds >= minutesOf(window.start) * 60 && seconds < minutesOf(window.end) * 60;
}

/**
 * The first instant at or after `now` at which sending is allowed (`now` itself inside the window).
 * Why: the dispatcher sleeps until then, and the dashboard shows it as "volgende verzendmoment".
 */
export function nextSendWindowStart(now: Date, window: SendWindow): Date {
  if (isSendingAllowed(now, window)) return now;
  const today = localTime(now.getTime(), window.timeZone);
  for (let i = 0; i <= 7; i++) {
    const date = addDays(today, i);
    if (!window.days.includes(isoWeekday(date.year, date.month, date.day))) continue;
    const start = instantOfLocal(atClock(date, window.start), window.timeZone);
    if (start >= now.getTime()) return new Date(start);
  }
  throw new ValidationError('Send window has no allowed day', {
    userMessage: 'Er is geen dag gekozen waarop berichten verstuurd mogen worden.',
  });
}

/** The end of the window `now` lies in, or undefined outside the window. */
export function currentSendWindowEnd(now: Date, window: SendWindow): Date | undefined {
  if (!isSendingAllowed(now, window)) return undefined;
  const today = localTime(now.getTime(), window.timeZone);
  return new Date(instantOfLocal(atClock(addDays(today, 0), window.end), window.timeZone));
}

/**
 * When the first message of a campaign may go: the scheduled start, moved to the next window if it falls
 * outside. Why separate: the adviser sees this time when scheduling, before anything is sent.
 */
export function firstSendAt(scheduledStart: Date, now: Date, window: SendWindow): Date {
  const from = scheduledStart.getTime() > now.getTime() ? scheduledStart : now;
  return nextSendWindowStart(from, window);
}

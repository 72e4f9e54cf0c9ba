/**
 * The one way a moment is written for Dutch readers in the audit trail, its CSV and the purge certificate:
 * `dd-mm-jjjj uu:mm` in Europe/Amsterdam time (summer and winter time included), never an ISO string.
 */
const TIME_ZONE = 'Europe/Amsterdam';

const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

function amsterdamParts(ms: number): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> {
  const parts = PARTS.formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
  };
}

/** `04-12-2026 18:22` for `2026-12-04T17:22:06.645Z`; an unreadable moment as "onbekend tijdstip". */
export function formatDutchDateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return 'onbekend tijdstip';
  const p = amsterdamParts(ms);
  return `${p.day}-${p.month}-${p.year} ${p.hour}:${p.minute}`;
}

/** `04-12-2026` for a moment, in Amsterdam time. */
export function formatDutchDate(iso: string): string {
  return formatDutchDateTime(iso).slice(0, 10);
}

/** Minutes Amsterdam is ahead of UTC at `utcMs`. */
function offsetMinutes(utcMs: number): number {
  const p = amsterdamParts(utcMs);
  const local = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
  );
  return Math.round((local - Math.floor(utcMs / 60_000) * 60_000) / 60_000);
}

/**
 * The UTC moment at which an Amsterdam calendar day (`jjjj-mm-dd`, as a date input sends it) begins, or
 * undefined when the text is not such a day.
 */
export function amsterdamDayStart(day: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day.trim());
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const wall = Date.UTC(y, m - 1, d);
  const back = new Date(wall);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d)
    return undefined;
  if (y < 2000 || y > 2999) return undefined;
  let utc = wall - offsetMinutes(wall) * 60_000;
  utc = wall - offsetMinutes(utc) * 60_000;
  return new Date(utc).toISOString();
}

/** The UTC moment at which the Amsterdam day after `day` begins: the exclusive end of "tot en met `day`". */
export function amsterdamDayEnd(day: string): string | undefined {
  const start = amsterdamDayStart(day);
  if (!start) return undefined;
  const next = new Date(Date.parse(`${day.trim()}T00:00:00Z`) + 36 * 3_600_000).toISOString().slice(0, 10);
  return amsterdamDayStart(next);
}

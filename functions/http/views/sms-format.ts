import { CAMPAIGN_STATUS_LABELS, type CampaignStatus } from '../../core/campaigns/campaign.schema.js';
import { formatDutchDateTime } from '../../core/shared/dutch-time.js';

const TIME_ZONE = 'Europe/Amsterdam';

/** A moment on every page: the one Dutch format `dd-mm-jjjj uu:mm`, in Amsterdam time. */
export function formatDateTime(iso: string): string {
  return formatDutchDateTime(iso);
}

/** A calendar day (`2026-12-04`) as `04-12-2026`, the date part of the one format. */
export function formatDate(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-');
  return `${d}-${m}-${y}`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('nl-NL');
}

export function formatEuro(amount: number): string {
  return new Intl.NumberFormat('nl-NL', {
    style: 'currency',
    currency: 'EUR',
    maximumFractionDigits: 4,
  }).format(amount);
}

export function statusLabel(status: CampaignStatus): string {
  return CAMPAIGN_STATUS_LABELS[status];
}

function offsetMinutes(utcMs: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((local - Math.floor(utcMs / 60_000) * 60_000) / 60_000);
}

/**
 * A `datetime-local` value typed in Amsterdam time as a UTC ISO moment, or undefined when it is not one.
 * Browsers send local wall-clock time without a zone; the platform stores UTC.
 */
export function amsterdamLocalToIso(value: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  if (Number.isNaN(wall)) return undefined;
  let utc = wall - offsetMinutes(wall) * 60_000;
  utc = wall - offsetMinutes(utc) * 60_000;
  return new Date(utc).toISOString();
}

/** The `datetime-local` value for a UTC moment, in Amsterdam time. */
export function isoToAmsterdamLocal(iso: string): string {
  const ms = Date.parse(iso);
  const local = new Date(ms + offsetMinutes(ms) * 60_000);
  return local.toISOString().slice(0, 16);
}

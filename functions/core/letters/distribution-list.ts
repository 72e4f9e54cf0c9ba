import type { Round } from './distribution.schema.js';
import { describeRanges } from './walking-order.js';

const STATUS_LABELS = { planned: 'gepland', delivered: 'bezorgd', problem: 'probleem' } as const;

/**
 * Makes a cell safe for spreadsheets: a value starting with = + - @ or a control character would run as a
 * formula in Excel (CSV injection), so it gets a leading apostrophe; quotes are doubled.
 */
export function csvCell(value: string | number): string {
  let text = String(value).replace(/\r\n|\r|\n/g, ' ');
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * The distribution list of rounds as CSV (semicolon, UTF-8 with BOM, CRLF: what Dutch Excel opens
 * correctly): one row per street in walking order with its house-number ranges, count and status.
 */
export function distributionListCsv(rounds: readonly Round[]): string {
  const header = [
    'ronde',
    'datum',
    'tijdvak',
    'straat',
    'plaats',
    'huisnummers',
    'aantal',
    'status',
    'bezorgd om',
    'notities',
  ];
  const lines = [header.map(csvCell).join(';')];
  for (const round of rounds) {
    for (const street of round.streets) {
      lines.push(
        [
          round.id,
          round.date,
          `${round.timeSlot.from}-${round.timeSlot.to}`,
          street.street,
          street.city,
          describeRanges(street.ranges),
          street.count,
          STATUS_LABELS[street.status],
          street.deliveredAt ?? '',
          street.notes.map((n) => n.text).join(' | '),
        ]
          .map(csvCell)
          .join(';'),
      );
    }
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

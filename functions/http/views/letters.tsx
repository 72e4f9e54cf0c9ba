import type { Child, FC } from 'hono/jsx';
import { CAMPAIGN_STATUS_LABELS, type Campaign } from '../../core/campaigns/campaign.schema.js';
import type { StreetRef } from '../../core/letters/address.schema.js';
import type { Round } from '../../core/letters/distribution.schema.js';
import { describeRanges } from '../../core/letters/walking-order.js';
import { formatDutchDateTime } from '../../core/shared/dutch-time.js';
import { Alert } from './layout.js';

/** A street as one form value: both parts URI-encoded, so no name can break the separator. */
export function streetValue(ref: StreetRef): string {
  return `${encodeURIComponent(ref.city)}|${encodeURIComponent(ref.street)}`;
}

/** The inverse of streetValue; undefined for anything else. */
export function parseStreetValue(value: string): StreetRef | undefined {
  const [city, street, extra] = value.split('|');
  if (!city || !street || extra !== undefined) return undefined;
  try {
    return { city: decodeURIComponent(city), street: decodeURIComponent(street) };
  } catch {
    return undefined;
  }
}

export const DELIVERY_LABELS = { planned: 'gepland', delivered: 'bezorgd', problem: 'probleem' } as const;

/** A moment: the one Dutch format `dd-mm-jjjj uu:mm`, in Amsterdam time. */
export function formatDateTime(iso: string): string {
  return formatDutchDateTime(iso);
}

/** A delivery day with its weekday, which a distributor plans by: `vrijdag 04-12-2026`. */
export function formatDate(isoDate: string): string {
  const weekday = new Intl.DateTimeFormat('nl-NL', { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(`${isoDate}T12:00:00Z`),
  );
  const [y, m, d] = isoDate.slice(0, 10).split('-');
  return `${weekday} ${d}-${m}-${y}`;
}

/** The steps of a letter campaign, with the current one marked for screen readers too. */
export const LetterSteps: FC<{ campaign: Campaign; current: string }> = ({ campaign, current }) => {
  const steps = [
    { href: `/wijkberichten/${campaign.id}`, key: 'overzicht', label: 'Overzicht en goedkeuring' },
    { href: `/wijkberichten/${campaign.id}/gebied`, key: 'gebied', label: 'Gebied en straten' },
    { href: `/wijkberichten/${campaign.id}/brieven`, key: 'brieven', label: 'Brieven' },
    { href: `/wijkberichten/${campaign.id}/bezorging`, key: 'bezorging', label: 'Bezorging' },
  ];
  return (
    <nav class="letter-steps" aria-label="Stappen van dit wijkbericht">
      <ol>
        {steps.map((s) => (
          <li>
            <a class="utrecht-link" href={s.href} aria-current={s.key === current ? 'page' : undefined}>
              {s.label}
            </a>
          </li>
        ))}
      </ol>
      <p class="utrecht-paragraph">
        <strong>{campaign.name}</strong> · status: {CAMPAIGN_STATUS_LABELS[campaign.status]}
      </p>
    </nav>
  );
};

export const Messages: FC<{ error?: string; notice?: string; children?: Child }> = ({ error, notice }) => (
  <>
    {error ? <Alert type="error">{error}</Alert> : null}
    {notice ? <Alert type="ok">{notice}</Alert> : null}
  </>
);

/** A round's streets as a table: order, street, house numbers in walking direction, letters, status. */
export const RoundTable: FC<{ round: Round; caption: string }> = ({ round, caption }) => (
  <table class="utrecht-table">
    <caption class="utrecht-table__caption">{caption}</caption>
    <thead>
      <tr>
        <th scope="col">#</th>
        <th scope="col">Straat</th>
        <th scope="col">Huisnummers</th>
        <th scope="col">Brieven</th>
        <th scope="col">Status</th>
      </tr>
    </thead>
    <tbody>
      {round.streets.map((s, i) => (
        <tr>
          <td>{i + 1}</td>
          <td>
            {s.street}, {s.city}
          </td>
          <td>{describeRanges(s.ranges)}</td>
          <td>{s.count}</td>
          <td>
            {DELIVERY_LABELS[s.status]}
            {s.deliveredAt ? ` (${formatDateTime(s.deliveredAt)})` : ''}
            {s.notes.length > 0 ? (
              <ul class="notes">
                {s.notes.map((n) => (
                  <li>{n.text}</li>
                ))}
              </ul>
            ) : null}
          </td>
        </tr>
      ))}
    </tbody>
  </table>
);

export const Legend: FC<{ items: readonly { colour: string; label: string }[] }> = ({ items }) => (
  <ul class="map-legend">
    {items.map((i) => (
      <li>
        <span class="map-legend__swatch" style={`background:${i.colour}`} aria-hidden="true" />
        {i.label}
      </li>
    ))}
  </ul>
);

import type { LetterCoverage } from '../../app/dashboard.js';
import { CAMPAIGN_STATUS_LABELS } from '../../core/campaigns/campaign.schema.js';
import type { Round } from '../../core/letters/distribution.schema.js';
import { coverageSentence } from './coverage.js';
import { formatDate } from './letters.js';

/** The area manager's overview: each letter campaign with its coverage, or how to start the first. */
export const LettersSection = ({ letters }: { letters: readonly LetterCoverage[] }) =>
  letters.length === 0 ? (
    <p class="utrecht-paragraph">
      Nog geen wijkberichten.{' '}
      <a class="utrecht-link" href="/wijkberichten">
        Begin een wijkbericht
      </a>{' '}
      na een aanhouding: kies de straten, laat het goedkeuren en plan de bezorging.
    </p>
  ) : (
    <ul class="utrecht-unordered-list">
      {letters.map(({ campaign, overview }) => (
        <li>
          <a class="utrecht-link" href={`/wijkberichten/${campaign.id}/bezorging`}>
            {campaign.name}
          </a>{' '}
          ({CAMPAIGN_STATUS_LABELS[campaign.status]}):{' '}
          {overview.letters.total === 0
            ? 'nog geen straten gekozen'
            : `${coverageSentence(overview.letters, overview.streetCounts)} Webversie ${overview.opens} keer geopend.`}
        </li>
      ))}
    </ul>
  );

/** The distributor's overview: their rounds, or that none is assigned yet. */
export const RoundsSection = ({ rounds }: { rounds: readonly Round[] }) =>
  rounds.length === 0 ? (
    <p class="utrecht-paragraph">U heeft nog geen bezorgrondes. De gebiedsmanager deelt u in.</p>
  ) : (
    <ul class="utrecht-unordered-list">
      {rounds.map((r) => (
        <li>
          <a class="utrecht-link" href={`/bezorging/${r.id}`}>
            {formatDate(r.date)}, {r.timeSlot.from}–{r.timeSlot.to}
          </a>{' '}
          — {r.streets.filter((s) => s.status === 'delivered').length} van {r.streets.length} straten bezorgd
        </li>
      ))}
    </ul>
  );

import type { AppDeps } from '../../app/deps.js';
import { distributionOverview } from '../../app/distribution.js';
import { CAMPAIGN_STATUS_LABELS } from '../../core/campaigns/campaign.schema.js';
import { coverageSentence } from '../views/coverage.js';
import { formatDate } from '../views/letters.js';
import type { DashboardSection } from './dashboard.js';

/** The area manager's overview: each letter campaign with its coverage, or how to start the first. */
export const LETTERS_SECTION: DashboardSection = {
  title: 'Wijkberichten',
  render: async (deps: AppDeps) => {
    const cases = await deps.cases.list();
    const campaigns = (await Promise.all(cases.map((k) => deps.campaigns.listByCase(k.id))))
      .flat()
      .filter((c) => c.kind === 'letter')
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
      .slice(0, 10);
    if (campaigns.length === 0) {
      return (
        <p class="utrecht-paragraph">
          Nog geen wijkberichten.{' '}
          <a class="utrecht-link" href="/wijkberichten">
            Begin een wijkbericht
          </a>{' '}
          na een aanhouding: kies de straten, laat het goedkeuren en plan de bezorging.
        </p>
      );
    }
    const rows = await Promise.all(
      campaigns.map(async (c) => ({ campaign: c, overview: await distributionOverview(deps, c.id) })),
    );
    return (
      <ul class="utrecht-unordered-list">
        {rows.map(({ campaign, overview }) => (
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
  },
};

/** The distributor's overview: their rounds, or that none is assigned yet. */
export const ROUNDS_SECTION: DashboardSection = {
  title: 'Mijn bezorgrondes',
  render: async (deps: AppDeps, userId: string) => {
    const rounds = await deps.rounds.listByDistributor(userId);
    if (rounds.length === 0) {
      return <p class="utrecht-paragraph">U heeft nog geen bezorgrondes. De gebiedsmanager deelt u in.</p>;
    }
    return (
      <ul class="utrecht-unordered-list">
        {rounds.map((r) => (
          <li>
            <a class="utrecht-link" href={`/bezorging/${r.id}`}>
              {formatDate(r.date)}, {r.timeSlot.from}–{r.timeSlot.to}
            </a>{' '}
            — {r.streets.filter((s) => s.status === 'delivered').length} van {r.streets.length} straten
            bezorgd
          </li>
        ))}
      </ul>
    );
  },
};

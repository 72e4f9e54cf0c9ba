import type { FC } from 'hono/jsx';
import type { CoverageFigures, StreetCoverageStatus } from '../../core/letters/distribution.js';
import { formatCount } from './sms-format.js';

/** The overview's word for a street's state; `unplanned` streets are selected but in no round yet. */
export const COVERAGE_LABELS: Record<StreetCoverageStatus, string> = {
  planned: 'gepland',
  delivered: 'bezorgd',
  problem: 'probleem',
  unplanned: 'nog niet ingepland',
};

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;

/**
 * The coverage sentence of the "Bezorging" overview. Its totals are every selected letter and street, not
 * only the planned ones, so unplanned streets can never make progress look further along than it is.
 */
export function coverageSentence(
  letters: CoverageFigures & { total: number },
  streets: CoverageFigures & { total: number },
): string {
  const parts = [
    `${formatCount(letters.delivered)} van ${plural(letters.total, 'brief', 'brieven')} bezorgd ` +
      `(${formatCount(streets.delivered)} van ${plural(streets.total, 'straat', 'straten')})`,
    `${formatCount(letters.planned)} gepland, ${formatCount(letters.problems)} met een probleem`,
  ];
  if (streets.unplanned > 0) {
    parts.push(
      `${plural(streets.unplanned, 'straat', 'straten')} (${plural(letters.unplanned, 'brief', 'brieven')}) nog niet ingepland`,
    );
  }
  return `${parts.join('; ')}.`;
}

export const CoverageSummary: FC<{
  letters: CoverageFigures & { total: number };
  streets: CoverageFigures & { total: number };
  opens: number;
}> = ({ letters, streets, opens }) => (
  <p class="utrecht-paragraph coverage-total">
    {coverageSentence(letters, streets)} Webversie {plural(opens, 'keer', 'keer')} geopend.
  </p>
);

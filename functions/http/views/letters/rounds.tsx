import { UNDO_WINDOW_MS } from '../../../core/letters/distribution.js';
import type { Round } from '../../../core/letters/distribution.schema.js';
import { describeRanges } from '../../../core/letters/walking-order.js';
import { CsrfField } from '../layout.js';
import { DELIVERY_LABELS, formatDate, formatDateTime, Messages, streetValue } from '../letters.js';

/** The confirmation after a distributor's action, by the `klaar` value of its redirect. */
const NOTICES: Record<string, string> = {
  bezorgd: 'Gemarkeerd als bezorgd.',
  ongedaan: 'Bezorging ongedaan gemaakt.',
  probleem: 'Probleem gemeld.',
  notitie: 'Notitie opgeslagen.',
};

export function roundNotice(klaar: string | undefined): string | undefined {
  return NOTICES[klaar ?? ''];
}

/** The page anchor of a street in its round, where an action on it returns to. */
export function streetAnchor(street: { street: string; city: string }): string {
  return `straat-${streetValue(street).replace(/[^A-Za-z0-9]/g, '')}`;
}

/** The distributor's rounds, each with how far it is. */
export const MyRoundsPage = (props: { rounds: readonly Round[] }) => (
  <>
    <h1 class="utrecht-heading-1">Mijn bezorgrondes</h1>
    {props.rounds.length === 0 ? (
      <p class="utrecht-paragraph">U heeft nog geen bezorgrondes. De gebiedsmanager deelt u in.</p>
    ) : (
      <ul class="round-list">
        {props.rounds.map((r) => {
          const done = r.streets.filter((s) => s.status === 'delivered').length;
          return (
            <li>
              <a class="utrecht-link" href={`/bezorging/${r.id}`}>
                {formatDate(r.date)}, {r.timeSlot.from}–{r.timeSlot.to}
              </a>{' '}
              — {done} van {r.streets.length} straten bezorgd
            </li>
          );
        })}
      </ul>
    )}
  </>
);

/**
 * One round on the distributor's phone: the streets in walking order, each with "Bezorgd" (or undo within
 * the undo window), its notes, and a note or problem report.
 */
export const RoundPage = (props: {
  round: Round;
  now: number;
  csrf: string;
  error?: string;
  notice?: string;
}) => {
  const { round, now, csrf, error, notice } = props;
  const done = round.streets.filter((s) => s.status === 'delivered').length;
  return (
    <>
      <h1 class="utrecht-heading-1">
        Ronde {formatDate(round.date)}, {round.timeSlot.from}–{round.timeSlot.to}
      </h1>
      <Messages error={error} notice={notice} />
      <p class="utrecht-paragraph" aria-live="polite">
        {done} van {round.streets.length} straten bezorgd. Loop de straten in deze volgorde; per straat eerst
        de oneven kant heen, dan de even kant terug.
      </p>
      <ol class="round-streets">
        {round.streets.map((s) => {
          const value = streetValue(s);
          const id = streetAnchor(s);
          const undoable =
            s.status === 'delivered' &&
            s.deliveredAt !== null &&
            now - Date.parse(s.deliveredAt) <= UNDO_WINDOW_MS;
          return (
            <li class={`round-street round-street--${s.status}`} id={id}>
              <h2 class="utrecht-heading-2">{s.street}</h2>
              <p class="utrecht-paragraph">
                {s.count} brieven · {describeRanges(s.ranges)} · {s.city}
              </p>
              <p class="utrecht-paragraph">
                Status: <strong>{DELIVERY_LABELS[s.status]}</strong>
                {s.deliveredAt ? ` om ${formatDateTime(s.deliveredAt)}` : ''}
              </p>
              {s.status !== 'delivered' ? (
                <form method="post" action={`/bezorging/${round.id}/bezorgd`}>
                  <CsrfField token={csrf} />
                  <input type="hidden" name="straat" value={value} />
                  <button type="submit" class="utrecht-button utrecht-button--primary-action big-button">
                    Bezorgd<span class="visually-hidden">: {s.street}</span>
                  </button>
                </form>
              ) : undoable ? (
                <form method="post" action={`/bezorging/${round.id}/ongedaan`}>
                  <CsrfField token={csrf} />
                  <input type="hidden" name="straat" value={value} />
                  <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                    Ongedaan maken<span class="visually-hidden">: {s.street}</span>
                  </button>
                </form>
              ) : null}
              {s.notes.length > 0 ? (
                <ul class="notes">
                  {s.notes.map((n) => (
                    <li>
                      {formatDateTime(n.at)}: {n.text}
                    </li>
                  ))}
                </ul>
              ) : null}
              <form method="post" action={`/bezorging/${round.id}/notitie`} class="note-form">
                <CsrfField token={csrf} />
                <input type="hidden" name="straat" value={value} />
                <div class="utrecht-form-field">
                  <label class="utrecht-form-label" for={`${id}-notitie`}>
                    Notitie bij {s.street}
                  </label>
                  <input
                    class="utrecht-textbox utrecht-textbox--html-input"
                    id={`${id}-notitie`}
                    name="notitie"
                    maxlength={500}
                    placeholder="bijv. brievenbus dichtgeplakt, bouwterrein"
                    required
                  />
                </div>
                <div class="actions">
                  <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                    Notitie opslaan<span class="visually-hidden"> bij {s.street}</span>
                  </button>
                  {s.status === 'planned' ? (
                    <button
                      type="submit"
                      formaction={`/bezorging/${round.id}/probleem`}
                      class="utrecht-button utrecht-button--secondary-action"
                    >
                      Als probleem melden<span class="visually-hidden"> bij {s.street}</span>
                    </button>
                  ) : null}
                </div>
              </form>
            </li>
          );
        })}
      </ol>
    </>
  );
};

import type { DistributionPlanningModel } from '../../../app/letter-pages.js';
import { streetKey } from '../../../core/letters/address.schema.js';
import type { Round } from '../../../core/letters/distribution.schema.js';
import { COVERAGE_LEGEND } from '../area-map.js';
import { COVERAGE_LABELS, CoverageSummary } from '../coverage.js';
import { CheckboxField, TextField } from '../fields.js';
import { CsrfField } from '../layout.js';
import { formatDate, Legend, LetterSteps, Messages, RoundTable, streetValue } from '../letters.js';
import { type Column, DataTable } from '../table.js';

type StreetCoverageRow = DistributionPlanningModel['overview']['streets'][number];

const COVERAGE_COLUMNS: Column<StreetCoverageRow>[] = [
  {
    header: 'Straat',
    cell: (s) => (
      <>
        {s.street}, {s.city}
      </>
    ),
  },
  { header: 'Brieven', cell: (s) => s.letters },
  { header: 'Gepland', cell: (s) => s.planned },
  { header: 'Bezorgd', cell: (s) => s.delivered },
  { header: 'Probleem', cell: (s) => s.problems },
  { header: 'Status', cell: (s) => COVERAGE_LABELS[s.status] },
  { header: 'Webversie geopend', cell: (s) => s.opens },
];

/** The distribution page: coverage per street, the planned rounds and the form for a new round. */
export const DistributionPlanningPage = (props: {
  model: DistributionPlanningModel;
  csrf: string;
  error?: string;
  notice?: string;
}) => {
  const { model, csrf, error, notice } = props;
  const { campaign, selection, overview, distributors, names } = model;
  const planned = new Set(overview.rounds.flatMap((r) => r.streets.map(streetKey)));
  const { letters, streetCounts } = overview;
  return (
    <>
      <h1 class="utrecht-heading-1">Bezorging</h1>
      <LetterSteps campaign={campaign} current="bezorging" />
      <Messages error={error} notice={notice} />
      <h2 class="utrecht-heading-2">Dekking</h2>
      {overview.streets.length === 0 ? (
        <p class="utrecht-paragraph">Nog geen straten gekozen: kies eerst het gebied.</p>
      ) : (
        <>
          <CoverageSummary letters={letters} streets={streetCounts} opens={overview.opens} />
          <img
            class="area-map"
            src={`/wijkberichten/${campaign.id}/kaart.svg?weergave=dekking`}
            alt="Kaart van de bezorging per straat; de tabel hieronder geeft dezelfde gegevens."
          />
          <Legend items={COVERAGE_LEGEND} />
          <DataTable caption="Dekking per straat" columns={COVERAGE_COLUMNS} rows={overview.streets} />
        </>
      )}
      <p class="utrecht-paragraph actions">
        <a class="utrecht-link" href={`/wijkberichten/${campaign.id}/verspreidlijst`}>
          Verspreidlijst (printbaar)
        </a>
        <a class="utrecht-link" href={`/wijkberichten/${campaign.id}/verspreidlijst.csv`}>
          Verspreidlijst als CSV
        </a>
      </p>
      <h2 class="utrecht-heading-2">Rondes</h2>
      {overview.rounds.length === 0 ? (
        <p class="utrecht-paragraph">Er zijn nog geen rondes.</p>
      ) : (
        overview.rounds.map((round) => (
          <section class="card">
            <h3 class="utrecht-heading-3">
              {formatDate(round.date)}, {round.timeSlot.from}–{round.timeSlot.to}
            </h3>
            <p class="utrecht-paragraph">Team: {round.team.map((id) => names.get(id) ?? id).join(', ')}</p>
            <RoundTable round={round} caption="Straten in looproute" />
          </section>
        ))
      )}
      <h2 class="utrecht-heading-2">Ronde plannen</h2>
      {!selection || selection.streets.length === 0 ? (
        <p class="utrecht-paragraph">Kies eerst het gebied en de straten.</p>
      ) : distributors.length === 0 ? (
        <p class="utrecht-paragraph">
          Er zijn nog geen bezorgers. Vraag de beheerder accounts met de rol Bezorger aan te maken.
        </p>
      ) : (
        <form method="post" action={`/wijkberichten/${campaign.id}/rondes`} class="utrecht-form">
          <CsrfField token={csrf} />
          <TextField id="ronde-datum" name="datum" label="Datum" type="date" required />
          <TextField id="ronde-van" name="van" label="Van" type="time" value="09:00" required />
          <TextField id="ronde-tot" name="tot" label="Tot" type="time" value="12:00" required />
          <fieldset class="utrecht-form-fieldset">
            <legend class="utrecht-form-fieldset__legend">Team</legend>
            {distributors.map((u) => (
              <CheckboxField id={`team-${u.id}`} name="team" value={u.id} label={u.displayName} />
            ))}
          </fieldset>
          <fieldset class="utrecht-form-fieldset">
            <legend class="utrecht-form-fieldset__legend">Straten</legend>
            {selection.streets.map((s, i) => {
              const row = selection.rows.find((r) => streetKey(r) === streetKey(s));
              return (
                <div class="utrecht-form-field utrecht-form-field--checkbox">
                  <input
                    type="checkbox"
                    class="utrecht-checkbox utrecht-checkbox--html-input"
                    id={`ronde-straat-${i}`}
                    name="straat"
                    value={streetValue(s)}
                    checked={!planned.has(streetKey(s))}
                  />
                  <label class="utrecht-form-label utrecht-form-label--checkbox" for={`ronde-straat-${i}`}>
                    {s.street}, {s.city}
                    {row
                      ? ` (${selection.mode === 'whole_streets' ? row.on_street : row.within_radius} adressen)`
                      : ''}
                    {planned.has(streetKey(s)) ? ' — al ingepland' : ''}
                  </label>
                </div>
              );
            })}
          </fieldset>
          <button type="submit" class="utrecht-button utrecht-button--primary-action">
            Ronde plannen
          </button>
        </form>
      )}
    </>
  );
};

/** The printable distribution list: every round with its streets in walking order. */
export const DistributionSheetPage = (props: { campaign: { name: string }; rounds: readonly Round[] }) => (
  <>
    <h1 class="utrecht-heading-1">Verspreidlijst: {props.campaign.name}</h1>
    {props.rounds.length === 0 ? (
      <p class="utrecht-paragraph">Er zijn nog geen bezorgrondes gepland.</p>
    ) : (
      props.rounds.map((round) => (
        <section class="print-round">
          <h2 class="utrecht-heading-2">
            Ronde {formatDate(round.date)}, {round.timeSlot.from}–{round.timeSlot.to}
          </h2>
          <RoundTable round={round} caption="Straten in looproute" />
        </section>
      ))
    )}
  </>
);

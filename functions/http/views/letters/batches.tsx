import type { LetterBatchesModel } from '../../../app/letter-pages.js';
import type { LetterBatch } from '../../../core/letters/letter-records.schema.js';
import { CsrfField } from '../layout.js';
import { formatDateTime, LetterSteps, Messages } from '../letters.js';
import { type Column, DataTable } from '../table.js';

const batchColumns = (campaignId: string, csrf: string): Column<LetterBatch>[] => [
  { header: 'Gemaakt', cell: (b) => formatDateTime(b.createdAt) },
  { header: 'Soort', cell: (b) => (b.mode === 'addressed' ? 'geadresseerd' : 'ongeadresseerd') },
  { header: 'Brieven', cell: (b) => b.letters },
  { header: "Pagina's", cell: (b) => b.pages },
  { header: 'Downloads', cell: (b) => b.downloads },
  {
    header: 'Openen',
    cell: (b) => (
      <div class="actions">
        <form method="post" action={`/wijkberichten/${campaignId}/brieven/${b.id}/print`} class="inline-form">
          <CsrfField token={csrf} />
          <button type="submit" class="utrecht-button utrecht-button--secondary-action">
            Printweergave maken
            <span class="visually-hidden"> van {formatDateTime(b.createdAt)}</span>
          </button>
        </form>
        <form method="post" action={`/wijkberichten/${campaignId}/brieven/${b.id}/pdf`} class="inline-form">
          <CsrfField token={csrf} />
          <button type="submit" class="utrecht-button utrecht-button--secondary-action">
            PDF maken<span class="visually-hidden"> van {formatDateTime(b.createdAt)}</span>
          </button>
        </form>
      </div>
    ),
  },
];

/** The letters page: make the letters of the approved text, and the batches made so far with their files. */
export const LetterBatchesPage = (props: {
  model: LetterBatchesModel;
  csrf: string;
  error?: string;
  notice?: string;
  /** The case text the failed form carried. */
  caseText?: string;
}) => {
  const { model, csrf, error, notice, caseText = '' } = props;
  const { campaign, selection, batches } = model;
  const approvedText =
    campaign.approval === null ? undefined : campaign.approvalRequest?.letterSnapshot?.caseFields.caseText;
  return (
    <>
      <h1 class="utrecht-heading-1">Brieven</h1>
      <LetterSteps campaign={campaign} current="brieven" />
      <Messages error={error} notice={notice} />
      {!selection ? (
        <p class="utrecht-paragraph">Kies eerst het gebied en de straten.</p>
      ) : (
        <form method="post" action={`/wijkberichten/${campaign.id}/brieven`} class="utrecht-form">
          <CsrfField token={csrf} />
          <p class="utrecht-paragraph">
            {selection.letterCount} adressen in {selection.streets.length} straten. Brieven maken kan alleen
            na goedkeuring van precies deze selectie.
          </p>
          <h2 class="utrecht-heading-2">Wat er is gebeurd</h2>
          {approvedText === undefined ? (
            <p class="utrecht-paragraph">
              Nog geen goedgekeurde tekst. Vul de tekst in op{' '}
              <a class="utrecht-link" href={`/wijkberichten/${campaign.id}`}>
                het overzicht
              </a>{' '}
              en laat het wijkbericht goedkeuren.
            </p>
          ) : (
            <>
              <blockquote class="utrecht-blockquote approved-case-text">{approvedText}</blockquote>
              <p class="utrecht-paragraph muted">
                Dit is de goedgekeurde tekst; alleen deze komt in de brieven. Wijzigen kan op{' '}
                <a class="utrecht-link" href={`/wijkberichten/${campaign.id}`}>
                  het overzicht
                </a>{' '}
                en maakt de goedkeuring ongeldig.
              </p>
              <input type="hidden" name="zaaktekst" value={caseText || approvedText} />
            </>
          )}
          <fieldset class="utrecht-form-fieldset">
            <legend class="utrecht-form-fieldset__legend">Soort brieven</legend>
            <div class="utrecht-form-field utrecht-form-field--radio">
              <input
                type="radio"
                class="utrecht-radio-button utrecht-radio-button--html-input"
                id="modus-geadresseerd"
                name="modus"
                value="addressed"
                checked
              />
              <label class="utrecht-form-label utrecht-form-label--radio" for="modus-geadresseerd">
                Geadresseerd: één brief per adres, in looproute
              </label>
            </div>
            <div class="utrecht-form-field utrecht-form-field--radio">
              <input
                type="radio"
                class="utrecht-radio-button utrecht-radio-button--html-input"
                id="modus-ongeadresseerd"
                name="modus"
                value="unaddressed"
              />
              <label class="utrecht-form-label utrecht-form-label--radio" for="modus-ongeadresseerd">
                Ongeadresseerd: per straat een voorblad met huisnummers en kopieën
              </label>
            </div>
          </fieldset>
          <button type="submit" class="utrecht-button utrecht-button--primary-action">
            Brieven maken
          </button>
        </form>
      )}
      <h2 class="utrecht-heading-2">Gemaakte brieven</h2>
      {batches.length === 0 ? (
        <p class="utrecht-paragraph">Er zijn nog geen brieven gemaakt.</p>
      ) : (
        <DataTable
          caption="Brievenreeksen, nieuwste eerst"
          columns={batchColumns(campaign.id, csrf)}
          rows={batches}
        />
      )}
    </>
  );
};

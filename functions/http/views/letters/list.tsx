import type { LetterListModel } from '../../../app/letter-pages.js';
import type { Campaign } from '../../../core/campaigns/campaign.schema.js';
import { CsrfField } from '../layout.js';
import { formatDateTime, Messages } from '../letters.js';
import { ResponsibleManagerField } from '../responsible-field.js';
import { StatusBadge } from '../sms-views.js';
import { type Column, DataTable } from '../table.js';

const columns = (caseNames: ReadonlyMap<string, string>): Column<Campaign>[] => [
  {
    header: 'Wijkbericht',
    cell: (campaign) => (
      <a class="utrecht-link" href={`/wijkberichten/${campaign.id}`}>
        {campaign.name}
      </a>
    ),
  },
  { header: 'Zaak', cell: (campaign) => caseNames.get(campaign.caseId) ?? '' },
  { header: 'Status', cell: (campaign) => <StatusBadge status={campaign.status} /> },
  { header: 'Gewijzigd', cell: (campaign) => formatDateTime(campaign.updatedAt) },
];

/** The letter campaigns, and the forms for a new letter campaign and a new case. */
export const LetterListPage = (props: {
  model: LetterListModel;
  csrf: string;
  /** Who is signed in: the default responsible manager of a new case. */
  userId: string;
  error?: string;
  notice?: string;
}) => {
  const { model, csrf, userId, error, notice } = props;
  return (
    <>
      <h1 class="utrecht-heading-1">Wijkberichten</h1>
      <Messages error={error} notice={notice} />
      <p class="utrecht-paragraph">
        Brieven aan de bewoners rond een aanhouding: kies het gebied, laat het wijkbericht goedkeuren, maak de
        brieven en plan de bezorging.
      </p>
      {model.campaigns.length === 0 ? (
        <p class="utrecht-paragraph">
          Er zijn nog geen wijkberichten. Begin hieronder met een nieuw wijkbericht.
        </p>
      ) : (
        <DataTable caption="Alle wijkberichten" columns={columns(model.caseNames)} rows={model.campaigns} />
      )}
      <h2 class="utrecht-heading-2">Nieuw wijkbericht</h2>
      {model.cases.length === 0 ? (
        <p class="utrecht-paragraph">Maak eerst een zaak aan voor de politieactie.</p>
      ) : (
        <form method="post" action="/wijkberichten" class="utrecht-form">
          <CsrfField token={csrf} />
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="wb-zaak">
              Zaak
            </label>
            <select class="utrecht-select utrecht-select--html-select" id="wb-zaak" name="caseId" required>
              {model.cases.map((k) => (
                <option value={k.id}>
                  {k.name} ({k.actionDate})
                </option>
              ))}
            </select>
          </div>
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="wb-sjabloon">
              Soort brief
            </label>
            <select
              class="utrecht-select utrecht-select--html-select"
              id="wb-sjabloon"
              name="blueprintId"
              required
            >
              {model.blueprints.map((b) => (
                <option value={b.id}>{b.title}</option>
              ))}
            </select>
          </div>
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="wb-naam">
              Naam (optioneel)
            </label>
            <input
              class="utrecht-textbox utrecht-textbox--html-input"
              id="wb-naam"
              name="name"
              maxlength={120}
            />
          </div>
          <button type="submit" class="utrecht-button utrecht-button--primary-action">
            Wijkbericht aanmaken
          </button>
        </form>
      )}
      <h2 class="utrecht-heading-2">Nieuwe zaak</h2>
      <form method="post" action="/wijkberichten/zaken" class="utrecht-form">
        <CsrfField token={csrf} />
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="zaak-naam">
            Naam van de zaak (codenaam, nooit de naam van een verdachte)
          </label>
          <input class="utrecht-textbox utrecht-textbox--html-input" id="zaak-naam" name="name" required />
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="zaak-datum">
            Datum van de actie
          </label>
          <input
            class="utrecht-textbox utrecht-textbox--html-input"
            id="zaak-datum"
            name="actionDate"
            type="date"
            required
          />
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="zaak-gebied">
            Gebied zoals bewoners het kennen
          </label>
          <input
            class="utrecht-textbox utrecht-textbox--html-input"
            id="zaak-gebied"
            name="areaDescription"
            required
          />
        </div>
        <ResponsibleManagerField colleagues={model.colleagues} selected={userId} />
        <button type="submit" class="utrecht-button utrecht-button--secondary-action">
          Zaak aanmaken
        </button>
      </form>
    </>
  );
};

import type { CasePageModel, CasesPageModel } from '../../app/case-pages.js';
import type { User } from '../../core/users/user.schema.js';
import { TextField } from './fields.js';
import { Alert, CsrfField } from './layout.js';
import { ResponsibleManagerField } from './responsible-field.js';
import { AuditSection } from './sms/audit.js';
import { formatDate, formatDateTime } from './sms-format.js';
import { StatusBadge } from './sms-views.js';

const CaseForm = (props: {
  csrf: string;
  values: Record<string, string>;
  municipality: string;
  colleagues: User[];
  currentUserId: string;
}) => (
  <form method="post" action="/zaken" class="utrecht-form">
    <CsrfField token={props.csrf} />
    <TextField
      id="zaak-naam"
      name="name"
      label="Naam van de zaak"
      hint='De codenaam van de actie, bijvoorbeeld "Bazooka". Nooit de naam van een verdachte.'
      required
      maxlength={80}
      value={props.values.name ?? ''}
    />
    <TextField
      id="zaak-datum"
      name="actionDate"
      label="Datum van de actie (klapdag)"
      type="date"
      required
      value={props.values.actionDate ?? ''}
    />
    <TextField
      id="zaak-gemeente"
      name="municipality"
      label="Gemeente"
      required
      value={props.values.municipality ?? props.municipality}
    />
    <TextField
      id="zaak-gebied"
      name="areaDescription"
      label="Gebied"
      required
      maxlength={300}
      value={props.values.areaDescription ?? ''}
    />
    <ResponsibleManagerField
      colleagues={props.colleagues}
      selected={props.values.responsibleUserId ?? props.currentUserId}
    />
    <button type="submit" class="utrecht-button utrecht-button--primary-action">
      Zaak aanmaken
    </button>
  </form>
);

/** What a refused form keeps: its message and the values typed. */
export interface FormState {
  error?: string | undefined;
  values?: Record<string, string> | undefined;
}

/** All cases, and the form for a new one for those who may create one. */
export function CasesPage(props: {
  model: CasesPageModel;
  extra: FormState;
  csrf: string;
  municipality: string;
  currentUserId: string;
}) {
  const { cases, mayCreate } = props.model;
  const { extra } = props;
  return (
    <>
      <h1 class="utrecht-heading-1">Zaken</h1>
      <p class="utrecht-paragraph">
        Een zaak is één politieactie. Per zaak maakt u een SMS-bom en wijkberichten.
      </p>
      {cases.length === 0 ? (
        <p class="utrecht-paragraph">
          Er zijn nog geen zaken.{' '}
          {mayCreate ? 'Maak hieronder de eerste aan.' : 'Een communicatieadviseur maakt ze aan.'}
        </p>
      ) : (
        <table class="utrecht-table">
          <caption class="utrecht-table__caption">Alle zaken, nieuwste eerst</caption>
          <thead>
            <tr>
              <th scope="col">Zaak</th>
              <th scope="col">Datum actie</th>
              <th scope="col">Gemeente</th>
              <th scope="col">Gebied</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((item) => (
              <tr>
                <td>
                  <a class="utrecht-link" href={`/zaken/${item.id}`}>
                    {item.name}
                  </a>
                </td>
                <td>{formatDate(item.actionDate)}</td>
                <td>{item.municipality}</td>
                <td>{item.areaDescription}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mayCreate ? (
        <section aria-labelledby="nieuwe-zaak">
          <h2 class="utrecht-heading-2" id="nieuwe-zaak">
            Nieuwe zaak
          </h2>
          {extra.error ? <Alert type="error">{extra.error}</Alert> : null}
          <CaseForm
            csrf={props.csrf}
            values={extra.values ?? {}}
            municipality={props.municipality}
            colleagues={props.model.colleagues}
            currentUserId={props.currentUserId}
          />
        </section>
      ) : null}
    </>
  );
}

/** One case: its campaigns, the form for a new campaign, and its audit trail. */
export function CasePage(props: { model: CasePageModel; extra: FormState; csrf: string }) {
  const { campaigns, events, names, blueprints, mayCreate } = props.model;
  const found = props.model.case;
  const { extra } = props;
  return (
    <>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href="/zaken">
          Alle zaken
        </a>
      </p>
      <h1 class="utrecht-heading-1">Zaak {found.name}</h1>
      <p class="utrecht-paragraph">
        Actie op {formatDate(found.actionDate)} in {found.municipality}, {found.areaDescription}.
        Verantwoordelijke manager: {props.model.responsibleName ?? 'onbekend'}.
      </p>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`/zaken/${found.id}/resultaten`}>
          Resultaten van deze zaak
        </a>
      </p>
      <section aria-labelledby="campagnes">
        <h2 class="utrecht-heading-2" id="campagnes">
          Campagnes
        </h2>
        {campaigns.length === 0 ? (
          <p class="utrecht-paragraph">Deze zaak heeft nog geen campagnes. Kies hieronder een sjabloon.</p>
        ) : (
          <table class="utrecht-table">
            <caption class="utrecht-table__caption">Campagnes van deze zaak</caption>
            <thead>
              <tr>
                <th scope="col">Campagne</th>
                <th scope="col">Soort</th>
                <th scope="col">Status</th>
                <th scope="col">Laatst gewijzigd</th>
              </tr>
            </thead>
            <tbody>
              {campaigns.map((campaign) => (
                <tr>
                  <td>
                    <a class="utrecht-link" href={`/campagnes/${campaign.id}`}>
                      {campaign.name}
                    </a>
                  </td>
                  <td>{campaign.kind === 'sms' ? 'SMS-bom' : 'Wijkbericht'}</td>
                  <td>
                    <StatusBadge status={campaign.status} />
                  </td>
                  <td>{formatDateTime(campaign.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {mayCreate ? (
          <form method="post" action={`/zaken/${found.id}/campagnes`} class="utrecht-form card">
            <h3 class="utrecht-heading-3">Nieuwe campagne</h3>
            {extra.error ? <Alert type="error">{extra.error}</Alert> : null}
            <CsrfField token={props.csrf} />
            <fieldset class="utrecht-form-fieldset">
              <legend class="utrecht-form-fieldset__legend">Sjabloon</legend>
              {blueprints.map((b, i) => (
                <div class="utrecht-form-field utrecht-form-field--radio">
                  <input
                    type="radio"
                    class="utrecht-radio-button utrecht-radio-button--html-input"
                    id={`sjabloon-${b.id}`}
                    name="blueprintId"
                    value={b.id}
                    checked={i === 0}
                  />
                  <label class="utrecht-form-label utrecht-form-label--radio" for={`sjabloon-${b.id}`}>
                    {b.title}
                  </label>
                  <p class="utrecht-form-field-description muted">{b.description}</p>
                </div>
              ))}
            </fieldset>
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for="campagne-naam">
                Naam van de campagne (mag leeg blijven)
              </label>
              <input
                class="utrecht-textbox utrecht-textbox--html-input"
                id="campagne-naam"
                name="name"
                maxlength={120}
              />
            </div>
            <button type="submit" class="utrecht-button utrecht-button--primary-action">
              Campagne aanmaken
            </button>
          </form>
        ) : null}
      </section>
      <AuditSection
        title="Audittrail van deze zaak"
        csvPath={`/zaken/${found.id}/audit.csv`}
        fileName={`audittrail-${found.id}.csv`}
        events={events}
        names={names}
        campaignNames={new Map(campaigns.map((c) => [c.id, c.name]))}
        caption="Alle gebeurtenissen van deze zaak, nieuwste eerst"
      />
    </>
  );
}

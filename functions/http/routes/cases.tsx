import type { Context, Hono } from 'hono';
import { caseAuditTrail, exportCaseAuditCsv } from '../../app/campaign-audit.js';
import { createCampaignFromBlueprint, displayNames, listCaseCampaigns } from '../../app/campaigns.js';
import { createCase, getCase, listCases, possibleResponsibles } from '../../app/cases.js';
import type { AppDeps } from '../../app/deps.js';
import { holds } from '../../core/auth/permissions.js';
import type { Case } from '../../core/campaigns/case.schema.js';
import { isDomainError } from '../../core/errors.js';
import type { User } from '../../core/users/user.schema.js';
import { actingOf, route } from '../access.js';
import type { AppEnv } from '../env.js';
import { statusOf } from '../errors.js';
import { page } from '../responses.js';
import { TextField } from '../views/fields.js';
import { Alert, CsrfField } from '../views/layout.js';
import { ResponsibleManagerField } from '../views/responsible-field.js';
import { formatDate, formatDateTime } from '../views/sms-format.js';
import { AuditSection, StatusBadge } from '../views/sms-views.js';
import { csvResponse, formOf, param } from './sms-http.js';

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

async function casesPage(
  c: Context<AppEnv>,
  deps: AppDeps,
  extra: { error?: string; values?: Record<string, string> } = {},
  status: 200 | 422 = 200,
) {
  const acting = actingOf(c);
  const cases = await listCases(deps, acting);
  const mayCreate = holds(acting.actor.roles, 'cases.edit');
  return page(
    c,
    'Zaken',
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
            csrf={c.get('csrfToken')}
            values={extra.values ?? {}}
            municipality={c.get('settings').municipality}
            colleagues={await possibleResponsibles(deps)}
            currentUserId={acting.actor.userId}
          />
        </section>
      ) : null}
    </>,
    status,
  );
}

async function casePage(
  c: Context<AppEnv>,
  deps: AppDeps,
  found: Case,
  extra: { error?: string } = {},
  status: 200 | 422 | 403 = 200,
) {
  const acting = actingOf(c);
  const campaigns = await listCaseCampaigns(deps, acting, found.id);
  const events = await caseAuditTrail(deps, acting, { caseId: found.id });
  const names = await displayNames(
    deps,
    events.map((e) => e.actorUserId),
  );
  const blueprints = await deps.blueprints.list();
  const mayCreate = holds(acting.actor.roles, 'cases.edit');
  return page(
    c,
    `Zaak ${found.name}`,
    <>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href="/zaken">
          Alle zaken
        </a>
      </p>
      <h1 class="utrecht-heading-1">Zaak {found.name}</h1>
      <p class="utrecht-paragraph">
        Actie op {formatDate(found.actionDate)} in {found.municipality}, {found.areaDescription}.
        Verantwoordelijke manager:{' '}
        {(await deps.users.get(found.responsibleUserId))?.displayName ?? 'onbekend'}.
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
            <CsrfField token={c.get('csrfToken')} />
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
        caption="Alle gebeurtenissen van deze zaak, nieuwste eerst"
      />
    </>,
    status,
  );
}

/** Cases: the list, a new case, the case page with its campaigns and audit trail, and the CSV export. */
export function caseRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  route(app, 'get', '/zaken', 'cases.view', (c) => casesPage(c, deps));

  route(app, 'post', '/zaken', 'cases.edit', async (c) => {
    const form = await formOf(c);
    try {
      const created = await createCase(deps, actingOf(c), {
        name: form.name ?? '',
        actionDate: form.actionDate ?? '',
        municipality: form.municipality ?? '',
        areaDescription: form.areaDescription ?? '',
        responsibleUserId: form.responsibleUserId ?? '',
      });
      return c.redirect(`/zaken/${created.id}`, 303);
    } catch (error) {
      if (isDomainError(error) && statusOf(error) === 422) {
        return casesPage(c, deps, { error: error.userMessage, values: form }, 422);
      }
      throw error;
    }
  });

  route(app, 'get', '/zaken/:caseId', 'cases.view', async (c) =>
    casePage(c, deps, await getCase(deps, actingOf(c), param(c, 'caseId'))),
  );

  route(app, 'get', '/zaken/:caseId/audit.csv', 'cases.view', async (c) => {
    const caseId = param(c, 'caseId');
    const csv = await exportCaseAuditCsv(deps, actingOf(c), { caseId });
    return csvResponse(c, csv, `audittrail-zaak-${caseId}.csv`);
  });

  route(app, 'post', '/zaken/:caseId/campagnes', 'cases.edit', async (c) => {
    const acting = actingOf(c);
    const found = await getCase(deps, acting, param(c, 'caseId'));
    const form = await formOf(c);
    try {
      const campaign = await createCampaignFromBlueprint(deps, acting, {
        caseId: found.id,
        blueprintId: form.blueprintId ?? '',
        name: form.name ?? '',
      });
      return c.redirect(`/campagnes/${campaign.id}`, 303);
    } catch (error) {
      if (isDomainError(error) && [422, 403].includes(statusOf(error))) {
        return casePage(c, deps, found, { error: error.userMessage }, statusOf(error) as 422 | 403);
      }
      throw error;
    }
  });
}

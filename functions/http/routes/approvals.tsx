import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  approveCampaign,
  displayNames,
  getCampaign,
  listApprovalQueue,
  rejectCampaign,
  requestNotFound,
  withdrawApproval,
} from '../../app/campaigns.js';
import { getCase } from '../../app/cases.js';
import type { AppDeps } from '../../app/deps.js';
import { maskE164 } from '../../core/contacts/mask.js';
import { isDomainError } from '../../core/errors.js';
import { actingOf, route } from '../access.js';
import type { AppEnv } from '../env.js';
import { statusOf } from '../errors.js';
import { errorPage, page } from '../responses.js';
import { Alert, CsrfField } from '../views/layout.js';
import { formatCount, formatDateTime } from '../views/sms-format.js';
import {
  ApprovalState,
  ExclusionTable,
  FrozenVariants,
  FunnelChart,
  MaskedSamples,
  StatusBadge,
} from '../views/sms-views.js';
import { formOf, origin, param } from './sms-http.js';

async function queuePage(c: Context<AppEnv>, deps: AppDeps) {
  const queue = await listApprovalQueue(deps, actingOf(c));
  const names = await displayNames(
    deps,
    queue.map((q) => q.approvalRequest?.requestedBy ?? ''),
  );
  return page(
    c,
    'Goedkeuringen',
    <>
      <h1 class="utrecht-heading-1">Verzoeken om goedkeuring</h1>
      {queue.length === 0 ? (
        <p class="utrecht-paragraph">
          Er wachten geen verzoeken op uw besluit. Zodra een adviseur een campagne indient, staat zij hier.
        </p>
      ) : (
        <table class="utrecht-table">
          <caption class="utrecht-table__caption">Wachten op uw besluit, meest recente eerst</caption>
          <thead>
            <tr>
              <th scope="col">Campagne</th>
              <th scope="col">Ontvangers</th>
              <th scope="col">Ingediend door</th>
              <th scope="col">Ingediend op</th>
            </tr>
          </thead>
          <tbody>
            {queue.map((campaign) => (
              <tr>
                <td>
                  <a class="utrecht-link" href={`/goedkeuringen/${campaign.id}`}>
                    {campaign.name}
                  </a>
                </td>
                <td>{formatCount(campaign.approvalRequest?.counts.sendable ?? 0)}</td>
                <td>{names.get(campaign.approvalRequest?.requestedBy ?? '')}</td>
                <td>
                  {campaign.approvalRequest ? formatDateTime(campaign.approvalRequest.requestedAt) : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>,
  );
}

async function requestPage(
  c: Context<AppEnv>,
  deps: AppDeps,
  state: { error?: string; values?: Record<string, string> } = {},
  status: ContentfulStatusCode = 200,
) {
  const acting = actingOf(c);
  const campaign = await getCampaign(deps, acting, param(c, 'id'));
  const request = campaign.approvalRequest;
  if (!request) throw requestNotFound(campaign.id);
  const found = await getCase(deps, acting, campaign.caseId);
  const names = await displayNames(deps, [
    ...request.preparedBy,
    request.requestedBy,
    campaign.approval?.approvedBy ?? '',
    campaign.rejection?.rejectedBy ?? '',
  ]);
  const samples = (await deps.recipients.sample(campaign.id, 5)).map((r) => maskE164(r.e164));
  const csrf = c.get('csrfToken');
  const open = campaign.status === 'ready_for_approval';
  const withdrawable = ['approved', 'scheduled', 'sending', 'paused'].includes(campaign.status);
  const values = state.values ?? {};
  return page(
    c,
    `Goedkeuring ${campaign.name}`,
    <>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href="/goedkeuringen">
          Alle verzoeken
        </a>
      </p>
      <h1 class="utrecht-heading-1">Verzoek om goedkeuring: {campaign.name}</h1>
      <p class="utrecht-paragraph">
        Zaak {found.name} · status <StatusBadge status={campaign.status} /> · verzoek {request.seq}
      </p>
      {state.error ? <Alert type="error">{state.error}</Alert> : null}
      <ApprovalState campaign={campaign} names={names} />
      <dl class="request-facts">
        <dt>Voorbereid door</dt>
        <dd>{request.preparedBy.map((id) => names.get(id) ?? id).join(', ')}</dd>
        <dt>Ingediend door</dt>
        <dd>
          {names.get(request.requestedBy)} op {formatDateTime(request.requestedAt)}
        </dd>
        <dt>Geplande verzendperiode</dt>
        <dd>
          {formatDateTime(request.plannedWindow.from)} tot {formatDateTime(request.plannedWindow.until)}
        </dd>
        <dt>Afzender</dt>
        <dd>{request.senderName}</dd>
        <dt>Link naar de hulpwebsite</dt>
        <dd>{request.helpLink}</dd>
        <dt>Aantal ontvangers (hoogstens zoveel berichten)</dt>
        <dd>
          <strong>{formatCount(request.counts.sendable)}</strong>
        </dd>
        <dt>Vingerafdruk van dit verzoek</dt>
        <dd>
          <code class="fingerprint">{request.fingerprint}</code>
        </dd>
      </dl>
      <section aria-labelledby="ontvangers">
        <h2 class="utrecht-heading-2" id="ontvangers">
          Ontvangers
        </h2>
        <FunnelChart counts={request.counts} />
        <ExclusionTable counts={request.counts} />
        <h3 class="utrecht-heading-3">Voorbeelden (gemaskeerd)</h3>
        <MaskedSamples samples={open ? samples : []} />
      </section>
      <section aria-labelledby="teksten">
        <h2 class="utrecht-heading-2" id="teksten">
          Berichten zoals de telefoon ze toont
        </h2>
        <p class="utrecht-paragraph">Elke variant krijgt een eigen korte link naar {request.helpLink}.</p>
        <FrozenVariants variants={request.variants} origin={origin(c)} sender={request.senderName} />
      </section>
      {open ? (
        <section aria-labelledby="besluit" class="card">
          <h2 class="utrecht-heading-2" id="besluit">
            Uw besluit
          </h2>
          <form method="post" action={`/goedkeuringen/${campaign.id}/goedkeuren`} class="utrecht-form">
            <CsrfField token={csrf} />
            <input type="hidden" name="requestFingerprint" value={request.fingerprint} />
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for="g-referentie">
                Juridische referentie
              </label>
              <p class="utrecht-form-field-description" id="g-referentie-uitleg">
                Het parketnummer of het kenmerk van de toestemming.
              </p>
              <input
                class="utrecht-textbox utrecht-textbox--html-input"
                id="g-referentie"
                name="legalReference"
                required
                maxlength={100}
                value={values.legalReference ?? ''}
                aria-describedby="g-referentie-uitleg"
              />
            </div>
            <div class="utrecht-form-field utrecht-form-field--checkbox">
              <input
                type="checkbox"
                class="utrecht-checkbox utrecht-checkbox--html-input"
                id="g-bevestig"
                name="confirmed"
                value="ja"
                required
              />
              <label class="utrecht-form-label utrecht-form-label--checkbox" for="g-bevestig">
                Ik heb de ontvangers, de teksten en de verzendperiode gecontroleerd en keur precies dit
                verzoek goed.
              </label>
            </div>
            <button type="submit" class="utrecht-button utrecht-button--primary-action">
              Goedkeuren
            </button>
          </form>
          <form method="post" action={`/goedkeuringen/${campaign.id}/afwijzen`} class="utrecht-form">
            <CsrfField token={csrf} />
            <input type="hidden" name="requestFingerprint" value={request.fingerprint} />
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for="a-reden">
                Reden van afwijzing
              </label>
              <textarea
                class="utrecht-textarea utrecht-textarea--html-textarea"
                id="a-reden"
                name="reason"
                rows={3}
                maxlength={500}
                required
              >
                {values.reason ?? ''}
              </textarea>
            </div>
            <button type="submit" class="utrecht-button utrecht-button--secondary-action">
              Afwijzen
            </button>
          </form>
        </section>
      ) : null}
      {withdrawable ? (
        <section aria-labelledby="intrekken" class="card">
          <h2 class="utrecht-heading-2" id="intrekken">
            Goedkeuring intrekken
          </h2>
          <p class="utrecht-paragraph">Het versturen stopt dan binnen één verzendronde.</p>
          <form method="post" action={`/goedkeuringen/${campaign.id}/intrekken`} class="utrecht-form">
            <CsrfField token={csrf} />
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for="i-reden">
                Reden
              </label>
              <textarea
                class="utrecht-textarea utrecht-textarea--html-textarea"
                id="i-reden"
                name="reason"
                rows={2}
                maxlength={500}
                required
              />
            </div>
            <button type="submit" class="utrecht-button utrecht-button--secondary-action">
              Goedkeuring intrekken
            </button>
          </form>
        </section>
      ) : null}
    </>,
    status,
  );
}

/** The OM liaison's queue, the request page, and the approve / reject / withdraw actions. */
export function approvalRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  route(app, 'get', '/goedkeuringen', 'sms.decide', (c) => queuePage(c, deps));
  route(app, 'get', '/goedkeuringen/:id', 'sms.decide', (c) => requestPage(c, deps));

  const decide = async (
    c: Context<AppEnv>,
    act: (form: Record<string, string>) => Promise<unknown>,
  ): Promise<Response> => {
    const id = param(c, 'id');
    await getCampaign(deps, actingOf(c), id);
    const form = await formOf(c);
    try {
      await act(form);
    } catch (error) {
      if (isDomainError(error) && [403, 409, 422].includes(statusOf(error))) {
        const current = await deps.campaigns.get(id);
        if (!current?.approvalRequest) {
          return errorPage(c, statusOf(error), 'Verzoek gewijzigd', error.userMessage);
        }
        return requestPage(c, deps, { error: error.userMessage, values: form }, statusOf(error));
      }
      throw error;
    }
    return c.redirect(`/goedkeuringen/${id}`, 303);
  };

  route(app, 'post', '/goedkeuringen/:id/goedkeuren', 'sms.decide', (c) =>
    decide(c, (form) =>
      approveCampaign(deps, actingOf(c), param(c, 'id'), {
        requestFingerprint: form.requestFingerprint ?? '',
        legalReference: form.legalReference ?? '',
        confirmed: form.confirmed === 'ja',
      }),
    ),
  );
  route(app, 'post', '/goedkeuringen/:id/afwijzen', 'sms.decide', (c) =>
    decide(c, (form) =>
      rejectCampaign(deps, actingOf(c), param(c, 'id'), {
        requestFingerprint: form.requestFingerprint ?? '',
        reason: form.reason ?? '',
      }),
    ),
  );
  route(app, 'post', '/goedkeuringen/:id/intrekken', 'sms.decide', (c) =>
    decide(c, (form) => withdrawApproval(deps, actingOf(c), param(c, 'id'), { reason: form.reason ?? '' })),
  );
}

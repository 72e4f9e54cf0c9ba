import type { ApprovalQueueModel, ApprovalRequestModel } from '../../../app/sms-pages.js';
import { Alert, CsrfField } from '../layout.js';
import { formatCount, formatDateTime } from '../sms-format.js';
import {
  ApprovalState,
  ExclusionTable,
  FrozenVariants,
  FunnelChart,
  MaskedSamples,
  StatusBadge,
} from '../sms-views.js';

/** The OM liaison's queue of requests waiting for a decision. */
export function ApprovalQueue(props: { model: ApprovalQueueModel }) {
  const { queue, names } = props.model;
  return (
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
    </>
  );
}

/** One approval request as the OM sees it, with the decision forms (and what was typed, after a refusal). */
export function ApprovalRequestPage(props: {
  model: ApprovalRequestModel;
  csrf: string;
  origin: string;
  error?: string | undefined;
  values?: Record<string, string> | undefined;
}) {
  const { campaign, request, names, samples, open, withdrawable } = props.model;
  const found = props.model.case;
  const { csrf } = props;
  const state = { error: props.error };
  const values = props.values ?? {};
  return (
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
        <MaskedSamples samples={samples} />
      </section>
      <section aria-labelledby="teksten">
        <h2 class="utrecht-heading-2" id="teksten">
          Berichten zoals de telefoon ze toont
        </h2>
        <p class="utrecht-paragraph">Elke variant krijgt een eigen korte link naar {request.helpLink}.</p>
        <FrozenVariants variants={request.variants} origin={props.origin} sender={request.senderName} />
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
    </>
  );
}

import type { FC } from 'hono/jsx';
import type { SendingDashboard } from '../../app/sending.js';
import { ConfirmPage } from './confirm.js';
import type { FieldError } from './form-errors.js';
import { Alert, CsrfField } from './layout.js';
import { formatDecimal, formatPercent } from './nl-format.js';
import { formatCount, formatDateTime, formatEuro } from './sms-format.js';

const FUNNEL: { key: keyof SendingDashboard['funnel']; label: string }[] = [
  { key: 'approved', label: 'Goedgekeurd' },
  { key: 'claimed', label: 'Wordt nu verstuurd' },
  { key: 'sent', label: 'Verstuurd' },
  { key: 'delivered', label: 'Afgeleverd' },
  { key: 'failed', label: 'Mislukt' },
  { key: 'unknown', label: 'Uitkomst onbekend' },
  { key: 'clicks', label: 'Klikken op de link' },
];

function percent(share: number): string {
  return formatPercent(share);
}

/**
 * The live dashboard of one SMS campaign. Every figure carries `data-veld`, so the polling script can update
 * it in place; without JavaScript a reload shows the same page with fresh figures.
 */
export const SendingDashboardView: FC<{
  d: SendingDashboard;
  csrf: string;
  error?: string;
  notice?: string;
}> = ({ d, csrf, error, notice }) => {
  const max = Math.max(1, d.funnel.approved);
  const variantMax = Math.max(1, ...d.variants.map((v) => v.sends));
  return (
    <div class="sending-dashboard" data-dashboard={`/campagnes/${d.campaign.id}/verzending.json`}>
      <h1 class="utrecht-heading-1">Verzending: {d.campaign.name}</h1>
      {error ? <Alert type="error">{error}</Alert> : null}
      {notice ? <Alert type="ok">{notice}</Alert> : null}
      <p class="utrecht-paragraph">
        Status: <strong data-veld="campaign.statusLabel">{d.campaign.statusLabel}</strong>
        {d.scheduledAt ? <> · gepland vanaf {formatDateTime(d.scheduledAt)}</> : null}
      </p>
      <div aria-live="polite">
        <p class="utrecht-paragraph" data-veld="message">
          {d.message ?? ''}
        </p>
        <p class="utrecht-paragraph" data-veld="nextWindow" data-format="volgende">
          {d.nextWindow ? `Volgende verzendmoment: ${formatDateTime(d.nextWindow)}` : ''}
        </p>
      </div>

      <h2 class="utrecht-heading-2">Voortgang</h2>
      {d.funnel.approved === 0 ? (
        <p class="utrecht-paragraph">Afgehandeld: nog geen goedgekeurde ontvangers.</p>
      ) : (
        <p class="utrecht-paragraph">
          <label for="voortgang">Afgehandeld: </label>
          <progress
            id="voortgang"
            max="100"
            value={String(Math.round(d.progress.share * 100))}
            data-veld="progress.share"
          >
            {percent(d.progress.share)}
          </progress>{' '}
          <span data-veld="progress.percent">{percent(d.progress.share)}</span> (
          <span data-veld="progress.settled">{formatCount(d.progress.settled)}</span> van{' '}
          {formatCount(d.funnel.approved)})
        </p>
      )}
      <p class="utrecht-paragraph">
        Tempo: <span data-veld="progress.ratePerSecond">{formatDecimal(d.progress.ratePerSecond)}</span>{' '}
        berichten per seconde
        <span data-veld="progress.eta">
          {d.progress.eta ? ` · verwacht klaar: ${formatDateTime(d.progress.eta)}` : ''}
        </span>
      </p>
      <p class="utrecht-paragraph">
        Kosten tot nu toe: <span data-veld="cost.soFar">{formatEuro(d.cost.soFar)}</span> van geschat{' '}
        {formatEuro(d.cost.estimate)}
        {d.cost.overEstimate ? ' (boven de schatting)' : ''}
      </p>

      <table class="utrecht-table funnel">
        <caption class="utrecht-table__caption">Van goedgekeurd naar klikken</caption>
        <thead>
          <tr>
            <th scope="col">Stap</th>
            <th scope="col">Aantal</th>
            <th scope="col">
              <span class="visually-hidden">Staafdiagram</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {FUNNEL.map((step) => (
            <tr>
              <th scope="row">{step.label}</th>
              <td class="funnel__count" data-veld={`funnel.${step.key}`}>
                {formatCount(d.funnel[step.key])}
              </td>
              <td class="funnel__bar-cell">
                <span
                  class="funnel__bar"
                  aria-hidden="true"
                  data-balk={`funnel.${step.key}`}
                  data-max={String(max)}
                  style={`width:${Math.min(100, Math.round((d.funnel[step.key] / max) * 100))}%`}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <table class="utrecht-table funnel">
        <caption class="utrecht-table__caption">
          Per variant: verstuurd, afgeleverd, klikken en klikratio
        </caption>
        <thead>
          <tr>
            <th scope="col">Variant</th>
            <th scope="col">Verstuurd</th>
            <th scope="col">Afgeleverd</th>
            <th scope="col">Klikken</th>
            <th scope="col">Klikratio</th>
            <th scope="col">
              <span class="visually-hidden">Staafdiagram verstuurd</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {d.variants.map((v) => (
            <tr data-variant={v.id}>
              <th scope="row">{v.label}</th>
              <td class="funnel__count" data-veld={`variant.${v.id}.sends`}>
                {formatCount(v.sends)}
              </td>
              <td class="funnel__count" data-veld={`variant.${v.id}.deliveries`}>
                {formatCount(v.deliveries)}
              </td>
              <td class="funnel__count" data-veld={`variant.${v.id}.clicks`}>
                {formatCount(v.clicks)}
              </td>
              <td class="funnel__count" data-veld={`variant.${v.id}.ctr`}>
                {percent(v.ctr)}
              </td>
              <td class="funnel__bar-cell">
                <span
                  class="funnel__bar"
                  aria-hidden="true"
                  style={`width:${Math.round((v.sends / variantMax) * 100)}%`}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 class="utrecht-heading-2">Acties</h2>
      {d.actions.schedule ? (
        <form method="post" action={`/campagnes/${d.campaign.id}/verzending/inplannen`} class="card">
          <CsrfField token={csrf} />
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="startAt">
              Starten op (Nederlandse tijd)
            </label>
            <input
              class="utrecht-textbox utrecht-textbox--html-input"
              type="datetime-local"
              id="startAt"
              name="startAt"
            />
          </div>
          <button type="submit" class="utrecht-button utrecht-button--secondary-action">
            Inplannen
          </button>{' '}
          <button type="submit" name="nu" value="nu" class="utrecht-button utrecht-button--primary-action">
            Nu starten
          </button>
        </form>
      ) : null}
      <div class="button-row">
        {d.actions.pause ? (
          <ActionButton id={d.campaign.id} csrf={csrf} path="pauzeren" label="Pauzeren" />
        ) : null}
        {d.actions.resume ? (
          <ActionButton id={d.campaign.id} csrf={csrf} path="hervatten" label="Hervatten" />
        ) : null}
        {d.actions.cancel ? (
          <a
            class="utrecht-button-link utrecht-button-link--html-a utrecht-button--secondary-action"
            href={`/campagnes/${d.campaign.id}/verzending/annuleren`}
          >
            Annuleren…
          </a>
        ) : null}
      </div>
      {d.actions.resend ? (
        <form method="post" action={`/campagnes/${d.campaign.id}/verzending/opnieuw`} class="card">
          <CsrfField token={csrf} />
          <h3 class="utrecht-heading-3">Uitkomst onbekend: opnieuw versturen?</h3>
          <p class="utrecht-paragraph">
            Van {formatCount(d.funnel.unknown)} bericht(en) weten we niet of ze zijn aangekomen. Opnieuw
            versturen kan betekenen dat iemand het bericht twee keer krijgt.
          </p>
          <div class="utrecht-form-field">
            <input type="checkbox" id="bevestig1" name="bevestig1" value="ja" required />{' '}
            <label for="bevestig1">
              Ik begrijp dat deze ontvangers het bericht mogelijk twee keer krijgen.
            </label>
          </div>
          <div class="utrecht-form-field">
            <input type="checkbox" id="bevestig2" name="bevestig2" value="ja" required />{' '}
            <label for="bevestig2">Ik bevestig nogmaals: verstuur opnieuw.</label>
          </div>
          <button type="submit" class="utrecht-button utrecht-button--secondary-action">
            Opnieuw versturen
          </button>
        </form>
      ) : null}
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`/campagnes/${d.campaign.id}`}>
          Terug naar de campagne
        </a>
      </p>
      <script src="/assets/verzending.js" defer />
    </div>
  );
};

const ActionButton: FC<{ id: string; csrf: string; path: string; label: string }> = ({
  id,
  csrf,
  path,
  label,
}) => (
  <form method="post" action={`/campagnes/${id}/verzending/${path}`} class="inline-form">
    <CsrfField token={csrf} />
    <button type="submit" class="utrecht-button utrecht-button--secondary-action">
      {label}
    </button>
  </form>
);

/** The confirmation before cancelling: what stops, a required reason, and a way back. */
export const CancelSendingConfirm = (props: {
  d: SendingDashboard;
  csrf: string;
  state: { errors?: FieldError[] | undefined; reason?: string | undefined };
}) => {
  const { d, csrf, state } = props;
  const back = `/campagnes/${d.campaign.id}/verzending`;
  const handed = d.funnel.sent + d.funnel.delivered + d.funnel.failed + d.funnel.unknown;
  return (
    <ConfirmPage
      title={`Campagne „${d.campaign.name}” annuleren?`}
      action={`${back}/annuleren`}
      csrf={csrf}
      confirmLabel="Ja, campagne annuleren"
      backHref={back}
      backLabel="Nee, terug naar de verzending"
      reason={{
        label: 'Reden van de annulering',
        hint: 'Komt in de audittrail. Noem geen namen of telefoonnummers.',
        value: state.reason,
      }}
      errors={state.errors}
    >
      <p class="utrecht-paragraph" id="bevestigen">
        Annuleren kan niet ongedaan worden gemaakt. Er worden geen berichten meer verstuurd: van de{' '}
        {formatCount(d.funnel.approved)} goedgekeurde ontvangers is aan {formatCount(handed)} al een bericht
        verstuurd; de overige {formatCount(Math.max(0, d.funnel.approved - handed))} krijgen er geen. Om
        alsnog te versturen is een nieuwe campagne met een nieuwe goedkeuring nodig.
      </p>
    </ConfirmPage>
  );
};

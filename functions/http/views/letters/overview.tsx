import { raw } from 'hono/html';
import type { LetterOverviewModel } from '../../../app/letter-pages.js';
import { CsrfField } from '../layout.js';
import { formatDate, formatDateTime, LetterSteps, Messages } from '../letters.js';

/**
 * The responsible manager's decision on a submitted letter campaign: the rendered letter as it will be
 * printed (the first addressed letter and the unaddressed one) next to the request's fingerprint, then
 * approve with a reference and two confirmations, or reject.
 */
export const LetterDecision = (props: {
  campaignId: string;
  csrf: string;
  letterCount: number;
  fingerprint: string;
  preview: string[] | undefined;
}) => (
  <>
    <p class="utrecht-paragraph">
      U bent de verantwoordelijke manager van deze zaak. Controleer het gebied, de {props.letterCount}{' '}
      adressen en de brief zoals die geprint en op de webversie gepubliceerd wordt, en beslis.
    </p>
    <section class="letter-preview" aria-labelledby="voorbeeld-kop">
      <h3 class="utrecht-heading-3" id="voorbeeld-kop">
        De brief die u goedkeurt
      </h3>
      <p class="utrecht-paragraph">
        Vingerafdruk (SHA-256) van precies deze brief, deze adressen en deze gegevens:{' '}
        <code class="fingerprint" data-testid="vingerafdruk">
          {props.fingerprint}
        </code>
      </p>
      {props.preview === undefined ? (
        <p class="utrecht-paragraph">Er is geen voorbeeld: kies eerst de adressen.</p>
      ) : (
        props.preview.map((body, i) => (
          <figure class="letter-preview__page">
            <figcaption class="utrecht-paragraph">
              {i === 0 ? 'Eerste geadresseerde brief (in looproute)' : 'Ongeadresseerde brief'}
            </figcaption>
            <div class="brief">{raw(body)}</div>
          </figure>
        ))
      )}
    </section>
    <form method="post" action={`/wijkberichten/${props.campaignId}/goedkeuren`} class="utrecht-form">
      <CsrfField token={props.csrf} />
      <input type="hidden" name="fingerprint" value={props.fingerprint} />
      <div class="utrecht-form-field">
        <label class="utrecht-form-label" for="besluit-kenmerk">
          Kenmerk van het besluit
        </label>
        <input
          class="utrecht-textbox utrecht-textbox--html-input"
          id="besluit-kenmerk"
          name="legalReference"
          required
          maxlength={120}
        />
      </div>
      <div class="utrecht-form-field utrecht-form-field--checkbox">
        <input
          type="checkbox"
          class="utrecht-checkbox utrecht-checkbox--html-input"
          id="besluit-bevestigd"
          name="confirmed"
          value="ja"
          required
        />
        <label class="utrecht-form-label utrecht-form-label--checkbox" for="besluit-bevestigd">
          Ik heb het gebied, de adressen en de brief hierboven gecontroleerd
        </label>
      </div>
      <div class="utrecht-form-field utrecht-form-field--checkbox">
        <input
          type="checkbox"
          class="utrecht-checkbox utrecht-checkbox--html-input"
          id="besluit-niemand"
          name="namesNobody"
          value="ja"
          required
        />
        <label class="utrecht-form-label utrecht-form-label--checkbox" for="besluit-niemand">
          De brief noemt geen persoon, geen adres van een verdachte en geen naam of direct nummer van een
          medewerker
        </label>
      </div>
      <button type="submit" class="utrecht-button utrecht-button--primary-action">
        Goedkeuren
      </button>
    </form>
    <form method="post" action={`/wijkberichten/${props.campaignId}/afwijzen`} class="utrecht-form">
      <CsrfField token={props.csrf} />
      <input type="hidden" name="fingerprint" value={props.fingerprint} />
      <div class="utrecht-form-field">
        <label class="utrecht-form-label" for="besluit-reden">
          Reden van afwijzing
        </label>
        <textarea
          class="utrecht-textarea utrecht-textarea--html-textarea"
          id="besluit-reden"
          name="reason"
          rows={3}
        />
      </div>
      <button type="submit" class="utrecht-button utrecht-button--secondary-action">
        Afwijzen
      </button>
    </form>
  </>
);

/** A letter campaign's overview: its case and area, its approval (or the decision on it) and its text. */
export const LetterOverviewPage = (props: {
  model: LetterOverviewModel;
  csrf: string;
  error?: string;
  notice?: string;
  /** The case text as typed, shown again when saving it failed. */
  typedCaseText?: string;
}) => {
  const { model, csrf, error, notice, typedCaseText } = props;
  const { campaign, kase, selection, approval } = model;
  return (
    <>
      <h1 class="utrecht-heading-1">{campaign.name}</h1>
      <LetterSteps campaign={campaign} current="overzicht" />
      <Messages error={error} notice={notice} />
      <dl class="facts">
        <dt>Zaak</dt>
        <dd>
          {kase.name}, actie op {formatDate(kase.actionDate)}
        </dd>
        <dt>Gebied</dt>
        <dd>{kase.areaDescription}</dd>
        <dt>Brieven</dt>
        <dd>
          {selection
            ? `${selection.letterCount} adressen in ${selection.streets.length} straten`
            : 'nog geen gebied gekozen'}
        </dd>
      </dl>
      <h2 class="utrecht-heading-2">Goedkeuring</h2>
      {approval.kind === 'approved' ? (
        <p class="utrecht-paragraph">
          Goedgekeurd tot {formatDateTime(approval.expiresAt)}.{' '}
          <a class="utrecht-link" href={`/wijkberichten/${campaign.id}/brieven`}>
            Maak de brieven
          </a>
          .
        </p>
      ) : approval.kind === 'decide' ? (
        <LetterDecision
          campaignId={campaign.id}
          csrf={csrf}
          letterCount={selection?.letterCount ?? 0}
          fingerprint={approval.fingerprint}
          preview={approval.preview}
        />
      ) : approval.kind === 'waiting' ? (
        <p class="utrecht-paragraph">
          Het wijkbericht wacht op goedkeuring door de verantwoordelijke manager van de zaak,{' '}
          {approval.responsibleName} (vier ogen: niet door wie het voorbereidde).
        </p>
      ) : approval.kind === 'no-area' || !selection ? (
        <p class="utrecht-paragraph">
          Kies eerst{' '}
          <a class="utrecht-link" href={`/wijkberichten/${campaign.id}/gebied`}>
            het gebied en de straten
          </a>
          .
        </p>
      ) : (
        <form method="post" action={`/wijkberichten/${campaign.id}/aanbieden`} class="utrecht-form">
          <CsrfField token={csrf} />
          <p class="utrecht-paragraph">
            Na goedkeuring van precies deze {selection.letterCount} adressen en deze tekst kunt u printen.
            Elke wijziging van straten of tekst maakt een goedkeuring ongeldig.
          </p>
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="periode-van">
              Eerste bezorgdag
            </label>
            <input
              class="utrecht-textbox utrecht-textbox--html-input"
              id="periode-van"
              name="from"
              type="date"
              required
            />
          </div>
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="periode-tot">
              Laatste bezorgdag
            </label>
            <input
              class="utrecht-textbox utrecht-textbox--html-input"
              id="periode-tot"
              name="until"
              type="date"
              required
            />
          </div>
          <button type="submit" class="utrecht-button utrecht-button--primary-action">
            Ter goedkeuring aanbieden
          </button>
        </form>
      )}
      <h2 class="utrecht-heading-2">Brieftekst</h2>
      <p class="utrecht-paragraph">
        <strong>{campaign.letter?.subject}</strong>
      </p>
      {campaign.letter?.paragraphs.map((p) => (
        <p class="utrecht-paragraph">{p}</p>
      ))}
      <form method="post" action={`/wijkberichten/${campaign.id}/tekst`} class="utrecht-form">
        <CsrfField token={csrf} />
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="zaaktekst">
            Wat er is gebeurd (komt in de brief op de plaats van {'{{zaaktekst}}'})
          </label>
          <p class="utrecht-form-field-description" id="zaaktekst-uitleg">
            Geen namen, adressen, postcodes, telefoonnummers of e-mailadressen: de brief gaat naar alle
            bewoners en staat op een openbare webpagina. Een wijziging na goedkeuring maakt de goedkeuring
            ongeldig.
          </p>
          <textarea
            class="utrecht-textarea utrecht-textarea--html-textarea"
            id="zaaktekst"
            name="zaaktekst"
            rows={5}
            aria-describedby="zaaktekst-uitleg"
            required
          >
            {typedCaseText ?? campaign.letterSnapshot?.caseFields.caseText ?? ''}
          </textarea>
        </div>
        <button type="submit" class="utrecht-button utrecht-button--secondary-action">
          Brieftekst opslaan
        </button>
      </form>
    </>
  );
};

import type { DoNotContactPageModel, ListMode } from '../../app/do-not-contact-page.js';
import { describeLines } from '../../core/contacts/pasted-lines.js';
import type { ListChange, StagedUploadForm } from '../../core/ports.js';
import { ErrorSummary, type FieldError, FieldErrorMessage, FieldGroup, fieldAria } from './form-errors.js';
import { Alert, CsrfField } from './layout.js';
import { formatCount } from './sms-format.js';

/** What the page shows after a post: the errors and what was typed, or the change made. */
export interface DoNotContactState {
  errors?: FieldError[];
  /** What was typed, kept when nothing was changed. */
  typed?: { mode: ListMode; text: string };
  result?: { mode: ListMode; change: ListChange };
}

/** The admin's page for the do-not-contact list: paste or upload numbers, stored as keyed hashes only. */
export function DoNotContactPage(props: {
  model: DoNotContactPageModel;
  state: DoNotContactState;
  csrf: string;
}) {
  const { counts, staged } = props.model;
  const { state, csrf } = props;
  const label = (mode: 'add' | 'remove') => (mode === 'add' ? 'Toevoegen' : 'Van de lijst halen');
  const buttonClass = (mode: 'add' | 'remove') =>
    `utrecht-button ${mode === 'add' ? 'utrecht-button--primary-action' : 'utrecht-button--secondary-action'}`;
  /** With staging storage the file goes there in a form of its own; pasted numbers still come here. */
  const stagedFileForm = (mode: 'add' | 'remove', form: StagedUploadForm) => (
    <form
      method="post"
      action={form.url}
      enctype="multipart/form-data"
      class="utrecht-form"
      data-staged-upload
      data-expires-at={form.expiresAt}
    >
      {Object.entries(form.fields).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <div class="utrecht-form-field">
        <label class="utrecht-form-label" for={`${mode}-bestand`}>
          Of een bestand (vCard, CSV of XLSX)
        </label>
        <input class="utrecht-textbox" id={`${mode}-bestand`} name={form.fileField} type="file" required />
      </div>
      <button type="submit" class={buttonClass(mode)}>
        {`Bestand: ${label(mode).toLowerCase()}`}
      </button>
      <p class="utrecht-paragraph" data-upload-status aria-live="polite" />
    </form>
  );
  const form = (mode: 'add' | 'remove') => (
    <form
      method="post"
      action={mode === 'add' ? '/beheer/niet-benaderen' : '/beheer/niet-benaderen/verwijderen'}
      enctype="multipart/form-data"
      class="utrecht-form card"
    >
      <h2 class="utrecht-heading-2">{mode === 'add' ? 'Nummers toevoegen' : 'Nummers van de lijst halen'}</h2>
      <CsrfField token={csrf} />
      <FieldGroup errors={state.errors} field={`${mode}-tekst`}>
        <label class="utrecht-form-label" for={`${mode}-tekst`}>
          Nummers (één of meer per regel)
        </label>
        <FieldErrorMessage errors={state.errors} field={`${mode}-tekst`} />
        <textarea
          class="utrecht-textarea utrecht-textarea--html-textarea"
          id={`${mode}-tekst`}
          name="nummers"
          rows={5}
          autocomplete="off"
          {...fieldAria(state.errors, `${mode}-tekst`)}
        >
          {state.typed?.mode === mode ? state.typed.text : ''}
        </textarea>
      </FieldGroup>
      {staged[mode] ? null : (
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for={`${mode}-bestand`}>
            Of een bestand (vCard, CSV of XLSX)
          </label>
          <input class="utrecht-textbox" id={`${mode}-bestand`} name="bestand" type="file" />
        </div>
      )}
      <button type="submit" class={buttonClass(mode)}>
        {label(mode)}
      </button>
    </form>
  );
  return (
    <>
      <ErrorSummary errors={state.errors} />
      <h1 class="utrecht-heading-1">Niet-benaderen-lijst</h1>
      <p class="utrecht-paragraph">
        Nummers die nooit een bericht mogen krijgen: advocaten, ambtenaren, slachtoffers. Ze worden alleen als
        versleutelde vingerafdruk (HMAC) bewaard; niemand kan de lijst teruglezen. U ziet daarom alleen
        aantallen.
      </p>
      {state.result ? (
        <Alert type="ok">
          {formatCount(state.result.change.numbers)} nummer{state.result.change.numbers === 1 ? '' : 's'}{' '}
          {state.result.mode === 'add' ? 'toegevoegd' : 'van de lijst gehaald'}.
          {state.result.change.problems > 0
            ? ` ${formatCount(state.result.change.problems)} regels of waarden waren geen geldig nummer.`
            : ''}{' '}
          De lijst telt nu {formatCount(state.result.change.total)} nummers.
        </Alert>
      ) : null}
      {state.result?.change.ignoredLines && state.result.change.ignoredLines.length > 0 ? (
        <Alert type="warning">
          Overgeslagen: {describeLines(state.result.change.ignoredLines)} geen geldig telefoonnummer.
          Controleer die regels en voeg ze zo nodig opnieuw toe. Regels zonder nummer:{' '}
          {formatCount(state.result.change.ignoredLines.length)}.
        </Alert>
      ) : null}
      <table class="utrecht-table">
        <caption class="utrecht-table__caption">Uitsluitingslijsten (aantallen)</caption>
        <tbody>
          <tr>
            <th scope="row">Niet benaderen</th>
            <td>{formatCount(counts.do_not_contact)}</td>
          </tr>
          <tr>
            <th scope="row">Afgemeld (STOP)</th>
            <td>{formatCount(counts.opt_out)}</td>
          </tr>
          <tr>
            <th scope="row">Onlangs een bericht gehad (frequentielimiet)</th>
            <td>{formatCount(counts.recently_messaged)}</td>
          </tr>
        </tbody>
      </table>
      <p class="utrecht-paragraph">
        Nieuwe nummers tellen mee bij de volgende upload of wanneer de adviseur een campagne indient.
      </p>
      {form('add')}
      {staged.add ? stagedFileForm('add', staged.add) : null}
      {form('remove')}
      {staged.remove ? stagedFileForm('remove', staged.remove) : null}
      {staged.add || staged.remove ? <script src="/assets/upload.js" defer /> : null}
    </>
  );
}

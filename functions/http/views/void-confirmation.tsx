import { Alert, CsrfField } from './layout.js';

/**
 * The step between a change and its saving when the change would void an approval or an open request: the
 * same form again, its values in hidden fields and `bevestig=1`, so it works without JavaScript and nothing
 * is voided without the user having read what it voids.
 */
export const VoidConfirmation = (props: {
  csrf: string;
  action: string;
  cancel: string;
  /** "de goedkeuring" or "de aanvraag tot goedkeuring". */
  what: string;
  name: string;
  /** The submitted form's values, sent again unchanged. */
  fields: Record<string, string | readonly string[]>;
}) => (
  <>
    <h1 class="utrecht-heading-1">Wijziging bevestigen</h1>
    <Alert type="warning">
      <p class="utrecht-paragraph void-warning">
        Dit maakt {props.what} van „{props.name}” ongeldig. Na het opslaan moet het opnieuw ter goedkeuring
        worden aangeboden en goedgekeurd; tot dan wordt er niets verstuurd of geprint.
      </p>
    </Alert>
    <form method="post" action={props.action} class="utrecht-form">
      <CsrfField token={props.csrf} />
      <input type="hidden" name="bevestig" value="1" />
      {Object.entries(props.fields).flatMap(([name, value]) =>
        (typeof value === 'string' ? [value] : value).map((v) => (
          <input type="hidden" name={name} value={v} />
        )),
      )}
      <button type="submit" class="utrecht-button utrecht-button--primary-action">
        Ja, wijzigen en goedkeuring ongeldig maken
      </button>
    </form>
    <p class="utrecht-paragraph">
      <a class="utrecht-link" href={props.cancel}>
        Annuleren: niets wijzigen
      </a>
    </p>
  </>
);

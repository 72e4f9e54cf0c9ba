import type { Child, FC } from 'hono/jsx';
import {
  ErrorSummary,
  type FieldError,
  FieldErrorMessage,
  FieldGroup,
  fieldAria,
  Required,
} from './form-errors.js';
import { CsrfField } from './layout.js';

/**
 * A confirmation page before something that cannot be undone: what will happen, an optional required
 * reason, one button that does it and a link back that does nothing. A plain form, so it works without
 * JavaScript; the action itself still checks everything.
 */
export const ConfirmPage: FC<{
  title: string;
  /** What will happen, in sentences. */
  children?: Child;
  action: string;
  csrf: string;
  confirmLabel: string;
  backHref: string;
  backLabel: string;
  /** A required reason, stored in the audit trail. */
  reason?: { label: string; hint: string; value?: string | undefined } | undefined;
  errors?: FieldError[] | undefined;
}> = (props) => (
  <>
    <ErrorSummary errors={props.errors} />
    <h1 class="utrecht-heading-1">{props.title}</h1>
    {props.children}
    <form method="post" action={props.action} class="utrecht-form">
      <CsrfField token={props.csrf} />
      <input type="hidden" name="bevestig" value="ja" />
      {props.reason ? (
        <FieldGroup errors={props.errors} field="reden">
          <label class="utrecht-form-label" for="reden">
            {props.reason.label}
            <Required />
          </label>
          <p class="utrecht-form-field-description" id="reden-uitleg">
            {props.reason.hint}
          </p>
          <FieldErrorMessage errors={props.errors} field="reden" />
          <textarea
            class="utrecht-textarea utrecht-textarea--html-textarea"
            id="reden"
            name="reden"
            rows={3}
            maxlength={500}
            aria-required="true"
            {...fieldAria(props.errors, 'reden', 'reden-uitleg')}
          >
            {props.reason.value ?? ''}
          </textarea>
        </FieldGroup>
      ) : null}
      <div class="actions">
        <button type="submit" class="utrecht-button utrecht-button--primary-action confirm-danger">
          {props.confirmLabel}
        </button>
        <a class="utrecht-link" href={props.backHref}>
          {props.backLabel}
        </a>
      </div>
    </form>
  </>
);

import type { Child, FC } from 'hono/jsx';
import { type DomainError, isDomainError } from '../../core/errors.js';

/**
 * Form errors the way GOV.UK and the NL Design System show them: a summary at the top of the page with a
 * link to each field, the message again beside the field (tied to it with `aria-describedby`), the
 * field marked invalid, and the typed values kept. Routes collect `FieldError`s; views render them with
 * the pieces below, so every form reports errors the same way.
 */
export interface FieldError {
  /** The id of the input (or first input of a group) the message belongs to. */
  field: string;
  message: string;
}

/** Id of the message element beside a field. */
export const errorIdOf = (field: string) => `${field}-fout`;

/**
 * The errors of a domain error refused with 409/422: its `context.field` (a name the domain uses) mapped to
 * the input id on this page, or the fallback field when the domain named none or one this form lacks.
 */
export function fieldErrorsOf(
  error: DomainError,
  fields: Readonly<Record<string, string>>,
  fallback: string,
): FieldError[] {
  const named = typeof error.context.field === 'string' ? fields[error.context.field] : undefined;
  return [{ field: named ?? fallback, message: error.userMessage }];
}

export function isFormError(error: unknown): error is DomainError {
  return isDomainError(error) && ['validation', 'conflict', 'too_large'].includes(error.kind);
}

/** The message for one field, or undefined. */
export function errorFor(errors: readonly FieldError[] | undefined, field: string): string | undefined {
  return errors?.find((e) => e.field === field)?.message;
}

/** Attributes of an input with this id: invalid state and its description (hint, then error). */
export function fieldAria(
  errors: readonly FieldError[] | undefined,
  field: string,
  hintId?: string,
): { 'aria-invalid'?: 'true'; 'aria-describedby'?: string } {
  const error = errorFor(errors, field);
  const describedBy = [hintId, error ? errorIdOf(field) : undefined].filter(Boolean).join(' ');
  return {
    ...(error ? { 'aria-invalid': 'true' as const } : {}),
    ...(describedBy ? { 'aria-describedby': describedBy } : {}),
  };
}

/** The summary at the top: a heading and one link per error to its field. Nothing when there are none. */
export const ErrorSummary: FC<{ errors?: readonly FieldError[] | undefined }> = ({ errors }) =>
  errors && errors.length > 0 ? (
    <div
      class="error-summary"
      role="alert"
      aria-labelledby="foutmeldingen-titel"
      tabindex={-1}
      id="foutmeldingen"
    >
      <h2 class="utrecht-heading-2 error-summary__title" id="foutmeldingen-titel">
        Er is een probleem
      </h2>
      <ul class="utrecht-unordered-list error-summary__list">
        {errors.map((e) => (
          <li>
            <a class="utrecht-link" href={`#${e.field}`}>
              {e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  ) : null;

/** The message beside a field, announced with it. Nothing when the field has no error. */
export const FieldErrorMessage: FC<{ errors?: readonly FieldError[] | undefined; field: string }> = ({
  errors,
  field,
}) => {
  const message = errorFor(errors, field);
  return message ? (
    <p class="utrecht-form-field-error-message field-error" id={errorIdOf(field)}>
      <span class="visually-hidden">Fout: </span>
      {message}
    </p>
  ) : null;
};

/** The label suffix of a required field, in words (not only a colour or an asterisk). */
export const Required: FC = () => <span class="required-mark"> (verplicht)</span>;

/** A form field wrapper that turns red with its error. */
export const FieldGroup: FC<{
  errors?: readonly FieldError[] | undefined;
  field: string;
  children?: Child;
}> = ({ errors, field, children }) => (
  <div
    class={errorFor(errors, field) ? 'utrecht-form-field utrecht-form-field--invalid' : 'utrecht-form-field'}
  >
    {children}
  </div>
);

/** The rules for the pieces above; appended to the app's stylesheet. */
export const FORM_ERRORS_CSS = `
.error-summary { border: 4px solid #c4001a; padding: 1rem 1.25rem; margin-block: 1rem 1.5rem; background: #fff; }
.error-summary:focus { outline: 3px solid #ffbf47; }
.error-summary__title { margin-block-start: 0; }
.error-summary__list a { color: #a4000f; font-weight: 700; }
.field-error { color: #a4000f; font-weight: 700; margin: .25rem 0; }
.utrecht-form-field--invalid { border-left: 4px solid #c4001a; padding-left: .75rem; }
.utrecht-form-field--invalid input, .utrecht-form-field--invalid textarea { border-color: #c4001a; }
.required-mark { font-weight: 400; }
`;

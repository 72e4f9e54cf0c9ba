import { SETTING_LABELS } from '../../../app/settings.js';
import type { Settings } from '../../../core/settings/settings.schema.js';
import { TextField } from '../fields.js';
import {
  ErrorSummary,
  errorFor,
  type FieldError,
  FieldErrorMessage,
  FieldGroup,
  fieldAria,
} from '../form-errors.js';
import { Alert, CsrfField } from '../layout.js';

/** The municipality settings form. */
export const SettingsPage = (props: {
  settings: Settings;
  csrf: string;
  error?: string;
  /** The refused field with its message, shown in the summary and beside the field. */
  fieldErrors?: FieldError[];
  /** The values as typed in a refused form, kept in their fields. */
  typed?: Readonly<Record<string, string>>;
  saved?: boolean;
}) => {
  const s = props.settings;
  const field = (name: keyof Settings, stored: string, type: 'text' | 'number' | 'color' = 'text') => {
    const id = `s-${name}`;
    const value = props.typed?.[name] ?? stored;
    return errorFor(props.fieldErrors, id) ? (
      <FieldGroup errors={props.fieldErrors} field={id}>
        <label class="utrecht-form-label" for={id}>
          {SETTING_LABELS[name]}
        </label>
        <FieldErrorMessage errors={props.fieldErrors} field={id} />
        <input
          class="utrecht-textbox utrecht-textbox--html-input"
          id={id}
          name={name}
          type={type}
          value={value}
          {...(type === 'number' ? { step: 'any' } : {})}
          {...fieldAria(props.fieldErrors, id)}
        />
      </FieldGroup>
    ) : (
      <TextField
        id={`s-${name}`}
        name={name}
        label={SETTING_LABELS[name]}
        type={type}
        value={value}
        {...(type === 'number' ? { step: 'any' } : {})}
      />
    );
  };

  return (
    <>
      <h1 class="utrecht-heading-1">Gemeente-instellingen</h1>
      {props.fieldErrors?.length ? (
        <ErrorSummary errors={props.fieldErrors} />
      ) : props.error ? (
        <Alert type="error">{props.error}</Alert>
      ) : null}
      {props.saved ? <Alert type="ok">De instellingen zijn opgeslagen.</Alert> : null}
      <form method="post" action="/beheer/instellingen" class="utrecht-form">
        <CsrfField token={props.csrf} />
        {field('municipality', s.municipality)}
        {field('primaryColor', s.primaryColor, 'color')}
        {field('senderLine', s.senderLine)}
        {field('signatureTitle', s.signatureTitle)}
        {field('generalContact', s.generalContact)}
        {field('allowedLinkDomains', s.allowedLinkDomains.join(', '))}
        {field('maxRatePerSecond', String(s.maxRatePerSecond), 'number')}
        {field('frequencyCapDays', String(s.frequencyCapDays), 'number')}
        {field('approvalValidityDays', String(s.approvalValidityDays), 'number')}
        {field('retentionDays', String(s.retentionDays), 'number')}
        {field('maxRadiusMetres', String(s.maxRadiusMetres), 'number')}
        {field('pricePerSegmentEur', String(s.pricePerSegmentEur), 'number')}
        <button type="submit" class="utrecht-button utrecht-button--primary-action">
          Opslaan
        </button>
      </form>
    </>
  );
};

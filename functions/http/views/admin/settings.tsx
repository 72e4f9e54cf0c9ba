import { SETTING_LABELS } from '../../../app/settings.js';
import { LOGO_MAX_BYTES, LOGO_MAX_PIXELS } from '../../../core/settings/logo.js';
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
  /** What saved the page: the logo part says so in its own words. */
  savedLogo?: 'changed' | 'removed';
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
      {props.savedLogo ? (
        <Alert type="ok">
          {props.savedLogo === 'removed' ? 'Het logo is verwijderd.' : 'Het nieuwe logo is opgeslagen.'}
        </Alert>
      ) : null}
      <LogoSection settings={s} csrf={props.csrf} fieldErrors={props.fieldErrors} />
      <h2 class="utrecht-heading-2" style="margin-block-start:2rem">
        Gegevens en grenzen
      </h2>
      <form method="post" action="/beheer/instellingen" class="utrecht-form">
        <CsrfField token={props.csrf} />
        {field('municipality', s.municipality)}
        {field('primaryColor', s.primaryColor, 'color')}
        {field('senderLine', s.senderLine)}
        {field('signatureTitle', s.signatureTitle)}
        {field('generalContact', s.generalContact)}
        {field('allowedLinkDomains', s.allowedLinkDomains.join(', '))}
        <QuietHoursFields settings={s} typed={props.typed} fieldErrors={props.fieldErrors} />
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

const WEEKDAYS = ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'];

/** The days in words: "maandag tot en met zaterdag", or a list. */
export function daysInWords(days: readonly number[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined) return 'geen enkele dag';
  if (sorted.length === 7) return 'elke dag';
  if (sorted.length > 2 && last - first === sorted.length - 1) {
    return `${WEEKDAYS[first - 1]} tot en met ${WEEKDAYS[last - 1]}`;
  }
  const names = sorted.map((d) => WEEKDAYS[d - 1]);
  return names.length === 1
    ? String(names[0])
    : `${names.slice(0, -1).join(', ')} en ${names[names.length - 1]}`;
}

/**
 * The municipality's send window: start, end (24:00 allowed) and days. New SMS campaigns start with it;
 * `quietForm` tells the route the fields were on the page, so no ticked day means "no day", not "unchanged".
 */
const QuietHoursFields = (props: {
  settings: Settings;
  typed?: Readonly<Record<string, string>> | undefined;
  fieldErrors?: FieldError[] | undefined;
}) => {
  const q = props.settings.quietHours;
  const start = props.typed?.quietStart ?? q.start;
  const end = props.typed?.quietEnd ?? q.end;
  const days =
    props.typed?.quietDays !== undefined
      ? props.typed.quietDays.split(',').filter(Boolean).map(Number)
      : q.days;
  const id = 's-quietHours';
  const invalid = errorFor(props.fieldErrors, id) !== undefined;
  return (
    <fieldset class="utrecht-form-fieldset" aria-describedby="s-quietHours-uitleg">
      <legend class="utrecht-form-fieldset__legend">{SETTING_LABELS.quietHours} (Nederlandse tijd)</legend>
      <input type="hidden" name="quietForm" value="1" />
      <p class="utrecht-form-field-description" id="s-quietHours-uitleg">
        Nu: sms’en gaan alleen uit van {q.start} tot {q.end} uur, {daysInWords(q.days)}. Elke nieuwe
        sms-campagne begint met dit venster; de adviseur kan het per campagne aanpassen. Als eindtijd mag
        24:00 (tot middernacht).
      </p>
      <FieldGroup errors={props.fieldErrors} field={id}>
        <FieldErrorMessage errors={props.fieldErrors} field={id} />
        <label class="utrecht-form-label" for={id}>
          Versturen vanaf (UU:MM)
        </label>
        <input
          class="utrecht-textbox utrecht-textbox--html-input"
          id={id}
          name="quietStart"
          type="text"
          inputmode="numeric"
          value={start}
          {...fieldAria(props.fieldErrors, id)}
        />
        <label class="utrecht-form-label" for="s-quietHours-end">
          Versturen tot (UU:MM)
        </label>
        <input
          class="utrecht-textbox utrecht-textbox--html-input"
          id="s-quietHours-end"
          name="quietEnd"
          type="text"
          inputmode="numeric"
          value={end}
          {...(invalid ? { 'aria-invalid': 'true' as const } : {})}
        />
      </FieldGroup>
      {WEEKDAYS.map((day, i) => (
        <div class="utrecht-form-field utrecht-form-field--checkbox">
          <input
            type="checkbox"
            class="utrecht-checkbox utrecht-checkbox--html-input"
            id={`s-dag-${i + 1}`}
            name="quietDays"
            value={String(i + 1)}
            checked={days.includes(i + 1)}
          />
          <label class="utrecht-form-label utrecht-form-label--checkbox" for={`s-dag-${i + 1}`}>
            {day}
          </label>
        </div>
      ))}
    </fieldset>
  );
};

/** The logo: a preview, an upload form (PNG or SVG, size stated) and a way to remove it. */
const LogoSection = (props: { settings: Settings; csrf: string; fieldErrors?: FieldError[] | undefined }) => {
  const logo = props.settings.logoUrl;
  const id = 's-logo';
  return (
    <section aria-labelledby="logo-titel" class="settings-logo">
      <h2 class="utrecht-heading-2" id="logo-titel">
        Logo
      </h2>
      {logo ? (
        <figure class="settings-logo__preview">
          <img
            src={logo}
            alt="Het huidige logo"
            id="logo-voorbeeld"
            style="max-height:80px;max-width:320px"
          />
          <figcaption class="muted">
            Zo staat het logo in de kop van de pagina’s en op de wijkberichten.
          </figcaption>
        </figure>
      ) : (
        <p class="utrecht-paragraph">
          Er is nog geen logo. Op de wijkberichten staat dan een vlak in de huisstijlkleur.
        </p>
      )}
      <form
        method="post"
        action="/beheer/instellingen/logo"
        enctype="multipart/form-data"
        class="utrecht-form"
      >
        <CsrfField token={props.csrf} />
        <FieldGroup errors={props.fieldErrors} field={id}>
          <label class="utrecht-form-label" for={id}>
            {logo ? 'Nieuw logo' : 'Logo'} (PNG of SVG)
          </label>
          <p class="utrecht-form-field-description" id="s-logo-uitleg">
            Hoogstens {LOGO_MAX_BYTES / 1024} kB; een PNG hoogstens {LOGO_MAX_PIXELS} × {LOGO_MAX_PIXELS}{' '}
            pixels. Uit een SVG worden scripts, koppelingen naar andere adressen en ingesloten HTML
            verwijderd. Een nieuw logo maakt de goedkeuring van ingediende of goedgekeurde wijkberichten
            ongeldig (u krijgt eerst de vraag).
          </p>
          <FieldErrorMessage errors={props.fieldErrors} field={id} />
          <input
            class="utrecht-textbox utrecht-textbox--html-input"
            id={id}
            name="logo"
            type="file"
            accept="image/png,image/svg+xml,.png,.svg"
            {...fieldAria(props.fieldErrors, id, 's-logo-uitleg')}
          />
        </FieldGroup>
        <div class="actions">
          <button type="submit" class="utrecht-button utrecht-button--secondary-action">
            Logo opslaan
          </button>
          {logo ? (
            <a class="utrecht-link" href="/beheer/instellingen/logo/verwijderen">
              Logo verwijderen…
            </a>
          ) : null}
        </div>
      </form>
    </section>
  );
};

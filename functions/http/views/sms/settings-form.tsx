import type { Child } from 'hono/jsx';
import type { Campaign } from '../../../core/campaigns/campaign.schema.js';
import { type FieldError, FieldErrorMessage, FieldGroup, fieldAria, Required } from '../form-errors.js';
import { Alert, CsrfField } from '../layout.js';
import { isoToAmsterdamLocal } from '../sms-format.js';

const WEEKDAYS = ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'];

/** The settings of a campaign: name, link, sender, speed, countries, quiet hours and planned window. */
export const SettingsForm = (props: {
  campaign: Campaign;
  csrf: string;
  editable: boolean;
  error?: string | undefined;
  fieldErrors?: FieldError[] | undefined;
  typed?: Record<string, string | string[]> | undefined;
}) => {
  const c = props.campaign;
  const errors = props.fieldErrors;
  const typed = (name: string, stored: string) => {
    const v = props.typed?.[name];
    return props.typed === undefined ? stored : typeof v === 'string' ? v : '';
  };
  const text = (
    id: string,
    name: string,
    label: Child,
    value: string,
    hint?: string,
    type = 'text',
    required = false,
  ) => (
    <FieldGroup errors={errors} field={id}>
      <label class="utrecht-form-label" for={id}>
        {label}
        {required ? <Required /> : null}
      </label>
      {hint ? (
        <p class="utrecht-form-field-description" id={`${id}-uitleg`}>
          {hint}
        </p>
      ) : null}
      <FieldErrorMessage errors={errors} field={id} />
      <input
        class="utrecht-textbox utrecht-textbox--html-input"
        id={id}
        name={name}
        type={type}
        value={typed(name, value)}
        disabled={!props.editable}
        {...(required ? { 'aria-required': 'true' } : {})}
        {...fieldAria(errors, id, hint ? `${id}-uitleg` : undefined)}
      />
    </FieldGroup>
  );
  const inSettings = (errors ?? []).some((e) => e.field.startsWith('c-'));
  return (
    <form method="post" action={`/campagnes/${c.id}/instellingen`} class="utrecht-form">
      {props.error && !inSettings ? <Alert type="error">{props.error}</Alert> : null}
      <CsrfField token={props.csrf} />
      {text('c-naam', 'name', 'Naam van de campagne', c.name, undefined, 'text', true)}
      {text(
        'c-link',
        'helpLink',
        'Link naar de hulpwebsite',
        c.helpLink,
        'Alleen https-links op de domeinen die de beheerder heeft toegestaan. Elke variant krijgt hiervan een eigen korte link.',
        'url',
        true,
      )}
      {text(
        'c-afzender',
        'senderName',
        'Afzendernaam',
        c.senderName,
        'Hoogstens 11 letters of cijfers, geen spaties.',
        'text',
        true,
      )}
      {text(
        'c-snelheid',
        'ratePerSecond',
        'Snelheid (berichten per seconde)',
        String(c.ratePerSecond),
        undefined,
        'number',
      )}
      {text(
        'c-landen',
        'allowedCountries',
        'Toegestane landen',
        c.allowedCountries.join(', '),
        'Landcodes met komma’s, bijvoorbeeld NL, BE. Nummers uit andere landen worden niet verstuurd.',
      )}
      <fieldset class="utrecht-form-fieldset">
        <legend class="utrecht-form-fieldset__legend">Verzendvenster (rusttijden)</legend>
        {text('c-start', 'quietStart', 'Versturen vanaf (UU:MM)', c.quietHours.start)}
        {text('c-eind', 'quietEnd', 'Versturen tot (UU:MM)', c.quietHours.end)}
        {WEEKDAYS.map((day, i) => (
          <div class="utrecht-form-field utrecht-form-field--checkbox">
            <input
              type="checkbox"
              class="utrecht-checkbox utrecht-checkbox--html-input"
              id={`c-dag-${i + 1}`}
              name="quietDays"
              value={String(i + 1)}
              checked={c.quietHours.days.includes(i + 1)}
              disabled={!props.editable}
            />
            <label class="utrecht-form-label utrecht-form-label--checkbox" for={`c-dag-${i + 1}`}>
              {day}
            </label>
          </div>
        ))}
      </fieldset>
      <fieldset class="utrecht-form-fieldset">
        <legend class="utrecht-form-fieldset__legend">
          Geplande verzendperiode (Nederlandse tijd)
          <span class="required-mark"> (verplicht om in te dienen)</span>
        </legend>
        {text(
          'c-van',
          'windowFrom',
          'Begin',
          c.plannedWindow ? isoToAmsterdamLocal(c.plannedWindow.from) : '',
          undefined,
          'datetime-local',
          false,
        )}
        {text(
          'c-tot',
          'windowUntil',
          'Einde',
          c.plannedWindow ? isoToAmsterdamLocal(c.plannedWindow.until) : '',
          undefined,
          'datetime-local',
          false,
        )}
      </fieldset>
      {props.editable ? (
        <button type="submit" class="utrecht-button utrecht-button--primary-action">
          Instellingen opslaan
        </button>
      ) : null}
    </form>
  );
};

import type { FC } from 'hono/jsx';
import type { ShownTestNumber, ShownTestSms } from '../../app/test-sms.js';
import type { Campaign } from '../../core/campaigns/campaign.schema.js';
import {
  ErrorSummary,
  type FieldError,
  FieldErrorMessage,
  FieldGroup,
  fieldAria,
  Required,
} from './form-errors.js';
import { Alert, CsrfField } from './layout.js';
import { formatDateTime } from './sms-format.js';
import { type Column, DataTable } from './table.js';

const STATUS_NL: Record<ShownTestSms['status'], string> = {
  pending: 'wacht op verzending',
  claimed: 'wordt verstuurd',
  sent: 'verstuurd',
  failed: 'mislukt',
};

const NUMBER_COLUMNS: readonly Column<ShownTestNumber>[] = [
  { header: 'Naam', cell: (n) => n.label },
  { header: 'Nummer (afgeschermd)', cell: (n) => n.masked },
  {
    header: 'Actie',
    cell: (n) => (
      <a class="utrecht-link" href={`/beheer/testnummers/${n.id}/verwijderen`}>
        Verwijderen<span class="visually-hidden"> ({n.label})</span>
      </a>
    ),
  },
];

const historyColumns = (campaign: Campaign): readonly Column<ShownTestSms>[] => [
  { header: 'Gevraagd', cell: (t) => formatDateTime(t.requestedAt) },
  {
    header: 'Variant',
    cell: (t) => campaign.variants.find((v) => v.id === t.variantId)?.label || t.variantId,
  },
  { header: 'Testnummer', cell: (t) => t.numberLabel },
  { header: 'Stand', cell: (t) => STATUS_NL[t.status] },
];

/** Said wherever a test SMS can be sent or its numbers kept. */
export const TEST_SMS_PROMISE = 'Een test-sms telt niet mee en gaat nooit naar ontvangers.';

/** The admin's list of test numbers: masked with their names, a form to add one, a link to remove each. */
export const TestNumbersPage: FC<{
  numbers: ShownTestNumber[];
  csrf: string;
  errors?: FieldError[] | undefined;
  typed?: { nummer: string; naam: string } | undefined;
  added?: string | undefined;
}> = ({ numbers, csrf, errors, typed, added }) => (
  <>
    <ErrorSummary errors={errors} />
    <h1 class="utrecht-heading-1">Testnummers</h1>
    <p class="utrecht-paragraph">
      Alleen naar deze nummers kan een test-sms van een campagne worden gestuurd. {TEST_SMS_PROMISE} De
      nummers worden nergens voluit getoond of gelogd.
    </p>
    {added ? <Alert type="ok">Testnummer "{added}" is toegevoegd.</Alert> : null}
    {numbers.length === 0 ? (
      <p class="utrecht-paragraph">Er staan nog geen testnummers op de lijst.</p>
    ) : (
      <DataTable caption="Testnummers, op naam" columns={NUMBER_COLUMNS} rows={numbers} />
    )}
    <h2 class="utrecht-heading-2">Testnummer toevoegen</h2>
    <form method="post" action="/beheer/testnummers" class="utrecht-form">
      <CsrfField token={csrf} />
      <FieldGroup errors={errors} field="naam">
        <label class="utrecht-form-label" for="naam">
          Naam
          <Required />
        </label>
        <p class="utrecht-form-field-description" id="naam-uitleg">
          Van wie of welk toestel, bijvoorbeeld "Telefoon team Veiligheid".
        </p>
        <FieldErrorMessage errors={errors} field="naam" />
        <input
          class="utrecht-textbox"
          id="naam"
          name="naam"
          maxlength={80}
          aria-required="true"
          value={typed?.naam ?? ''}
          {...fieldAria(errors, 'naam', 'naam-uitleg')}
        />
      </FieldGroup>
      <FieldGroup errors={errors} field="nummer">
        <label class="utrecht-form-label" for="nummer">
          Mobiel nummer
          <Required />
        </label>
        <p class="utrecht-form-field-description" id="nummer-uitleg">
          Bijvoorbeeld 06 12345678 of +31 6 12345678.
        </p>
        <FieldErrorMessage errors={errors} field="nummer" />
        <input
          class="utrecht-textbox"
          id="nummer"
          name="nummer"
          type="tel"
          autocomplete="off"
          aria-required="true"
          value={typed?.nummer ?? ''}
          {...fieldAria(errors, 'nummer', 'nummer-uitleg')}
        />
      </FieldGroup>
      <div class="actions">
        <button type="submit" class="utrecht-button utrecht-button--primary-action">
          Testnummer toevoegen
        </button>
      </div>
    </form>
  </>
);

/** The test-SMS form of a campaign: a variant and a listed test number, never a typed number. */
export const TestSmsPage: FC<{
  campaign: Campaign;
  numbers: ShownTestNumber[];
  csrf: string;
  errors?: FieldError[] | undefined;
  chosen?: { variant: string; testnummer: string } | undefined;
  requested?: boolean | undefined;
  history: ShownTestSms[];
}> = ({ campaign, numbers, csrf, errors, chosen, requested, history }) => (
  <>
    <ErrorSummary errors={errors} />
    <h1 class="utrecht-heading-1">Test-sms versturen: {campaign.name}</h1>
    <p class="utrecht-paragraph">
      De test-sms heeft precies de tekst die ontvangers krijgen, met een testlink waarvan klikken niet worden
      geteld. {TEST_SMS_PROMISE}
    </p>
    {requested ? (
      <Alert type="ok">
        De test-sms staat klaar en wordt bij de volgende verzendronde verstuurd (meestal binnen een minuut).
      </Alert>
    ) : null}
    {numbers.length === 0 ? (
      <p class="utrecht-paragraph">
        Er zijn nog geen testnummers. Vraag de beheerder een testnummer toe te voegen.
      </p>
    ) : (
      <form method="post" action={`/campagnes/${campaign.id}/test-sms`} class="utrecht-form">
        <CsrfField token={csrf} />
        <FieldGroup errors={errors} field="variant">
          <label class="utrecht-form-label" for="variant">
            Variant
            <Required />
          </label>
          <FieldErrorMessage errors={errors} field="variant" />
          <select class="utrecht-select" id="variant" name="variant" {...fieldAria(errors, 'variant')}>
            {campaign.variants.map((v, i) => (
              <option value={v.id} selected={chosen?.variant === v.id}>
                {v.label || `Variant ${String.fromCharCode(65 + i)}`}: {v.text.slice(0, 60)}
                {v.text.length > 60 ? '…' : ''}
              </option>
            ))}
          </select>
        </FieldGroup>
        <FieldGroup errors={errors} field="testnummer">
          <label class="utrecht-form-label" for="testnummer">
            Testnummer
            <Required />
          </label>
          <FieldErrorMessage errors={errors} field="testnummer" />
          <select
            class="utrecht-select"
            id="testnummer"
            name="testnummer"
            {...fieldAria(errors, 'testnummer')}
          >
            {numbers.map((n) => (
              <option value={n.id} selected={chosen?.testnummer === n.id}>
                {n.label} ({n.masked})
              </option>
            ))}
          </select>
        </FieldGroup>
        <div class="actions">
          <button type="submit" class="utrecht-button utrecht-button--primary-action">
            Test-sms versturen
          </button>
          <a class="utrecht-link" href={`/campagnes/${campaign.id}`}>
            Terug naar de campagne
          </a>
        </div>
      </form>
    )}
    <h2 class="utrecht-heading-2">Laatste test-sms'en van deze campagne</h2>
    {history.length === 0 ? (
      <p class="utrecht-paragraph">Nog geen test-sms verstuurd.</p>
    ) : (
      <div data-veld="test-sms.history">
        <DataTable caption="Nieuwste eerst" columns={historyColumns(campaign)} rows={history} />
      </div>
    )}
  </>
);

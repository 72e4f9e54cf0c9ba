import type { AuditPageModel, FilterOption } from '../../../app/admin-pages.js';
import { AuditTable } from '../audit-table.js';
import { ErrorSummary, FieldErrorMessage, fieldAria } from '../form-errors.js';

type Filters = AuditPageModel['filters'];

/** The query of the current filters, for the CSV link: the export holds exactly what the page filters. */
function filterQuery(filters: Filters): string {
  const entries = Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1]));
  return new URLSearchParams(entries).toString();
}

/** The global audit trail: filters (a plain GET form), the readable events and the CSV download. */
export const AuditPage = (props: AuditPageModel) => {
  const errors = props.errors.map((e) => ({ field: `f-${e.field}`, message: e.message }));
  const query = filterQuery(props.filters);
  return (
    <>
      <h1 class="utrecht-heading-1">Audittrail</h1>
      <ErrorSummary errors={errors} />
      <p class="utrecht-paragraph">
        Elke wijziging in Perspectief staat hier: wie, wat, wanneer en op welke gegevens (vingerafdruk). Er
        staan nooit telefoonnummers of namen van ontvangers in. Tijden zijn Nederlandse tijd.
      </p>
      <form method="get" action="/beheer/audit" class="utrecht-form audit-filters" aria-label="Filters">
        <DateField id="f-van" name="van" label="Van (datum)" value={props.filters.van} errors={errors} />
        <DateField
          id="f-tot"
          name="tot"
          label="Tot en met (datum)"
          value={props.filters.tot}
          errors={errors}
        />
        <FilterSelect
          id="f-persoon"
          name="persoon"
          label="Persoon"
          all="Iedereen"
          options={props.people}
          selected={props.filters.persoon}
        />
        <FilterSelect
          id="f-zaak"
          name="zaak"
          label="Zaak"
          all="Alle zaken en algemene gebeurtenissen"
          options={props.cases}
          selected={props.filters.zaak}
        />
        <FilterSelect
          id="f-actie"
          name="actie"
          label="Gebeurtenis"
          all="Alle gebeurtenissen"
          options={props.actions}
          selected={props.filters.actie}
        />
        <FilterSelect
          id="f-onderwerp"
          name="onderwerp"
          label="Onderwerp"
          all="Alle onderwerpen"
          options={props.subjects}
          selected={props.filters.onderwerp}
        />
        <div class="actions">
          <button type="submit" class="utrecht-button utrecht-button--secondary-action">
            Filteren
          </button>
          <a class="utrecht-link" href="/beheer/audit">
            Filters wissen
          </a>
          <a
            class="utrecht-link"
            href={query ? `/beheer/audit.csv?${query}` : '/beheer/audit.csv'}
            download="audittrail.csv"
          >
            Download als CSV (met deze filters)
          </a>
        </div>
      </form>
      <p class="utrecht-paragraph">
        De lijst toont hoogstens de nieuwste {props.limit} gebeurtenissen die aan de filters voldoen
        {props.filters.van ? '' : ', uit de laatste 12 maanden als u geen datum "van" kiest'}. De CSV bevat er
        hoogstens 10.000.
      </p>
      {props.rows.length === 0 ? (
        <p class="utrecht-paragraph">Geen gebeurtenissen gevonden met deze filters.</p>
      ) : (
        <>
          {props.more ? (
            <p class="utrecht-paragraph" id="meer">
              <strong>Er zijn meer gebeurtenissen dan deze {props.limit}.</strong> Kies een kortere periode of
              een persoon, of download de CSV.
            </p>
          ) : null}
          <AuditTable
            rows={props.rows}
            caption={`${props.rows.length} gebeurtenissen, nieuwste eerst`}
            linkCases
          />
        </>
      )}
    </>
  );
};

const DateField = (props: {
  id: string;
  name: string;
  label: string;
  value: string | undefined;
  errors: { field: string; message: string }[];
}) => (
  <div class="utrecht-form-field">
    <label class="utrecht-form-label" for={props.id}>
      {props.label}
    </label>
    <FieldErrorMessage errors={props.errors} field={props.id} />
    <input
      class="utrecht-textbox utrecht-textbox--html-input"
      type="date"
      id={props.id}
      name={props.name}
      value={props.value ?? ''}
      {...fieldAria(props.errors, props.id)}
    />
  </div>
);

const FilterSelect = (props: {
  id: string;
  name: string;
  label: string;
  all: string;
  options: readonly FilterOption[];
  selected: string | undefined;
}) => (
  <div class="utrecht-form-field">
    <label class="utrecht-form-label" for={props.id}>
      {props.label}
    </label>
    <select class="utrecht-select utrecht-select--html-select" id={props.id} name={props.name}>
      <option value="">{props.all}</option>
      {props.options.map((option) => (
        <option value={option.value} selected={props.selected === option.value}>
          {option.label}
        </option>
      ))}
    </select>
  </div>
);

import { AuditActionSchema, type AuditEvent, AuditSubjectTypeSchema } from '../../../core/audit/index.js';
import { ROLE_LABELS } from '../../../core/auth/roles.js';

function formatTime(iso: string): string {
  return new Intl.DateTimeFormat('nl-NL', {
    dateStyle: 'short',
    timeStyle: 'medium',
    timeZone: 'Europe/Amsterdam',
  }).format(new Date(iso));
}

/** The global audit trail with its filters and the CSV download. */
export const AuditPage = (props: {
  events: AuditEvent[];
  filters: Record<string, string>;
  users: Map<string, string>;
}) => (
  <>
    <h1 class="utrecht-heading-1">Audittrail</h1>
    <p class="utrecht-paragraph">
      Elke wijziging in Perspectief staat hier: wie, wat, wanneer en op welke gegevens (vingerafdruk). Er
      staan nooit telefoonnummers of namen van ontvangers in.
    </p>
    <form method="get" action="/beheer/audit" class="utrecht-form filters">
      <FilterSelect
        id="f-actie"
        name="actie"
        label="Actie"
        all="Alle acties"
        options={AuditActionSchema.options}
        selected={props.filters.actie}
      />
      <FilterSelect
        id="f-onderwerp"
        name="onderwerp"
        label="Onderwerp"
        all="Alle onderwerpen"
        options={AuditSubjectTypeSchema.options}
        selected={props.filters.onderwerp}
      />
      <div class="actions">
        <button type="submit" class="utrecht-button utrecht-button--secondary-action">
          Filteren
        </button>
        <a
          class="utrecht-link"
          href={`/beheer/audit.csv?${new URLSearchParams(props.filters).toString()}`}
          download="audittrail.csv"
        >
          Download als CSV
        </a>
      </div>
    </form>
    {props.events.length === 0 ? (
      <p class="utrecht-paragraph">Geen gebeurtenissen gevonden met deze filters.</p>
    ) : (
      <table class="utrecht-table">
        <caption class="utrecht-table__caption">{props.events.length} gebeurtenissen, nieuwste eerst</caption>
        <thead>
          <tr>
            <th scope="col">Tijd</th>
            <th scope="col">Wie</th>
            <th scope="col">Rol</th>
            <th scope="col">Actie</th>
            <th scope="col">Onderwerp</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {props.events.map((e) => (
            <tr>
              <td>{formatTime(e.at)}</td>
              <td>{props.users.get(e.actorUserId) ?? e.actorUserId}</td>
              <td>{e.actorRole === 'system' ? 'Systeem' : ROLE_LABELS[e.actorRole]}</td>
              <td>{e.action}</td>
              <td>
                {e.subjectType} <code>{e.subjectId.slice(0, 12)}</code>
              </td>
              <td>
                <code class="details">{JSON.stringify(e.details)}</code>
                {e.fingerprint ? <div class="muted">vingerafdruk {e.fingerprint}</div> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
  </>
);

const FilterSelect = (props: {
  id: string;
  name: string;
  label: string;
  all: string;
  options: readonly string[];
  selected: string | undefined;
}) => (
  <div class="utrecht-form-field">
    <label class="utrecht-form-label" for={props.id}>
      {props.label}
    </label>
    <select class="utrecht-select utrecht-select--html-select" id={props.id} name={props.name}>
      <option value="">{props.all}</option>
      {props.options.map((option) => (
        <option value={option} selected={props.selected === option}>
          {option}
        </option>
      ))}
    </select>
  </div>
);

import type { FC } from 'hono/jsx';
import type { AuditRow } from '../../core/audit/index.js';

/**
 * The audit trail as a table that fits its column: a fixed layout whose long values (fingerprints, ids,
 * reasons) wrap instead of widening the page, and one block per event on a phone, each value labelled.
 */
export const AUDIT_CSS = `
.audit-table { table-layout: fixed; width: 100%; }
.audit-table th, .audit-table td { overflow-wrap: anywhere; word-break: break-word; }
.audit-table col.audit-table__time { width: 9.5rem; }
.audit-table col.audit-table__who { width: 22%; }
.audit-table col.audit-table__what { width: 26%; }
.audit-facts { margin: 0; display: grid; grid-template-columns: minmax(6rem, max-content) minmax(0, 1fr); gap: .1rem .75rem; }
.audit-facts dt { font-weight: 700; } .audit-facts dd { margin: 0; min-width: 0; }
.audit-facts .fingerprint { font-size: .85rem; }
.audit-table__label { display: none; font-weight: 700; }
.audit-filters { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 0 1rem; align-items: end; }
.audit-filters .utrecht-textbox, .audit-filters .utrecht-select { max-width: 100%; }
.audit-filters .actions { grid-column: 1 / -1; }
@media (max-width: 48rem) {
  .audit-table, .audit-table tbody, .audit-table tr, .audit-table td { display: block; width: auto; }
  .audit-table thead, .audit-table colgroup { display: none; }
  .audit-table tr { border-bottom: 2px solid #767676; padding-block: .5rem; }
  .audit-table td { border-bottom: 0; padding: .15rem 0; }
  .audit-table__label { display: inline; }
  .audit-facts { grid-template-columns: minmax(0, 1fr); }
}
.certificate__table { table-layout: fixed; }
.certificate__table th { width: 40%; overflow-wrap: anywhere; } .certificate__table td { overflow-wrap: anywhere; }
.certificate__note { font-size: .9rem; margin: .25rem 0 0; }
.signature-block { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 1.5rem; margin-block: 1.5rem; }
.signature-block__party { border: 1px solid #767676; padding: 1rem; break-inside: avoid; }
.signature-block__line { display: flex; gap: .5rem; align-items: flex-end; margin-block: 1.25rem 0; }
.signature-block__line span:first-child { min-width: 6.5rem; }
.signature-block__line span:last-child { flex: 1; border-bottom: 1px solid #0b0c0c; min-height: 1.5rem; }
.signature-block__line--tall span:last-child { min-height: 4rem; }
@media print {
  .no-print { display: none !important; }
  .page-main { max-width: none; padding: 0; }
  .certificate .utrecht-table th, .certificate .utrecht-table td { padding: .2rem .4rem; }
  .certificate h2 { break-after: avoid; }
  .certificate__table { table-layout: fixed; }
.certificate__table th { width: 40%; overflow-wrap: anywhere; } .certificate__table td { overflow-wrap: anywhere; }
.certificate__note { font-size: .9rem; margin: .25rem 0 0; }
.signature-block { break-inside: avoid; grid-template-columns: 1fr 1fr; }
  a[href]::after { content: none; }
}
`;

/** One cell's label, shown only where the table collapses into blocks (a phone). */
const Label: FC<{ text: string }> = ({ text }) => <span class="audit-table__label">{text}: </span>;

/** Events as a person reads them: when, who in which role, what on which case, and the details. */
export const AuditTable: FC<{ rows: AuditRow[]; caption: string; linkCases?: boolean }> = ({
  rows,
  caption,
  linkCases = false,
}) => (
  <table class="utrecht-table audit-table">
    <caption class="utrecht-table__caption">{caption}</caption>
    <colgroup>
      <col class="audit-table__time" />
      <col class="audit-table__who" />
      <col class="audit-table__what" />
      <col />
    </colgroup>
    <thead>
      <tr>
        <th scope="col">Tijd</th>
        <th scope="col">Wie</th>
        <th scope="col">Wat</th>
        <th scope="col">Details</th>
      </tr>
    </thead>
    <tbody>
      {rows.map((row) => (
        <tr>
          <td>
            <Label text="Tijd" />
            {row.time}
          </td>
          <td>
            <Label text="Wie" />
            {row.who}
            <br />
            <span class="muted">{row.role}</span>
          </td>
          <td>
            <Label text="Wat" />
            <strong>{row.event}</strong>
            <br />
            <span class="muted">
              {row.subject}
              {row.case ? (
                <>
                  {', zaak '}
                  {linkCases ? (
                    <a class="utrecht-link" href={`/zaken/${row.case.id}`}>
                      {row.case.name}
                    </a>
                  ) : (
                    row.case.name
                  )}
                </>
              ) : null}
              {row.campaign ? `, campagne ${row.campaign.name}` : null}
            </span>
          </td>
          <td>
            {row.facts.length === 0 ? (
              <span class="muted">Geen verdere details</span>
            ) : (
              <dl class="audit-facts">
                {row.facts.map((fact) => (
                  <>
                    <dt>{fact.label}</dt>
                    <dd
                      class={
                        fact.label.startsWith('Vingerafdruk') || fact.label.startsWith('Vorige')
                          ? 'fingerprint'
                          : undefined
                      }
                    >
                      {fact.value}
                    </dd>
                  </>
                ))}
              </dl>
            )}
          </td>
        </tr>
      ))}
    </tbody>
  </table>
);

import type { FC } from 'hono/jsx';
import { type AuditEvent, auditRow, type PersonName } from '../../../core/audit/index.js';
import { AuditTable } from '../audit-table.js';

/** The audit section of a case or campaign page: the trail and its CSV download. */
export const AuditSection: FC<{
  title: string;
  csvPath: string;
  fileName: string;
  events: AuditEvent[];
  names: Map<string, string>;
  caption: string;
  campaignNames?: ReadonlyMap<string, string>;
}> = ({ title, csvPath, fileName, events, names, caption, campaignNames }) => (
  <section aria-labelledby="audit">
    <h2 class="utrecht-heading-2" id="audit">
      {title}
    </h2>
    <p class="utrecht-paragraph">
      <a class="utrecht-link" href={csvPath} download={fileName}>
        Download de audittrail als CSV
      </a>
    </p>
    <AuditTrail events={events} names={names} caption={caption} campaignNames={campaignNames} />
  </section>
);

/**
 * A case's or campaign's trail, readable: the case is the page's own, so only the campaign is named (on a
 * case page). `names` maps user ids to display names; an id that maps to itself is an unknown account.
 */
export const AuditTrail: FC<{
  events: AuditEvent[];
  names: Map<string, string>;
  caption: string;
  campaignNames?: ReadonlyMap<string, string> | undefined;
}> = ({ events, names, caption, campaignNames }) => {
  if (events.length === 0) return <p class="utrecht-paragraph">Nog geen gebeurtenissen.</p>;
  const people = new Map<string, PersonName>();
  for (const [id, name] of names) if (name !== id) people.set(id, { displayName: name });
  const rows = events.map((e) => {
    const row = auditRow(e, { people, ...(campaignNames ? { campaigns: campaignNames } : {}) });
    return { ...row, case: null, campaign: campaignNames ? row.campaign : null };
  });
  return <AuditTable rows={rows} caption={caption} />;
};

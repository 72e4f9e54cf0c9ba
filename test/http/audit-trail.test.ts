import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEventDraft } from '../../functions/core/audit/index.js';
import { anAuditDraft } from '../fixtures/builders.js';
import { aCase } from '../fixtures/sms-builders.js';
import { Client, type Harness, startHarness } from './harness.js';

/** The rows of the audit table only: the filter lists name every event and person too. */
function tableOf(html: string): string {
  return /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
}

function csvRows(text: string): Record<string, string>[] {
  return parse(text, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
}

describe('the audit trail for people over HTTP', () => {
  let h: Harness;
  let admin: Client;
  let ids: { adviser: string; om: string };

  beforeAll(async () => {
    h = await startHarness();
    admin = new Client(h.app);
    await admin.login('admin');
    ids = {
      adviser: (await h.deps.users.findByUsername('adviser'))!.id,
      om: (await h.deps.users.findByUsername('om-liaison'))!.id,
    };
    await h.deps.cases.create(aCase({ id: 'case-filter', name: 'Zaak Filtertest' }));
    await h.deps.cases.create(aCase({ id: 'case-other', name: 'Zaak Anders' }));
    const inCase = (overrides: Partial<AuditEventDraft>) =>
      h.deps.audit.append(
        anAuditDraft({ caseId: 'case-filter', subjectType: 'campaign', subjectId: 'cmp-x', ...overrides }),
      );
    // Amsterdam is UTC+2 in June: 21:59 UTC is 23:59 there, 22:00 UTC already the next day.
    await inCase({ at: '2026-06-09T21:59:00.000Z', actorUserId: ids.adviser, action: 'campaign.created' });
    await inCase({
      at: '2026-06-09T22:00:00.000Z',
      actorUserId: ids.om,
      actorRole: 'om_liaison',
      action: 'campaign.rejected',
      details: { reason: '=1+1 klopt niet', fromStatus: 'ready_for_approval', toStatus: 'rejected' },
    });
    await inCase({
      at: '2026-06-10T21:59:00.000Z',
      actorUserId: 'system:retention',
      actorRole: 'system',
      action: 'campaign.purged',
      details: { counts: { recipient_items: 8 } },
    });
    await inCase({ at: '2026-06-10T22:00:00.000Z', actorUserId: ids.adviser, action: 'campaign.completed' });
    await h.deps.audit.append(
      anAuditDraft({
        caseId: 'case-other',
        at: '2026-06-10T10:00:00.000Z',
        actorUserId: 'u-removed-long-ago',
        actorRole: 'admin',
        action: 'case.updated',
      }),
    );
  });
  afterAll(async () => h.close());

  it('shows one Amsterdam day with names, roles, Dutch event names and readable details', async () => {
    // Act
    const res = await admin.get('/beheer/audit?van=2026-06-10&tot=2026-06-10');
    const html = await res.text();
    const table = tableOf(html);

    // Assess
    expect(res.status).toBe(200);
    expect(table).toContain('10-06-2026 00:00');
    expect(table).toContain('10-06-2026 23:59');
    expect(table).not.toContain('09-06-2026');
    expect(table).not.toContain('11-06-2026');
    expect(table).toContain('Afgewezen');
    expect(table).toContain('Test om_liaison');
    expect(table).toContain('Contactpersoon OM');
    expect(table).toContain('Systeem (bewaartermijn)');
    expect(table).toContain('Telefoonnummers vernietigd');
    expect(table).toContain('ontvangers verwijderd: 8');
    expect(table).toContain('van &quot;wacht op goedkeuring&quot; naar &quot;afgewezen&quot;');
    expect(table).toContain('Onbekende gebruiker (niet meer aanwezig)');
    expect(table).toContain('Zaak Filtertest');
    expect(table).not.toMatch(/campaign\.|case\.|system:|\d{4}-\d{2}-\d{2}T|\{"/);
    expect(table).not.toContain(ids.om);
    expect(html).toContain('value="2026-06-10"');
    expect(html).toContain('href="/beheer/audit.csv?van=2026-06-10&amp;tot=2026-06-10"');
  });

  it('filters by person, case and event type, each kept in the URL', async () => {
    // Act
    const byPerson = tableOf(
      await (await admin.get(`/beheer/audit?van=2026-06-01&persoon=${ids.om}`)).text(),
    );
    const byCase = tableOf(await (await admin.get('/beheer/audit?zaak=case-other')).text());
    const byType = tableOf(
      await (await admin.get('/beheer/audit?zaak=case-filter&actie=campaign.completed')).text(),
    );
    const bySystem = tableOf(
      await (await admin.get('/beheer/audit?van=2026-06-01&persoon=system%3Aretention')).text(),
    );

    // Assess
    expect(byPerson.match(/<tr>/g)).toHaveLength(1);
    expect(byPerson).toContain('Afgewezen');
    expect(byCase.match(/<tr>/g)).toHaveLength(1);
    expect(byCase).toContain('Zaak gewijzigd');
    expect(byType.match(/<tr>/g)).toHaveLength(1);
    expect(byType).toContain('Campagne afgerond');
    expect(bySystem).toContain('Telefoonnummers vernietigd');
    expect(bySystem).not.toContain('Afgewezen');
  });

  it('refuses an unreadable filter with a message at the top and beside the field', async () => {
    // Act
    const html = await (await admin.get('/beheer/audit?van=31-02-2026&zaak=case-other')).text();

    // Assess
    expect(html).toContain('Er is een probleem');
    expect(html).toContain('href="#f-van"');
    expect(html).toContain('aria-invalid="true"');
    expect(tableOf(html)).toContain('Zaak gewijzigd');
  });

  it('exports exactly the filtered events as CSV with names, Dutch times and formula-safe cells', async () => {
    // Act
    const res = await admin.get('/beheer/audit.csv?van=2026-06-10&tot=2026-06-10&zaak=case-filter');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    const rows = csvRows(text);

    // Assess
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(rows.map((r) => [r.tijdstip, r.wie, r.rol, r.gebeurtenis, r.zaak])).toEqual([
      [
        '10-06-2026 23:59',
        'Systeem (bewaartermijn)',
        'Systeem',
        'Telefoonnummers vernietigd',
        'Zaak Filtertest',
      ],
      ['10-06-2026 00:00', 'Test om_liaison', 'Contactpersoon OM', 'Afgewezen', 'Zaak Filtertest'],
    ]);
    expect(rows[1]?.reden).toBe("'=1+1 klopt niet");
    expect(text).not.toContain(ids.om);
    expect(text).not.toContain(ids.adviser);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  });
});

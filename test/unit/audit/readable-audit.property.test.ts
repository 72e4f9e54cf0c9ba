import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AuditActionSchema,
  AuditDetailsSchema,
  type AuditEvent,
  AuditEventSchema,
  AuditSubjectTypeSchema,
  auditRow,
  looksLikePhoneNumber,
  toAuditCsv,
} from '../../../functions/core/audit/index.js';
import { RoleSchema } from '../../../functions/core/auth/roles.js';

const ISO_MOMENT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const JSON_LIKE = /[{}[\]]|"\w+"\s*:/;
const DUTCH_MOMENT = /^\d{2}-\d{2}-\d{4} \d{2}:\d{2}$/;

const word = fc.stringMatching(/^[a-z][a-z_]{0,20}$/);
const moment = fc
  .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 11, 31) })
  .map((ms) => new Date(ms).toISOString());
const fingerprint = fc.stringMatching(/^[0-9a-f]{64}$/).map((hex) => `sha256:${hex}`);
const id = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,20}$/);
/** What people type as a reason: words, punctuation and short numbers, never braces or a phone number. */
const reason = fc
  .array(
    fc.constantFrom('aantal', 'klopt', 'niet', 'Parket', '10/999', 'variant 3', 'te stellig', ',', '.'),
    {
      minLength: 2,
      maxLength: 8,
    },
  )
  .map((words) => words.join(' '));

const details = fc
  .record(
    {
      fromStatus: word,
      toStatus: word,
      changedFields: fc.array(word, { maxLength: 5 }),
      counts: fc.dictionary(word, fc.integer({ min: 0, max: 999_999 }), { maxKeys: 6 }),
      requestSeq: fc.integer({ min: 0, max: 99 }),
      requestFingerprint: fingerprint,
      previousFingerprint: fingerprint,
      variantIds: fc.array(id, { maxLength: 8 }),
      voided: fc.constantFrom('request' as const, 'approval' as const),
      expiresAt: moment,
      scheduledAt: moment,
      reason,
      legalReference: fc.constantFrom('Parket 13/123456-26', 'OM-2024-001234', 'RC-machtiging 2024/123'),
    },
    { requiredKeys: [] },
  )
  .map((d) => AuditDetailsSchema.parse(d));

/** Events as stored, plus codes and roles this version does not know (an older or newer trail). */
const event: fc.Arbitrary<AuditEvent> = fc
  .record({
    id,
    at: moment,
    actorUserId: fc.oneof(id, fc.constantFrom('system:retention', 'system:dispatcher', 'system:new-job')),
    actorRole: fc.constantFrom(...RoleSchema.options, 'system' as const),
    action: fc.constantFrom(...AuditActionSchema.options),
    subjectType: fc.constantFrom(...AuditSubjectTypeSchema.options),
    subjectId: id,
    caseId: fc.option(id),
    campaignId: fc.option(id),
    fingerprint: fc.option(fingerprint),
    details,
  })
  .map((e) => AuditEventSchema.parse(e));

const names = fc
  .array(fc.tuple(id, fc.constantFrom('Olga de Vries', 'Ahmed Bakker', '  ')), { maxLength: 4 })
  .map((people) => ({ people: new Map(people.map(([key, displayName]) => [key, { displayName }])) }));

function rowTexts(e: AuditEvent, n: Parameters<typeof auditRow>[1]): string[] {
  const row = auditRow(e, n);
  return [
    row.time,
    row.who,
    row.role,
    row.event,
    row.subject,
    row.case?.name ?? '',
    row.campaign?.name ?? '',
    ...row.facts.flatMap((f) => [f.label, f.value]),
  ];
}

describe('the readable audit trail', () => {
  it('never shows raw JSON, an ISO timestamp or an id where a name belongs', () => {
    fc.assert(
      fc.property(event, names, (e, n) => {
        // Act
        const texts = rowTexts(e, n);
        const row = auditRow(e, n);

        // Assess
        for (const text of texts) {
          expect(text).not.toMatch(ISO_MOMENT);
          expect(text).not.toMatch(JSON_LIKE);
        }
        expect(row.time).toMatch(DUTCH_MOMENT);
        expect(row.who).not.toBe(e.actorUserId);
        expect(row.who.trim()).not.toBe('');
        expect(row.event).not.toBe(e.action);
      }),
    );
  });

  it('puts no phone number in the table or the CSV: only the platform own moments and fingerprints hold digit runs', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 5 }), names, (events, n) => {
        // Act
        const table = events.flatMap((e) =>
          auditRow(e, n)
            .facts.filter((f) => !/vingerafdruk|Ingepland voor|Geldig tot/i.test(f.label))
            .map((f) => f.value),
        );
        const csv = parse(toAuditCsv(events, n), { bom: true, delimiter: ';', columns: true }) as Record<
          string,
          string
        >[];

        // Assess
        for (const text of table) expect(looksLikePhoneNumber(text)).toBe(false);
        for (const line of csv) {
          // The moments are the platform's own `dd-mm-jjjj uu:mm`, checked for that shape instead.
          const { vingerafdruk: _f, kenmerk: _k, tijdstip: _t, details: _d, ...readable } = line;
          for (const cell of Object.values(readable)) {
            expect(looksLikePhoneNumber(cell)).toBe(false);
            expect(cell).not.toMatch(ISO_MOMENT);
            expect(cell).not.toMatch(JSON_LIKE);
          }
          expect(line.tijdstip).toMatch(DUTCH_MOMENT);
          expect(line.details).not.toMatch(ISO_MOMENT);
          expect(line.details).not.toMatch(JSON_LIKE);
        }
      }),
    );
  });

  it('refuses to record a detail that holds a phone number, so none can reach the trail', () => {
    // Act
    const typed = AuditDetailsSchema.safeParse({ reason: 'bel 06-12345678 terug' });
    const asWord = AuditDetailsSchema.safeParse({ changedFields: ['0612345678'] });
    const asCount = AuditDetailsSchema.safeParse({ counts: { n0612345678: 1 } });

    // Assess
    expect([typed.success, asWord.success, asCount.success]).toEqual([false, false, false]);
  });

  it('names people, system jobs and removed accounts in Dutch', () => {
    // Prepare
    const base = AuditEventSchema.parse({
      id: 'ev1',
      at: '2026-12-04T17:22:06.645Z',
      actorUserId: 'system:retention',
      actorRole: 'system',
      action: 'campaign.purged',
      subjectType: 'campaign',
      subjectId: 'c1',
      caseId: 'k1',
      campaignId: 'c1',
      fingerprint: null,
      details: { fromStatus: 'completed', toStatus: 'purged', counts: { recipient_items: 8 } },
    });
    const people = new Map([['u1', { displayName: 'Olga de Vries' }]]);

    // Act
    const system = auditRow(base, { people, cases: new Map([['k1', 'Bazooka']]) });
    const person = auditRow({ ...base, actorUserId: 'u1', actorRole: 'om_liaison' }, { people });
    const removed = auditRow({ ...base, actorUserId: 'u-gone', actorRole: 'admin' }, { people });

    // Assess
    expect([system.time, system.who, system.role, system.event]).toEqual([
      '04-12-2026 18:22',
      'Systeem (bewaartermijn)',
      'Systeem',
      'Telefoonnummers vernietigd',
    ]);
    expect(system.case).toEqual({ id: 'k1', name: 'Bazooka' });
    expect(system.facts).toEqual([
      { label: 'Status', value: 'van "voltooid" naar "gewist"' },
      { label: 'Aantallen', value: 'ontvangers verwijderd: 8' },
    ]);
    expect([person.who, person.role]).toEqual(['Olga de Vries', 'Contactpersoon OM']);
    expect([removed.who, removed.role]).toEqual(['Onbekende gebruiker (niet meer aanwezig)', 'Beheerder']);
    expect(removed.case?.name).toBe('Zaak (niet meer aanwezig)');
  });
});

import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AuditEvent,
  AuditEventSchema,
  csvCell,
  LegalReferenceSchema,
  looksLikePhoneNumber,
  ReasonTextSchema,
  toAuditCsv,
} from '../../../functions/core/audit/index.js';

const NAMES = {
  people: new Map([['u-om', { displayName: 'Olga de Vries' }]]),
  cases: new Map([['case-bazooka', 'Bazooka']]),
};

function event(overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id: 'ev-1',
    at: '2026-03-02T08:00:00.000Z',
    actorUserId: 'u-om',
    actorRole: 'om_liaison',
    action: 'campaign.rejected',
    subjectType: 'campaign',
    subjectId: 'c-1',
    caseId: 'case-bazooka',
    campaignId: 'c-1',
    fingerprint: `sha256:${'a'.repeat(64)}`,
    details: {
      fromStatus: 'ready_for_approval',
      toStatus: 'rejected',
      reason: 'Aantal klopt niet',
      requestSeq: 1,
    },
    ...overrides,
  };
}

describe('looksLikePhoneNumber', () => {
  it.each([
    '06-12345678',
    '0612345678',
    '+31 6 1234 5678',
    '0031612345678',
    '030 123 4567',
    'bel (06) 123 456 78',
    '+447700900123',
  ])('recognises %s', (text) => {
    // Act
    const found = looksLikePhoneNumber(`Neem contact op: ${text}.`);

    // Assess
    expect(found).toBe(true);
  });

  it.each([
    '13/654321-22',
    'Parketnummer 16/659320-19',
    'OM-2024-001234',
    'RC-machtiging 2024/123',
    'Variant 3 is te stellig',
    'Parket 10/999',
    'Bel de gemeente op 14030',
  ])('lets %s pass', (text) => {
    // Act
    const found = looksLikePhoneNumber(text);

    // Assess
    expect(found).toBe(false);
  });
});

describe('user-typed texts', () => {
  it('refuses a reason with a phone number, a too short one and invisible characters', () => {
    // Prepare
    const inputs = ['Bel 06-12345678 voor details', 'ok', 'Reden\u202eomgekeerd', ' '.repeat(10)];

    // Act
    const results = inputs.map((input) => ReasonTextSchema.safeParse(input).success);

    // Assess
    expect(results).toEqual([false, false, false, false]);
  });

  it('trims a reason and keeps line breaks', () => {
    // Act
    const reason = ReasonTextSchema.parse('  Eerste regel\nTweede regel  ');

    // Assess
    expect(reason).toBe('Eerste regel\nTweede regel');
  });

  it('accepts a short case number as legal reference, and still refuses a mobile number written with a slash', () => {
    // Act
    const short = LegalReferenceSchema.safeParse('Parket 10/999');
    const mobile = LegalReferenceSchema.safeParse('06/12345678');

    // Assess
    expect(short.success).toBe(true);
    expect(mobile.success).toBe(false);
  });

  it('accepts a parketnummer as legal reference and collapses whitespace', () => {
    // Act
    const reference = LegalReferenceSchema.parse('  16/659320-26\t RC ');

    // Assess
    expect(reference).toBe('16/659320-26 RC');
  });
});

describe('AuditEventSchema', () => {
  it('accepts a complete event', () => {
    // Act
    const result = AuditEventSchema.safeParse(event());

    // Assess
    expect(result.success).toBe(true);
  });

  it.each([
    ['an unknown detail field', { details: { note: 'vrije tekst' } }],
    ['a phone number as reason', { details: { reason: 'Nummer +31612345678 ontbrak' } }],
    ['a phone number as count key', { details: { counts: { '0612345678': 1 } } }],
    ['digits in a status word', { details: { toStatus: 'x0612345678' } }],
    ['a negative count', { details: { counts: { sent: -1 } } }],
    ['an unknown action', { action: 'campaign.hacked' }],
    ['a phone number as subject id', { subjectId: '+31612345678' }],
    ['an unknown top-level field', { phone: '0612345678' }],
  ] as const)('refuses %s', (_label, overrides) => {
    // Act
    const result = AuditEventSchema.safeParse({ ...event(), ...overrides });

    // Assess
    expect(result.success).toBe(false);
  });
});

describe('toAuditCsv', () => {
  it('writes UTF-8 with BOM, semicolons and CRLF for Dutch Excel, with names, roles and Dutch event names', () => {
    // Prepare
    const events = [
      event(),
      event({
        id: 'ev-2',
        at: '2026-07-01T22:30:00.000Z',
        action: 'campaign.approved',
        details: { legalReference: '16/659320-26', counts: { approved: 600 } },
      }),
    ];

    // Act
    const csv = toAuditCsv(events, NAMES);

    // Assess
    expect(csv.startsWith('\uFEFFtijdstip;wie;rol;gebeurtenis;')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(4);
    const rows = parse(csv, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    expect(
      rows.map((r) => [r.tijdstip, r.wie, r.rol, r.gebeurtenis, r.zaak, r.reden, r.juridische_referentie]),
    ).toEqual([
      [
        '02-03-2026 09:00',
        'Olga de Vries',
        'Contactpersoon OM',
        'Afgewezen',
        'Bazooka',
        'Aantal klopt niet',
        '',
      ],
      [
        '02-07-2026 00:30',
        'Olga de Vries',
        'Contactpersoon OM',
        'Goedgekeurd',
        'Bazooka',
        '',
        '16/659320-26',
      ],
    ]);
    expect(rows[1]?.details).toBe('Aantallen: goedgekeurde ontvangers: 600');
    expect(rows[0]?.code).toBe('campaign.rejected');
    expect(csv).not.toContain('u-om');
  });

  it.each(['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '  =1', '＝1'])(
    'neutralises a cell starting with %j',
    (value) => {
      // Act
      const cell = csvCell(value);

      // Assess
      const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell;
      expect(unquoted.startsWith("'")).toBe(true);
      expect(unquoted.slice(1)).toBe(value);
    },
  );

  it('never lets a reason start a formula in any cell', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('=', '+', '-', '@', '\t', '\r'),
        fc.string({ minLength: 3, maxLength: 40 }),
        (start, rest) => {
          // Prepare
          const reason = `${start}${rest}`;
          const parsedReason = ReasonTextSchema.safeParse(reason);
          fc.pre(parsedReason.success);
          const csv = toAuditCsv([event({ details: { reason: parsedReason.data } })], NAMES);

          // Act
          const rows = parse(csv, { bom: true, delimiter: ';', relax_column_count: false }) as string[][];

          // Assess
          for (const cell of rows[1] ?? []) expect(/^[=+\-@\t\r]/.test(cell)).toBe(false);
          expect(rows[1]).toHaveLength(rows[0]!.length);
        },
      ),
    );
  });

  it('quotes separators, quotes and line breaks so the columns stay aligned', () => {
    // Prepare
    const reason = 'Twee dingen; "eerst" dit\nen dan dat';

    // Act
    const csv = toAuditCsv([event({ details: { reason } })], NAMES);
    const rows = parse(csv, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];

    // Assess
    expect(rows[0]?.reden).toBe(reason);
    expect(rows).toHaveLength(1);
  });
});

import { describe, expect, it } from 'vitest';
import { reportDocument } from '../../../functions/core/results/document.js';
import {
  buildCaseReport,
  type CaseFigures,
  reportCsv,
  reportLines,
} from '../../../functions/core/results/report.js';
import { SUPPRESSED } from '../../../functions/core/results/suppression.js';

function figures(): CaseFigures {
  return {
    caseId: 'case-1',
    caseName: 'Bazooka',
    actionDate: '2026-03-01',
    municipality: 'Teststad',
    areaDescription: 'Kanaleneiland-Zuid',
    generatedAt: '2026-03-10T12:00:00.000Z',
    sms: [
      {
        campaignId: 'sms-1',
        name: 'SMS-bom Bazooka',
        statusLabel: 'voltooid',
        blueprintId: 'sms-bom-straathandel',
        funnel: {
          imported: 700,
          valid: 650,
          sendable: 600,
          approved: 600,
          sent: 600,
          delivered: 590,
          failed: 3,
          clicks: 41,
        },
        excluded: { duplicate: 46, opt_out: 2, not_mobile: 2 },
        variants: [
          { id: 'a', label: 'Nummer gevonden', sends: 300, deliveries: 296, clicks: 38 },
          { id: 'b', label: 'Geldzorgen', sends: 300, deliveries: 294, clicks: 3 },
        ],
        clicksByHour: [{ hour: '2026-03-02T09', clicks: 41 }],
        optOutsSinceStart: 4,
        cost: { estimate: 48, soFar: 47.2 },
        window: { start: '2026-03-02T08:00:00.000Z', end: '2026-03-02T09:30:00.000Z' },
        privacy: { purgedAt: null, purgeDueAt: '2026-04-01T09:30:00.000Z', certificate: false },
      },
    ],
    letters: [
      {
        campaignId: 'letter-1',
        name: 'Wijkbericht Bazooka',
        statusLabel: 'goedgekeurd',
        locations: ['Proefstraat 1'],
        radiusM: 150,
        addressesSelected: 82,
        lettersRendered: 82,
        renderedAt: '2026-03-01T14:00:00.000Z',
        opensByHour: [{ hour: '2026-03-01T19', opens: 12 }],
        streets: [
          {
            street: 'Proefstraat',
            city: 'Teststad',
            letters: 40,
            delivered: 40,
            opens: 3,
            deliveredAt: '2026-03-01T18:00:00.000Z',
          },
          {
            street: 'Oefenlaan',
            city: 'Teststad',
            letters: 12,
            delivered: 12,
            opens: 9,
            deliveredAt: '2026-03-01T19:00:00.000Z',
          },
          { street: 'Testweg', city: 'Teststad', letters: 30, delivered: 0, opens: 0, deliveredAt: null },
        ],
      },
    ],
  };
}

const lineValue = (lines: ReturnType<typeof reportLines>, label: string) =>
  lines.find((l) => l.label === label)?.value;

describe('the case report', () => {
  it('orders the timeline and states the delays between the steps', () => {
    const report = buildCaseReport(figures());
    expect(report.timeline.map((s) => s.label)).toEqual([
      'Klapdag (actie)',
      'Brieven gemaakt',
      'Eerste straat bezorgd',
      'Start verzending sms',
      'Einde verzending sms',
    ]);
    expect(report.timeline[1]!.sincePrevious).toBe('14 uur');
    expect(report.timeline[3]!.sinceAction).toBe('32 uur');
  });

  it('suppresses small counts per street with a complementary cell, and hides a rate whose clicks are small', () => {
    const lines = reportLines(buildCaseReport(figures()), { suppress: true });
    expect(lineValue(lines, 'Proefstraat, Teststad: webversie geopend')).toBe(SUPPRESSED);
    expect(lineValue(lines, 'Testweg, Teststad: webversie geopend')).toBe(SUPPRESSED);
    expect(lineValue(lines, 'Oefenlaan, Teststad: webversie geopend')).toBe('9');
    expect(lineValue(lines, 'Webversie/QR geopend (alle straten)')).toBe('12');
    expect(lineValue(lines, 'Testweg, Teststad: bezorgd')).toBe(SUPPRESSED);
    expect(lineValue(lines, 'Oefenlaan, Teststad: bezorgd')).toBe(SUPPRESSED);
    expect(lineValue(lines, 'Variant Geldzorgen: kliks')).toBe(SUPPRESSED);
    expect(lineValue(lines, 'Variant Nummer gevonden: kliks')).toBe(SUPPRESSED);
    expect(lineValue(lines, 'Variant Geldzorgen: klikratio (95 %-interval)')).toBe(
      'niet getoond (kleine aantallen)',
    );
    expect(lineValue(lines, 'Uitgesloten: eerder afgemeld')).toBe(SUPPRESSED);
    expect(lineValue(lines, 'Uitgesloten: dubbel')).toBe('46');
    expect(lineValue(lines, 'Afmeldingen sinds de start (alle campagnes)')).toBe(SUPPRESSED);
    for (const line of lines) expect(line.value).not.toMatch(/^[0-4]$/);
  });

  it('shows exact counts, rates and the verdict where nothing is suppressed', () => {
    const lines = reportLines(buildCaseReport(figures()), { suppress: false });
    expect(lineValue(lines, 'Variant Geldzorgen: kliks')).toBe('3');
    expect(lineValue(lines, 'Variant Nummer gevonden: klikratio (95 %-interval)')).toMatch(
      /^12,7 % \(\d+,\d–\d+,\d %\)$/,
    );
    expect(lineValue(lines, 'Oordeel over de varianten')).toMatch(
      /^De varianten verschillen waarschijnlijk echt.*Nummer gevonden/,
    );
  });

  it('exports formula-safe CSV and a document with one page per campaign and no free-typed number', () => {
    const withNumber = { ...figures(), caseName: 'Bazooka 06 12345678' };
    const csv = reportCsv(buildCaseReport(withNumber), { suppress: true });
    expect(csv.startsWith('\uFEFFsectie;onderdeel;waarde\r\n')).toBe(true);
    expect(csv).not.toContain('12345678');
    const larger = figures();
    larger.sms![0]!.variants[1]!.clicks = 7;
    const html = reportDocument(buildCaseReport(larger), 'Teststad');
    expect(html.match(/<section class="page">/g)).toHaveLength(2);
    expect(html).toContain('<h2>SMS-bom: SMS-bom Bazooka</h2><figure><svg');
    expect(html).toContain('role="img"');
    expect(html).toContain('<th scope="row">Variant Geldzorgen: kliks</th><td>7</td>');
    expect(html).toContain('<th scope="row">Oefenlaan, Teststad: webversie geopend</th><td>9</td>');
    const small = reportDocument(buildCaseReport(figures()), 'Teststad');
    expect(small).toContain('<th scope="row">Variant Geldzorgen: kliks</th><td>&#60; 5</td>');
    expect(small).not.toContain('<svg');
    expect(small).toContain('<h2>Wijkbericht: Wijkbericht Bazooka</h2>');
  });
});

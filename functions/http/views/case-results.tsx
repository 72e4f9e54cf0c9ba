import { raw } from 'hono/html';
import type { PooledVariant } from '../../app/case-results.js';
import { barChartSvg, stepChartSvg } from '../../core/results/charts.js';
import { formatCount, formatInterval, formatPercent } from '../../core/results/format.js';
import type { CaseReport, LetterFigures, SmsResult } from '../../core/results/report.js';
import { formatDate, formatDateTime, formatEuro } from './sms-format.js';
import { type Column, DataTable, FigureTable } from './table.js';

const EXCLUSIONS: Record<string, string> = {
  invalid: 'ongeldig',
  duplicate: 'dubbel',
  not_mobile: 'geen mobiel nummer',
  country_not_allowed: 'land niet toegestaan',
  do_not_contact: 'niet-benaderen-lijst',
  opt_out: 'eerder afgemeld',
  recently_messaged: 'kort geleden al een bericht',
};

/** Labelled figures with the counts written out. */
function figures(rows: readonly [string, string | number][]): [string, string][] {
  return rows.map(([label, value]) => [label, typeof value === 'number' ? formatCount(value) : value]);
}

/** A click rate and its interval, or a dash for a variant nothing was sent for. */
const rate = (r: Pick<PooledVariant, 'sends' | 'rate'>) =>
  r.sends > 0 ? formatPercent(r.rate.estimate) : '—';
const interval = (r: Pick<PooledVariant, 'sends' | 'rate'>) => (r.sends > 0 ? formatInterval(r.rate) : '—');

const VARIANT_COLUMNS: Column<SmsResult['variantResults'][number]>[] = [
  { header: 'Variant', cell: (v) => v.label, rowHeader: true },
  { header: 'Verstuurd', cell: (v) => formatCount(v.sends), numeric: true },
  { header: 'Afgeleverd', cell: (v) => formatCount(v.deliveries), numeric: true },
  { header: 'Kliks', cell: (v) => formatCount(v.clicks), numeric: true },
  { header: 'Klikratio', cell: rate, numeric: true },
  { header: '95 %-interval', cell: interval, numeric: true },
];

const OPENS_COLUMNS: Column<LetterFigures['opensByHour'][number]>[] = [
  { header: 'Uur', cell: (h) => formatDateTime(`${h.hour}:00:00Z`), rowHeader: true },
  { header: 'Geopend', cell: (h) => formatCount(h.opens), numeric: true },
];

const STREET_COLUMNS: Column<LetterFigures['streets'][number]>[] = [
  {
    header: 'Straat',
    cell: (s) => (
      <>
        {s.street}, {s.city}
      </>
    ),
    rowHeader: true,
  },
  { header: 'Brieven', cell: (s) => formatCount(s.letters), numeric: true },
  { header: 'Bezorgd', cell: (s) => formatCount(s.delivered), numeric: true },
  { header: 'Bezorgd op', cell: (s) => (s.deliveredAt ? formatDateTime(s.deliveredAt) : '—') },
  { header: 'Webversie geopend', cell: (s) => formatCount(s.opens), numeric: true },
];

const POOLED_COLUMNS: Column<PooledVariant>[] = [
  { header: 'Sjabloon', cell: (r) => r.blueprintId },
  { header: 'Variant', cell: (r) => r.label, rowHeader: true },
  { header: 'Campagnes', cell: (r) => formatCount(r.campaigns), numeric: true },
  { header: 'Verstuurd', cell: (r) => formatCount(r.sends), numeric: true },
  { header: 'Kliks', cell: (r) => formatCount(r.clicks), numeric: true },
  { header: 'Klikratio', cell: rate, numeric: true },
  { header: '95 %-interval', cell: interval, numeric: true },
];

const Timeline = ({ report }: { report: CaseReport }) => (
  <section aria-labelledby="tijdlijn" class="card">
    <h2 class="utrecht-heading-2" id="tijdlijn">
      Tijdlijn
    </h2>
    <p class="utrecht-paragraph">De tijd na de klapdag is gerekend vanaf het begin van die dag.</p>
    <ol class="timeline">
      {report.timeline.map((step) => (
        <li>
          <strong>{step.label}</strong>:{' '}
          {step.label.startsWith('Klapdag') ? formatDate(report.actionDate) : formatDateTime(step.at)}
          {step.sincePrevious ? ` — ${step.sincePrevious} na de vorige stap` : ''}
          {step.sincePrevious ? `, ${step.sinceAction} na de klapdag` : ''}
        </li>
      ))}
    </ol>
  </section>
);

const SmsPart = ({ sms }: { sms: SmsResult }) => {
  const bars = sms.variantResults
    .filter((v) => v.sends > 0)
    .map((v) => ({
      label: v.label,
      value: v.rate.estimate,
      low: v.rate.low,
      high: v.rate.high,
      text: `${formatPercent(v.rate.estimate)} (${formatInterval(v.rate)})`,
    }));
  let cumulative = 0;
  const clickPoints = sms.clicksByHour.map((h) => {
    cumulative += h.clicks;
    return { at: `${h.hour}:00:00Z`, value: cumulative };
  });
  return (
    <section aria-labelledby={`sms-${sms.campaignId}`} class="card">
      <h2 class="utrecht-heading-2" id={`sms-${sms.campaignId}`}>
        SMS-bom: {sms.name} <span class="muted">({sms.statusLabel})</span>
      </h2>
      <h3 class="utrecht-heading-3">Trechter</h3>
      <FigureTable
        class="results-table"
        caption="Van gevonden nummers tot kliks"
        rows={figures([
          ['Nummers gevonden', sms.funnel.imported],
          ['Geldig', sms.funnel.valid],
          ...Object.entries(sms.excluded).map(([reason, n]): [string, number] => [
            `Uitgesloten: ${EXCLUSIONS[reason] ?? reason}`,
            n,
          ]),
          ['Te versturen', sms.funnel.sendable],
          ['Goedgekeurd', sms.funnel.approved],
          ['Verstuurd', sms.funnel.sent],
          ['Afgeleverd', sms.funnel.delivered],
          ['Mislukt', sms.funnel.failed],
          ['Kliks', sms.funnel.clicks],
          ['Afmeldingen sinds de start (alle campagnes samen)', sms.optOutsSinceStart],
        ])}
      />
      <h3 class="utrecht-heading-3">Varianten</h3>
      <p class="utrecht-paragraph verdict">{sms.verdictText}</p>
      {bars.length > 0 ? (
        <figure class="chart-figure">
          {raw(
            barChartSvg({
              id: `klikratio-${sms.campaignId}`,
              title: 'Klikratio per variant met 95 %-interval',
              bars,
            }),
          )}
          <figcaption>
            Klikratio per variant; de streep is het 95 %-betrouwbaarheidsinterval (Wilson). De tabel hieronder
            bevat dezelfde cijfers.
          </figcaption>
        </figure>
      ) : null}
      <DataTable
        class="results-table"
        caption="Per variant: verstuurd, afgeleverd, kliks en klikratio"
        columns={VARIANT_COLUMNS}
        rows={sms.variantResults}
      />
      {clickPoints.length > 0 ? (
        <figure class="chart-figure">
          {raw(
            stepChartSvg({
              id: `kliks-${sms.campaignId}`,
              title: 'Kliks in de tijd, opgeteld',
              points: clickPoints,
              max: cumulative,
              format: formatDateTime,
              valueLabel: formatCount,
            }),
          )}
          <figcaption>Kliks in de tijd, opgeteld per uur (alle varianten).</figcaption>
        </figure>
      ) : null}
      <h3 class="utrecht-heading-3">Kosten</h3>
      <p class="utrecht-paragraph">
        Tot nu toe {formatEuro(sms.cost.soFar)} tegen een raming van {formatEuro(sms.cost.estimate)}.
      </p>
      <h3 class="utrecht-heading-3">Privacy</h3>
      <p class="utrecht-paragraph">
        {sms.privacy.purgedAt
          ? `De telefoonnummers zijn verwijderd op ${formatDateTime(sms.privacy.purgedAt)}.`
          : sms.privacy.purgeDueAt
            ? `De telefoonnummers worden verwijderd vanaf ${formatDateTime(sms.privacy.purgeDueAt)}.`
            : 'De telefoonnummers worden verwijderd na afloop van de bewaartermijn.'}{' '}
        {sms.privacy.certificate ? (
          <a class="utrecht-link" href={`/campagnes/${sms.campaignId}/vernietigingsverklaring`}>
            Vernietigingsverklaring
          </a>
        ) : (
          'Er is nog geen vernietigingsverklaring.'
        )}
      </p>
    </section>
  );
};

const LetterPart = ({
  letter,
  points,
}: {
  letter: LetterFigures;
  points: { at: string; delivered: number; total: number }[];
}) => {
  const total = letter.streets.reduce((s, x) => s + x.letters, 0);
  const delivered = letter.streets.reduce((s, x) => s + x.delivered, 0);
  const opens = letter.streets.reduce((s, x) => s + x.opens, 0);
  let opened = 0;
  const openPoints = letter.opensByHour.map((h) => {
    opened += h.opens;
    return { at: `${h.hour}:00:00Z`, value: opened };
  });
  return (
    <section aria-labelledby={`brief-${letter.campaignId}`} class="card">
      <h2 class="utrecht-heading-2" id={`brief-${letter.campaignId}`}>
        Wijkbericht: {letter.name} <span class="muted">({letter.statusLabel})</span>
      </h2>
      <p class="utrecht-paragraph">
        {letter.locations.length > 0
          ? `Locaties: ${letter.locations.join('; ')}${letter.radiusM ? `, straal ${formatCount(letter.radiusM)} m` : ''}.`
          : 'Nog geen locaties gekozen.'}
      </p>
      <FigureTable
        class="results-table"
        caption="Brieven in totaal"
        rows={figures([
          ['Adressen geselecteerd', letter.addressesSelected],
          ['Brieven gemaakt', letter.lettersRendered],
          ['Brieven bezorgd', `${formatCount(delivered)} van ${formatCount(total)}`],
          ['Webversie/QR geopend', opens],
        ])}
      />
      {points.length > 0 ? (
        <figure class="chart-figure">
          {raw(
            stepChartSvg({
              id: `dekking-${letter.campaignId}`,
              title: 'Bezorgde brieven in de tijd',
              points: points.map((p) => ({ at: p.at, value: p.delivered })),
              max: total,
              format: formatDateTime,
              valueLabel: formatCount,
            }),
          )}
          <figcaption>
            Bezorgde brieven in de tijd, opgeteld; de tabel hieronder geeft de tijd per straat.
          </figcaption>
        </figure>
      ) : null}
      {openPoints.length > 0 ? (
        <figure class="chart-figure">
          {raw(
            stepChartSvg({
              id: `opens-${letter.campaignId}`,
              title: 'Webversie/QR geopend in de tijd, opgeteld',
              points: openPoints,
              max: openPoints.at(-1)!.value,
              format: formatDateTime,
              valueLabel: formatCount,
            }),
          )}
          <figcaption>Webversie/QR geopend in de tijd, opgeteld per uur (alle straten).</figcaption>
        </figure>
      ) : null}
      {letter.opensByHour.length > 0 ? (
        <DataTable
          class="results-table"
          caption="Webversie/QR geopend per uur"
          columns={OPENS_COLUMNS}
          rows={letter.opensByHour}
        />
      ) : null}
      <DataTable
        class="results-table"
        caption="Per straat: brieven, bezorgd en webversie geopend"
        columns={STREET_COLUMNS}
        rows={letter.streets}
      />
    </section>
  );
};

/** The results of one case: timeline, each SMS campaign and each letter campaign, with the downloads. */
export const CaseResultsPage = ({ report }: { report: CaseReport }) => (
  <>
    <p class="utrecht-paragraph">
      <a class="utrecht-link" href={`/zaken/${report.caseId}`}>
        Zaak {report.caseName}
      </a>
    </p>
    <h1 class="utrecht-heading-1">Resultaten zaak {report.caseName}</h1>
    <p class="utrecht-paragraph">
      Actie in {report.municipality}, {report.areaDescription}. Alleen aantallen: niemand is in deze cijfers
      te herkennen. De downloads zijn bedoeld om te delen: daarin staat elk aantal onder de 5 als "&lt; 5".
    </p>
    <ul class="utrecht-unordered-list">
      <li>
        <a class="utrecht-link" href={`/zaken/${report.caseId}/resultaten.pdf`}>
          Download als PDF (om te delen)
        </a>
      </li>
      <li>
        <a
          class="utrecht-link"
          href={`/zaken/${report.caseId}/resultaten.csv`}
          download={`resultaten-zaak-${report.caseId}.csv`}
        >
          Download als CSV (om te delen)
        </a>
      </li>
    </ul>
    <Timeline report={report} />
    {report.sms?.map((sms) => (
      <SmsPart sms={sms} />
    ))}
    {report.letters?.map((letter) => (
      <LetterPart
        letter={letter}
        points={report.coverageOverTime.find((x) => x.campaignId === letter.campaignId)?.points ?? []}
      />
    ))}
    {report.sms?.length === 0 && report.letters?.length === 0 ? (
      <p class="utrecht-paragraph">Deze zaak heeft nog geen campagnes.</p>
    ) : null}
  </>
);

/** What worked: the pooled results per blueprint variant across all finished campaigns. */
export const PooledVariantsPage = ({ rows }: { rows: PooledVariant[] }) => (
  <>
    <h1 class="utrecht-heading-1">Wat werkte: varianten over alle zaken</h1>
    <p class="utrecht-paragraph">
      Per variant van een sjabloon de kliks van alle afgeronde sms-campagnes samen, met het 95
      %-betrouwbaarheidsinterval. Een smal interval betekent een betrouwbaar cijfer; overlappen twee
      intervallen sterk, dan is het verschil misschien toeval. Kliks worden geteld per klik, niet per persoon.
    </p>
    {rows.length === 0 ? (
      <p class="utrecht-paragraph">Er zijn nog geen afgeronde sms-campagnes.</p>
    ) : (
      <DataTable
        class="results-table"
        caption="Per sjabloonvariant, over alle afgeronde campagnes"
        columns={POOLED_COLUMNS}
        rows={rows}
      />
    )}
  </>
);

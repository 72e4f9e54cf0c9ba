import type { Hono } from 'hono';
import { raw } from 'hono/html';
import {
  caseResults,
  caseResultsCsv,
  caseResultsPdf,
  type PooledVariant,
  pooledVariantResults,
} from '../../app/case-results.js';
import type { AppDeps } from '../../app/deps.js';
import { barChartSvg, stepChartSvg } from '../../core/results/charts.js';
import { formatCount, formatInterval, formatPercent } from '../../core/results/format.js';
import type { CaseReport, LetterFigures, SmsResult } from '../../core/results/report.js';
import { actingOf, route } from '../access.js';
import type { AppEnv } from '../env.js';
import { page, pdfResponse } from '../responses.js';
import { formatDate, formatDateTime, formatEuro } from '../views/sms-format.js';
import { csvResponse, param } from './sms-http.js';

const EXCLUSIONS: Record<string, string> = {
  invalid: 'ongeldig',
  duplicate: 'dubbel',
  not_mobile: 'geen mobiel nummer',
  country_not_allowed: 'land niet toegestaan',
  do_not_contact: 'niet-benaderen-lijst',
  opt_out: 'eerder afgemeld',
  recently_messaged: 'kort geleden al een bericht',
};

const Row = (props: { label: string; value: string | number }) => (
  <tr>
    <th scope="row">{props.label}</th>
    <td class="number">{typeof props.value === 'number' ? formatCount(props.value) : props.value}</td>
  </tr>
);

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
      <table class="utrecht-table results-table">
        <caption class="utrecht-table__caption">Van gevonden nummers tot kliks</caption>
        <tbody>
          <Row label="Nummers gevonden" value={sms.funnel.imported} />
          <Row label="Geldig" value={sms.funnel.valid} />
          {Object.entries(sms.excluded).map(([reason, n]) => (
            <Row label={`Uitgesloten: ${EXCLUSIONS[reason] ?? reason}`} value={n} />
          ))}
          <Row label="Te versturen" value={sms.funnel.sendable} />
          <Row label="Goedgekeurd" value={sms.funnel.approved} />
          <Row label="Verstuurd" value={sms.funnel.sent} />
          <Row label="Afgeleverd" value={sms.funnel.delivered} />
          <Row label="Mislukt" value={sms.funnel.failed} />
          <Row label="Kliks" value={sms.funnel.clicks} />
          <Row label="Afmeldingen sinds de start (alle campagnes samen)" value={sms.optOutsSinceStart} />
        </tbody>
      </table>
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
      <table class="utrecht-table results-table">
        <caption class="utrecht-table__caption">
          Per variant: verstuurd, afgeleverd, kliks en klikratio
        </caption>
        <thead>
          <tr>
            <th scope="col">Variant</th>
            <th scope="col">Verstuurd</th>
            <th scope="col">Afgeleverd</th>
            <th scope="col">Kliks</th>
            <th scope="col">Klikratio</th>
            <th scope="col">95 %-interval</th>
          </tr>
        </thead>
        <tbody>
          {sms.variantResults.map((v) => (
            <tr>
              <th scope="row">{v.label}</th>
              <td class="number">{formatCount(v.sends)}</td>
              <td class="number">{formatCount(v.deliveries)}</td>
              <td class="number">{formatCount(v.clicks)}</td>
              <td class="number">{v.sends > 0 ? formatPercent(v.rate.estimate) : '—'}</td>
              <td class="number">{v.sends > 0 ? formatInterval(v.rate) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
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
      <table class="utrecht-table results-table">
        <caption class="utrecht-table__caption">Brieven in totaal</caption>
        <tbody>
          <Row label="Adressen geselecteerd" value={letter.addressesSelected} />
          <Row label="Brieven gemaakt" value={letter.lettersRendered} />
          <Row label="Brieven bezorgd" value={`${formatCount(delivered)} van ${formatCount(total)}`} />
          <Row label="Webversie/QR geopend" value={opens} />
        </tbody>
      </table>
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
        <table class="utrecht-table results-table">
          <caption class="utrecht-table__caption">Webversie/QR geopend per uur</caption>
          <thead>
            <tr>
              <th scope="col">Uur</th>
              <th scope="col">Geopend</th>
            </tr>
          </thead>
          <tbody>
            {letter.opensByHour.map((h) => (
              <tr>
                <th scope="row">{formatDateTime(`${h.hour}:00:00Z`)}</th>
                <td class="number">{formatCount(h.opens)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <table class="utrecht-table results-table">
        <caption class="utrecht-table__caption">Per straat: brieven, bezorgd en webversie geopend</caption>
        <thead>
          <tr>
            <th scope="col">Straat</th>
            <th scope="col">Brieven</th>
            <th scope="col">Bezorgd</th>
            <th scope="col">Bezorgd op</th>
            <th scope="col">Webversie geopend</th>
          </tr>
        </thead>
        <tbody>
          {letter.streets.map((s) => (
            <tr>
              <th scope="row">
                {s.street}, {s.city}
              </th>
              <td class="number">{formatCount(s.letters)}</td>
              <td class="number">{formatCount(s.delivered)}</td>
              <td>{s.deliveredAt ? formatDateTime(s.deliveredAt) : '—'}</td>
              <td class="number">{formatCount(s.opens)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
};

const PooledTable = ({ rows }: { rows: PooledVariant[] }) => (
  <table class="utrecht-table results-table">
    <caption class="utrecht-table__caption">Per sjabloonvariant, over alle afgeronde campagnes</caption>
    <thead>
      <tr>
        <th scope="col">Sjabloon</th>
        <th scope="col">Variant</th>
        <th scope="col">Campagnes</th>
        <th scope="col">Verstuurd</th>
        <th scope="col">Kliks</th>
        <th scope="col">Klikratio</th>
        <th scope="col">95 %-interval</th>
      </tr>
    </thead>
    <tbody>
      {rows.map((r) => (
        <tr>
          <td>{r.blueprintId}</td>
          <th scope="row">{r.label}</th>
          <td class="number">{formatCount(r.campaigns)}</td>
          <td class="number">{formatCount(r.sends)}</td>
          <td class="number">{formatCount(r.clicks)}</td>
          <td class="number">{r.sends > 0 ? formatPercent(r.rate.estimate) : '—'}</td>
          <td class="number">{r.sends > 0 ? formatInterval(r.rate) : '—'}</td>
        </tr>
      ))}
    </tbody>
  </table>
);

/** The results of a case as a page, a CSV and a PDF, and the pooled variant results across cases. */
export function caseResultRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  route(app, 'get', '/zaken/:caseId/resultaten', 'results.view', async (c) => {
    const report = await caseResults(deps, actingOf(c), param(c, 'caseId'));
    return page(
      c,
      `Resultaten zaak ${report.caseName}`,
      <>
        <p class="utrecht-paragraph">
          <a class="utrecht-link" href={`/zaken/${report.caseId}`}>
            Zaak {report.caseName}
          </a>
        </p>
        <h1 class="utrecht-heading-1">Resultaten zaak {report.caseName}</h1>
        <p class="utrecht-paragraph">
          Actie in {report.municipality}, {report.areaDescription}. Alleen aantallen: niemand is in deze
          cijfers te herkennen. De downloads zijn bedoeld om te delen: daarin staat elk aantal onder de 5 als
          "&lt; 5".
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
      </>,
    );
  });

  route(app, 'get', '/zaken/:caseId/resultaten.csv', 'results.view', async (c) => {
    const caseId = param(c, 'caseId');
    return csvResponse(c, await caseResultsCsv(deps, actingOf(c), caseId), `resultaten-zaak-${caseId}.csv`);
  });

  route(app, 'get', '/zaken/:caseId/resultaten.pdf', 'results.view', async (c) =>
    pdfResponse(c, await caseResultsPdf(deps, actingOf(c), param(c, 'caseId'))),
  );

  route(app, 'get', '/resultaten/varianten', 'results.variants', async (c) => {
    const rows = await pooledVariantResults(deps, actingOf(c));
    return page(
      c,
      'Wat werkte: varianten over alle zaken',
      <>
        <h1 class="utrecht-heading-1">Wat werkte: varianten over alle zaken</h1>
        <p class="utrecht-paragraph">
          Per variant van een sjabloon de kliks van alle afgeronde sms-campagnes samen, met het 95
          %-betrouwbaarheidsinterval. Een smal interval betekent een betrouwbaar cijfer; overlappen twee
          intervallen sterk, dan is het verschil misschien toeval. Kliks worden geteld per klik, niet per
          persoon.
        </p>
        {rows.length === 0 ? (
          <p class="utrecht-paragraph">Er zijn nog geen afgeronde sms-campagnes.</p>
        ) : (
          <PooledTable rows={rows} />
        )}
      </>,
    );
  });
}

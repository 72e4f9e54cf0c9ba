import { csvCell } from '../audit/audit-csv.js';
import { formatCount, formatDuration, formatInterval, formatPercent, verdictText } from './format.js';
import { compareVariants, type Proportion, type VariantVerdict, wilsonInterval } from './statistics.js';
import { type Cell, shown, suppressCount, suppressGroup } from './suppression.js';

/** The figures of one SMS campaign, as counts only: nothing in here can name or reach a person. */
export interface SmsFigures {
  campaignId: string;
  name: string;
  statusLabel: string;
  blueprintId: string;
  funnel: {
    imported: number;
    valid: number;
    sendable: number;
    approved: number;
    sent: number;
    delivered: number;
    failed: number;
    clicks: number;
  };
  excluded: Record<string, number>;
  variants: { id: string; label: string; sends: number; deliveries: number; clicks: number }[];
  /** Clicks per hour (UTC, `YYYY-MM-DDTHH`), all variants together. */
  clicksByHour: { hour: string; clicks: number }[];
  /** Opt-outs recorded (web and STOP) from the start of sending: the opt-out list is kept for all campaigns. */
  optOutsSinceStart: number;
  cost: { estimate: number; soFar: number };
  window: { start: string | null; end: string | null };
  privacy: { purgedAt: string | null; purgeDueAt: string | null; certificate: boolean };
}

/** The figures of one letter campaign: counts per street, never an address. */
export interface LetterFigures {
  campaignId: string;
  name: string;
  statusLabel: string;
  locations: string[];
  radiusM: number | null;
  addressesSelected: number;
  lettersRendered: number;
  renderedAt: string | null;
  /** Opens of the web versions per hour (UTC, `YYYY-MM-DDTHH`), all streets together. */
  opensByHour: { hour: string; opens: number }[];
  streets: {
    street: string;
    city: string;
    letters: number;
    delivered: number;
    opens: number;
    deliveredAt: string | null;
  }[];
}

export interface CaseFigures {
  caseId: string;
  caseName: string;
  actionDate: string;
  municipality: string;
  areaDescription: string;
  /** Left out when the reader's role may not see that channel. */
  sms?: SmsFigures[];
  letters?: LetterFigures[];
  generatedAt: string;
}

export interface VariantResult {
  id: string;
  label: string;
  sends: number;
  deliveries: number;
  clicks: number;
  rate: Proportion;
}

export interface SmsResult extends SmsFigures {
  variantResults: VariantResult[];
  verdict: VariantVerdict;
  verdictText: string;
}

export interface TimelineStep {
  label: string;
  at: string;
  /** Time since the step before, in plain Dutch ("3 uur"). */
  sincePrevious: string | null;
  sinceAction: string;
}

export interface CaseReport extends CaseFigures {
  sms?: SmsResult[];
  timeline: TimelineStep[];
  /** Letters delivered over time, cumulative, for the coverage chart. */
  coverageOverTime: { campaignId: string; points: { at: string; delivered: number; total: number }[] }[];
}

/** The variant with the highest click rate, when the verdict says the variants differ. */
function bestVariant(result: VariantResult[], verdict: VariantVerdict): string | undefined {
  if (verdict.kind !== 'differ') return undefined;
  return [...result].sort((a, b) => b.rate.estimate - a.rate.estimate)[0]?.label;
}

export function smsResult(figures: SmsFigures): SmsResult {
  const variantResults = figures.variants.map((v) => ({
    ...v,
    rate: wilsonInterval(Math.min(v.clicks, v.sends), v.sends),
  }));
  const verdict = compareVariants(
    variantResults.map((v) => ({ clicks: Math.min(v.clicks, v.sends), sends: v.sends })),
  );
  return {
    ...figures,
    variantResults,
    verdict,
    verdictText: verdictText(verdict, bestVariant(variantResults, verdict)),
  };
}

/**
 * The timeline of a case: action date → letters rendered → distribution → SMS window, with the delay
 * between steps (a case's point is speed). Steps that did not happen are left out.
 */
export function caseTimeline(figures: CaseFigures): TimelineStep[] {
  const raw: { label: string; at: string }[] = [
    { label: 'Klapdag (actie)', at: `${figures.actionDate}T00:00:00.000Z` },
  ];
  const earliest = (xs: (string | null | undefined)[]) => xs.filter((x): x is string => !!x).sort()[0];
  const latest = (xs: (string | null | undefined)[]) =>
    xs
      .filter((x): x is string => !!x)
      .sort()
      .at(-1);
  const letters = figures.letters ?? [];
  const rendered = earliest(letters.map((l) => l.renderedAt));
  if (rendered) raw.push({ label: 'Brieven gemaakt', at: rendered });
  const deliveries = letters.flatMap((l) => l.streets.map((s) => s.deliveredAt));
  const firstDelivery = earliest(deliveries);
  const lastDelivery = latest(deliveries);
  if (firstDelivery) raw.push({ label: 'Eerste straat bezorgd', at: firstDelivery });
  const allDelivered =
    letters.length > 0 &&
    letters.every((l) => l.streets.length > 0 && l.streets.every((s) => s.deliveredAt !== null));
  if (lastDelivery && allDelivered) raw.push({ label: 'Laatste straat bezorgd', at: lastDelivery });
  const sms = figures.sms ?? [];
  const smsStart = earliest(sms.map((s) => s.window.start));
  const smsEnd = latest(sms.map((s) => s.window.end));
  if (smsStart) raw.push({ label: 'Start verzending sms', at: smsStart });
  if (smsEnd) raw.push({ label: 'Einde verzending sms', at: smsEnd });
  raw.sort((a, b) => a.at.localeCompare(b.at));
  const action = Date.parse(raw.find((s) => s.label.startsWith('Klapdag'))!.at);
  return raw.map((step, i) => ({
    ...step,
    sincePrevious: i === 0 ? null : formatDuration(Date.parse(step.at) - Date.parse(raw[i - 1]!.at)),
    sinceAction: formatDuration(Date.parse(step.at) - action),
  }));
}

/** Cumulative letters delivered at each moment a street was ticked off. */
function coverageOverTime(letter: LetterFigures): { at: string; delivered: number; total: number }[] {
  const total = letter.streets.reduce((s, x) => s + x.letters, 0);
  let delivered = 0;
  return letter.streets
    .filter((s) => s.deliveredAt !== null)
    .sort((a, b) => a.deliveredAt!.localeCompare(b.deliveredAt!))
    .map((s) => {
      delivered += s.delivered;
      return { at: s.deliveredAt!, delivered, total };
    });
}

/** Everything the results page, the CSV and the PDF show, computed once from the counts. */
export function buildCaseReport(figures: CaseFigures): CaseReport {
  return {
    ...figures,
    sms: figures.sms?.map(smsResult),
    timeline: caseTimeline(figures),
    coverageOverTime: (figures.letters ?? []).map((l) => ({
      campaignId: l.campaignId,
      points: coverageOverTime(l),
    })),
  };
}

/** One line of the export: the section, what it is, and its value as text. */
export interface ReportLine {
  section: string;
  label: string;
  value: string;
  /** The campaign the line belongs to, if any. */
  campaignId?: string;
}

const EXCLUSION_LABELS: Record<string, string> = {
  invalid: 'Uitgesloten: ongeldig',
  duplicate: 'Uitgesloten: dubbel',
  not_mobile: 'Uitgesloten: geen mobiel nummer',
  country_not_allowed: 'Uitgesloten: land niet toegestaan',
  do_not_contact: 'Uitgesloten: niet-benaderen-lijst',
  opt_out: 'Uitgesloten: eerder afgemeld',
  recently_messaged: 'Uitgesloten: kort geleden al een bericht',
};

const euro = (n: number) =>
  new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 2 }).format(n);

/** Free text a person typed (campaign names) with anything number-like hidden, for exports. */
export function withoutNumbers(text: string): string {
  return text.replace(/\+?\d[\d\s().-]{5,}\d/g, '•••');
}

/**
 * The report as labelled lines, the one source of the CSV and the PDF tables: counts only, and with
 * `suppress` every count below 5 as "< 5" with complementary suppression per group (see suppression.ts).
 * Rates and intervals of a variant whose clicks or non-clicks are hidden are hidden too: with the sends
 * shown they would give the clicks back.
 */
export function reportLines(report: CaseReport, options: { suppress: boolean }): ReportLine[] {
  const lines: ReportLine[] = [];
  let campaignId: string | undefined;
  const add = (section: string, label: string, value: string) =>
    lines.push(campaignId === undefined ? { section, label, value } : { section, label, value, campaignId });
  const cell = (n: number): Cell => (options.suppress ? suppressCount(n) : { value: n, suppressed: false });
  const group = (values: number[]) =>
    options.suppress
      ? suppressGroup(values)
      : {
          cells: values.map((value) => ({ value, suppressed: false })),
          total: { value: values.reduce((s, v) => s + v, 0), suppressed: false },
        };
  const count = (c: Cell) => shown(c, formatCount);

  add('zaak', 'Zaak', withoutNumbers(report.caseName));
  add('zaak', 'Datum van de actie', report.actionDate);
  add('zaak', 'Gemeente', report.municipality);
  add('zaak', 'Gebied', withoutNumbers(report.areaDescription));
  add('zaak', 'Rapport gemaakt op (UTC)', report.generatedAt);
  for (const step of report.timeline) {
    add(
      'tijdlijn',
      step.label,
      `${step.at}${step.sincePrevious ? ` (${step.sincePrevious} na de vorige stap)` : ''}`,
    );
  }
  for (const sms of report.sms ?? []) {
    campaignId = sms.campaignId;
    const s = `sms: ${withoutNumbers(sms.name)}`;
    add(s, 'Status', sms.statusLabel);
    add(s, 'Nummers gevonden', count(cell(sms.funnel.imported)));
    add(s, 'Geldig', count(cell(sms.funnel.valid)));
    const reasons = Object.entries(sms.excluded);
    const excluded = group(reasons.map(([, n]) => n));
    for (const [i, [reason]] of reasons.entries()) {
      add(s, EXCLUSION_LABELS[reason] ?? `Uitgesloten: ${reason}`, count(excluded.cells[i]!));
    }
    add(s, 'Te versturen', count(cell(sms.funnel.sendable)));
    add(s, 'Goedgekeurd', count(cell(sms.funnel.approved)));
    add(s, 'Verstuurd', count(cell(sms.funnel.sent)));
    add(s, 'Afgeleverd', count(cell(sms.funnel.delivered)));
    add(s, 'Mislukt', count(cell(sms.funnel.failed)));
    const sends = group(sms.variantResults.map((v) => v.sends));
    const deliveries = group(sms.variantResults.map((v) => v.deliveries));
    const clicks = group(sms.variantResults.map((v) => v.clicks));
    const misses = group(sms.variantResults.map((v) => Math.max(0, v.sends - v.clicks)));
    add(s, 'Kliks (alle varianten)', count(clicks.total));
    for (const [i, v] of sms.variantResults.entries()) {
      const label = `Variant ${withoutNumbers(v.label)}`;
      add(s, `${label}: verstuurd`, count(sends.cells[i]!));
      add(s, `${label}: afgeleverd`, count(deliveries.cells[i]!));
      add(s, `${label}: kliks`, count(clicks.cells[i]!));
      const hidden = clicks.cells[i]!.suppressed || misses.cells[i]!.suppressed || sends.cells[i]!.suppressed;
      add(
        s,
        `${label}: klikratio (95 %-interval)`,
        v.sends === 0
          ? 'niet verstuurd'
          : hidden
            ? 'niet getoond (kleine aantallen)'
            : `${formatPercent(v.rate.estimate)} (${formatInterval(v.rate)})`,
      );
    }
    add(s, 'Oordeel over de varianten', sms.verdictText);
    add(s, 'Afmeldingen sinds de start (alle campagnes)', count(cell(sms.optOutsSinceStart)));
    add(s, 'Kosten tot nu toe', euro(sms.cost.soFar));
    add(s, 'Geraamde kosten', euro(sms.cost.estimate));
    add(
      s,
      'Telefoonnummers verwijderd',
      sms.privacy.purgedAt ? `ja, op ${sms.privacy.purgedAt}` : 'nog niet',
    );
    if (!sms.privacy.purgedAt && sms.privacy.purgeDueAt)
      add(s, 'Verwijderen gepland vanaf', sms.privacy.purgeDueAt);
    add(s, 'Vernietigingsverklaring', sms.privacy.certificate ? 'aanwezig' : 'nog niet');
  }
  for (const letter of report.letters ?? []) {
    campaignId = letter.campaignId;
    const s = `brieven: ${withoutNumbers(letter.name)}`;
    add(s, 'Status', letter.statusLabel);
    add(s, 'Adressen geselecteerd', count(cell(letter.addressesSelected)));
    add(s, 'Brieven gemaakt', count(cell(letter.lettersRendered)));
    const letters = group(letter.streets.map((x) => x.letters));
    const delivered = group(letter.streets.map((x) => x.delivered));
    const opens = group(letter.streets.map((x) => x.opens));
    add(s, 'Brieven bezorgd', count(delivered.total));
    add(s, 'Webversie/QR geopend (alle straten)', count(opens.total));
    for (const [i, street] of letter.streets.entries()) {
      const label = `${street.street}, ${street.city}`;
      add(s, `${label}: brieven`, count(letters.cells[i]!));
      add(s, `${label}: bezorgd`, count(delivered.cells[i]!));
      add(s, `${label}: webversie geopend`, count(opens.cells[i]!));
    }
  }
  return lines;
}

/** The report as CSV for Dutch Excel (UTF-8 with BOM, `;`, CRLF), every cell formula-safe. */
export function reportCsv(report: CaseReport, options: { suppress: boolean }): string {
  const rows = [
    ['sectie', 'onderdeel', 'waarde'],
    ...reportLines(report, options).map((l) => [l.section, l.label, l.value]),
  ];
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(';')).join('\r\n')}\r\n`;
}

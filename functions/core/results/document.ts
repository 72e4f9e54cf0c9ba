import { barChartSvg } from './charts.js';
import { formatInterval, formatPercent } from './format.js';
import { type CaseReport, type ReportLine, reportLines } from './report.js';
import { suppressGroup } from './suppression.js';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function table(lines: readonly ReportLine[]): string {
  const rows = lines
    .map((l) => `<tr><th scope="row">${escapeHtml(l.label)}</th><td>${escapeHtml(l.value)}</td></tr>`)
    .join('');
  return `<table>${rows}</table>`;
}

/**
 * The report as a printable A4 document for the PDF renderer, meant for others (mayor, council, RIEC, OM):
 * counts only, small counts suppressed. One page for the case and its timeline, then one page per campaign,
 * so the page count is `1 + campaigns` as long as a campaign's streets fit on a page.
 */
export function reportDocument(report: CaseReport, municipality: string): string {
  const lines = reportLines(report, { suppress: true });
  const pages = [...new Set(lines.flatMap((l) => (l.campaignId ? [l.campaignId] : [])))];
  const chartFor = (campaignId: string) => {
    const sms = (report.sms ?? []).find((s) => s.campaignId === campaignId);
    if (!sms) return '';
    const clicks = suppressGroup(sms.variantResults.map((v) => v.clicks));
    const misses = suppressGroup(sms.variantResults.map((v) => Math.max(0, v.sends - v.clicks)));
    const bars = sms.variantResults
      .filter((v, i) => v.sends > 0 && !clicks.cells[i]!.suppressed && !misses.cells[i]!.suppressed)
      .map((v) => ({
        label: v.label,
        value: v.rate.estimate,
        low: v.rate.low,
        high: v.rate.high,
        text: `${formatPercent(v.rate.estimate)} (${formatInterval(v.rate)})`,
      }));
    if (bars.length === 0) {
      return '<p>Klikratio per variant: niet getoond, de aantallen zijn te klein om te delen.</p>';
    }
    return `<figure>${barChartSvg({ id: `grafiek-${sms.campaignId}`, title: 'Klikratio per variant met 95 %-interval', bars })}<figcaption>Klikratio per variant met 95 %-interval (Wilson). Varianten met minder dan 5 kliks of niet-kliks zijn weggelaten.</figcaption></figure>`;
  };
  const body = [
    `<section><h1>Resultaten zaak ${escapeHtml(lines.find((l) => l.label === 'Zaak')?.value ?? '')}</h1><p>Gemeente ${escapeHtml(municipality)}. Alleen aantallen, geen persoonsgegevens. Aantallen onder de 5 staan als &quot;&lt; 5&quot;; waar één klein aantal uit een totaal terug te rekenen zou zijn, is ook een tweede aantal verborgen.</p>`,
    `<h2>Zaak</h2>${table(lines.filter((l) => l.section === 'zaak'))}`,
    `<h2>Tijdlijn</h2>${table(lines.filter((l) => l.section === 'tijdlijn'))}</section>`,
    ...pages.map((id) => {
      const own = lines.filter((l) => l.campaignId === id);
      const section = own[0]?.section ?? '';
      const title = section.startsWith('sms: ')
        ? `SMS-bom: ${section.slice('sms: '.length)}`
        : `Wijkbericht: ${section.slice('brieven: '.length)}`;
      return `<section class="page"><h2>${escapeHtml(title)}</h2>${chartFor(id)}${table(own)}</section>`;
    }),
  ].join('');
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Resultaten</title><style>
@page { size: A4; margin: 16mm; }
body { font-family: sans-serif; font-size: 9pt; color: #111; }
h1 { font-size: 15pt; margin: 0 0 3mm; } h2 { font-size: 12pt; margin: 5mm 0 2mm; }
section.page { break-before: page; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: 0.6mm 2mm; border-bottom: 0.2mm solid #999; vertical-align: top; }
th { width: 55%; font-weight: normal; } td { font-variant-numeric: tabular-nums; }
figure { margin: 0 0 3mm; } svg { max-width: 100%; height: auto; }
</style></head><body>${body}</body></html>`;
}

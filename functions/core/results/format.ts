import type { Proportion, VariantVerdict } from './statistics.js';

/** Whole numbers the Dutch way: 1.240. */
export function formatCount(n: number): string {
  return n.toLocaleString('nl-NL', { maximumFractionDigits: 0 });
}

/** A share as a percentage with a decimal comma: 0.0412 → "4,1 %". */
export function formatPercent(share: number, decimals = 1): string {
  return `${(share * 100).toLocaleString('nl-NL', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  })} %`;
}

/** An interval as "3,0–5,5 %". */
export function formatInterval(p: Pick<Proportion, 'low' | 'high'>, decimals = 1): string {
  const f = (x: number) =>
    (x * 100).toLocaleString('nl-NL', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return `${f(p.low)}–${f(p.high)} %`;
}

/** A p-value as readers of a report expect it: "p = 0,012", or "p < 0,001". */
export function formatPValue(p: number): string {
  if (p < 0.001) return 'p < 0,001';
  return `p = ${p.toLocaleString('nl-NL', { maximumSignificantDigits: 2 })}`;
}

/** A duration in hours and days, Dutch: "3 uur", "2 dagen en 4 uur", "25 minuten". */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '−' : '';
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes < 60) return `${sign}${minutes} ${minutes === 1 ? 'minuut' : 'minuten'}`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${sign}${hours} uur`;
  const days = Math.floor(hours / 24);
  const rest = hours - days * 24;
  return `${sign}${days} dagen${rest > 0 ? ` en ${rest} uur` : ''}`;
}

/** The verdict on the variants in plain Dutch, for the adviser, the mayor and the council. */
export function verdictText(verdict: VariantVerdict, best?: string): string {
  if (verdict.kind === 'insufficient') {
    const why = {
      one_variant: 'er is maar één variant verstuurd.',
      no_clicks: 'er is (nog) op geen enkele variant geklikt.',
      too_few:
        'bij deze aantallen zou zelfs het grootst mogelijke verschil tussen de varianten nog toeval kunnen zijn.',
    }[verdict.reason];
    return `Te weinig gegevens om de varianten te vergelijken: ${why}`;
  }
  const test = verdict.test === 'exact' ? 'exacte toets van Fisher' : 'chikwadraattoets';
  if (verdict.kind === 'differ') {
    return `De varianten verschillen waarschijnlijk echt in hoe vaak erop geklikt is: een verschil zo groot als dit komt bij toeval in minder dan 5 % van de gevallen voor (${formatPValue(verdict.pValue)}, ${test}).${best ? ` Het vaakst geklikt: ${best}.` : ''}`;
  }
  return `Geen aantoonbaar verschil tussen de varianten: de verschillen in klikken kunnen goed toeval zijn (${formatPValue(verdict.pValue)}, ${test}). Kies de volgende keer dus niet alleen op deze cijfers.`;
}

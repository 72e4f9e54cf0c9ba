/**
 * Numbers as a Dutch reader writes them: a decimal comma and a thousands dot ("0,55", "1.234"), a share as
 * "37,6%". The dashboard's script formats the same way through the same Intl options.
 */
const DECIMAL = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 });
const PERCENT = new Intl.NumberFormat('nl-NL', { style: 'percent', maximumFractionDigits: 1 });

export function formatDecimal(n: number): string {
  return DECIMAL.format(n);
}

/** A share between 0 and 1 as a percentage with at most one decimal. */
export function formatPercent(share: number): string {
  return PERCENT.format(share);
}

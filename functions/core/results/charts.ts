/**
 * Charts as plain SVG strings, rendered on the server: they print, need no script, and each comes with a
 * table of the same figures on the page for screen readers (the SVG itself carries a title and role="img").
 */

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface Bar {
  label: string;
  /** 0…1 */
  value: number;
  low?: number;
  high?: number;
  /** The figure written next to the bar. */
  text: string;
}

/** Horizontal bars of shares (click rates) with their 95 % interval as a whisker. */
export function barChartSvg(input: { id: string; title: string; bars: Bar[] }): string {
  const rowHeight = 28;
  const labelWidth = 170;
  const plotWidth = 360;
  const width = labelWidth + plotWidth + 120;
  const height = input.bars.length * rowHeight + 24;
  const max = Math.max(0.01, ...input.bars.map((b) => b.high ?? b.value));
  const x = (v: number) => labelWidth + (v / max) * plotWidth;
  const rows = input.bars
    .map((b, i) => {
      const y = 8 + i * rowHeight;
      const whisker =
        b.low === undefined || b.high === undefined
          ? ''
          : `<line x1="${x(b.low).toFixed(1)}" x2="${x(b.high).toFixed(1)}" y1="${y + 10}" y2="${y + 10}" stroke="#111" stroke-width="1.5"/>` +
            `<line x1="${x(b.low).toFixed(1)}" x2="${x(b.low).toFixed(1)}" y1="${y + 5}" y2="${y + 15}" stroke="#111"/>` +
            `<line x1="${x(b.high).toFixed(1)}" x2="${x(b.high).toFixed(1)}" y1="${y + 5}" y2="${y + 15}" stroke="#111"/>`;
      return (
        `<text x="${labelWidth - 8}" y="${y + 14}" text-anchor="end">${escapeXml(b.label)}</text>` +
        `<rect x="${labelWidth}" y="${y + 3}" width="${Math.max(0, x(b.value) - labelWidth).toFixed(1)}" height="14" fill="#1a5e9a"/>` +
        whisker +
        `<text x="${labelWidth + plotWidth + 8}" y="${y + 14}">${escapeXml(b.text)}</text>`
      );
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-labelledby="${input.id}-titel" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="sans-serif" font-size="12"><title id="${input.id}-titel">${escapeXml(input.title)}</title><line x1="${labelWidth}" x2="${labelWidth}" y1="0" y2="${height - 16}" stroke="#555"/>${rows}</svg>`;
}

export interface StepPoint {
  /** ISO instant */
  at: string;
  value: number;
}

/** A cumulative step line over time (letters delivered, clicks), from the first to the last point. */
export function stepChartSvg(input: {
  id: string;
  title: string;
  points: StepPoint[];
  max: number;
  /** Labels of the first and last moment on the time axis. */
  format: (iso: string) => string;
  valueLabel: (n: number) => string;
}): string {
  const width = 560;
  const height = 200;
  const left = 60;
  const bottom = 170;
  const top = 12;
  const right = width - 20;
  const points = input.points;
  const t0 = points.length > 0 ? Date.parse(points[0]!.at) : 0;
  const t1 = points.length > 0 ? Math.max(t0 + 1, Date.parse(points.at(-1)!.at)) : 1;
  const max = Math.max(1, input.max);
  const x = (iso: string) => left + ((Date.parse(iso) - t0) / (t1 - t0)) * (right - left);
  const y = (v: number) => bottom - (v / max) * (bottom - top);
  let path = `M ${left} ${bottom}`;
  for (const p of points) path += ` H ${x(p.at).toFixed(1)} V ${y(p.value).toFixed(1)}`;
  path += ` H ${right}`;
  const axis =
    `<line x1="${left}" x2="${right}" y1="${bottom}" y2="${bottom}" stroke="#555"/>` +
    `<line x1="${left}" x2="${left}" y1="${top}" y2="${bottom}" stroke="#555"/>` +
    `<text x="${left - 6}" y="${top + 4}" text-anchor="end">${escapeXml(input.valueLabel(max))}</text>` +
    `<text x="${left - 6}" y="${bottom}" text-anchor="end">0</text>` +
    (points.length > 0
      ? `<text x="${left}" y="${bottom + 18}">${escapeXml(input.format(points[0]!.at))}</text>` +
        `<text x="${right}" y="${bottom + 18}" text-anchor="end">${escapeXml(input.format(points.at(-1)!.at))}</text>`
      : '');
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-labelledby="${input.id}-titel" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="sans-serif" font-size="12"><title id="${input.id}-titel">${escapeXml(input.title)}</title>${axis}<path d="${path}" fill="none" stroke="#1a5e9a" stroke-width="2"/></svg>`;
}

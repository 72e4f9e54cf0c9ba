import { isPhoneHeader, looksLikePhone, splitCandidates } from './candidates.js';
import type { ExtractSink } from './sink.js';

/** How many leading rows may precede the header (forensic reports put a title above it). */
const HEADER_SEARCH_ROWS = 5;

/**
 * Turns the rows of a CSV file or a worksheet into numbers, for any column layout.
 * Why: forensic tools, Google, Outlook and hand-made lists all name their columns differently, or not at all.
 * A header row is recognised within the first rows; columns whose name says "phone" (in several languages)
 * are read as phone fields, every other cell only when its content is shaped like a phone number.
 */
export class TableReader {
  private readonly pending: { cells: string[]; line: number }[] = [];
  private phoneColumns: ReadonlySet<number> | undefined;

  constructor(
    private readonly sink: ExtractSink,
    private readonly sheet?: string,
  ) {}

  row(cells: string[], line: number): void {
    if (this.phoneColumns) {
      this.data(cells, line);
      return;
    }
    if (cells.every((cell) => cell.trim() === '')) return;
    this.pending.push({ cells, line });
    if (this.pending.length >= HEADER_SEARCH_ROWS) this.decide();
  }

  end(): void {
    if (!this.phoneColumns) this.decide();
  }

  private decide(): void {
    const widest = Math.max(...this.pending.map(({ cells }) => filled(cells)));
    // A title line above the header ("Contacten - rapport telefoon 2") has one filled cell; the header more.
    const headerAt = this.pending.findIndex(
      ({ cells }) =>
        cells.some(isPhoneHeader) &&
        !cells.some((cell) => looksLikePhone(cell)) &&
        (filled(cells) > 1 || widest <= 1),
    );
    let dataFrom = 0;
    if (headerAt >= 0) {
      const header = this.pending[headerAt]!.cells;
      this.phoneColumns = new Set(header.flatMap((cell, i) => (isPhoneHeader(cell) ? [i] : [])));
      dataFrom = headerAt + 1;
    } else {
      this.phoneColumns = new Set();
      const first = this.pending[0];
      // A first row of only words above rows with digits is a header too, just without a phone-like name.
      if (first?.cells.every((cell) => !/\d/.test(cell)) && this.pending.length > 1) dataFrom = 1;
    }
    for (const { cells, line } of this.pending.slice(dataFrom)) this.data(cells, line);
    this.pending.length = 0;
  }

  private data(cells: string[], line: number): void {
    if (cells.every((cell) => cell === '')) return;
    this.sink.record();
    const phoneColumns = this.phoneColumns!;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i]!;
      if (cell === '') continue;
      const field = phoneColumns.has(i);
      if (cell.charCodeAt(0) === 61 /* = */) {
        if (/\d{3}/.test(cell)) {
          this.sink.problem(
            line,
            'Cel met een formule overgeslagen; lever de waarde aan, niet de formule.',
            this.sheet,
          );
        }
        continue;
      }
      for (const raw of splitCandidates(cell, field ? 'field' : 'content'))
        this.sink.number(raw, line, this.sheet);
    }
  }
}

function filled(cells: string[]): number {
  let n = 0;
  for (const cell of cells) if (cell.trim() !== '') n++;
  return n;
}

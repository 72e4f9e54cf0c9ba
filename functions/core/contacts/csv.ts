import { CsvError, parse } from 'csv-parse/sync';
import type { ExtractSink } from './sink.js';
import { TableReader } from './table.js';

const DELIMITERS = [',', ';', '\t'] as const;

/**
 * Picks the delimiter that splits the first lines most consistently: the one with the highest minimum
 * count per line (quoted parts ignored), ties broken by the total. A file of one column gets ",".
 */
export function detectDelimiter(text: string): string {
  const lines = sampleLines(text, 20);
  let best: string = ',';
  let bestScore = [0, 0];
  for (const delimiter of DELIMITERS) {
    const counts = lines.map((line) => countOutsideQuotes(line, delimiter));
    const score = [Math.min(...counts), counts.reduce((a, b) => a + b, 0)];
    if (score[0]! > bestScore[0]! || (score[0] === bestScore[0] && score[1]! > bestScore[1]!)) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

function sampleLines(text: string, n: number): string[] {
  const lines: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length && lines.length < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if ((c === 10 || c === 13) && !quoted) {
      if (i > start) lines.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (lines.length < n && start < text.length) lines.push(text.slice(start));
  return lines.filter((line) => line.trim() !== '');
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let quoted = false;
  let n = 0;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (char === delimiter && !quoted) n++;
  }
  return n;
}

/**
 * Reads CSV text with csv-parse, record by record (nothing is collected), into the table reader.
 * A structural error (an unclosed quote) ends the file with a problem; the rows before it still count.
 */
export function readCsv(text: string, sink: ExtractSink): void {
  const table = new TableReader(sink);
  let lastLine = 0;
  try {
    parse(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      bom: true,
      on_record: (record: string[], context) => {
        table.row(record, context.lines);
        lastLine = context.lines;
        return null;
      },
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    sink.problem(
      lastLine + 1,
      'Het CSV-bestand is hier afgebroken of beschadigd (bijvoorbeeld een aanhalingsteken dat niet gesloten wordt); de rest is niet gelezen.',
    );
  }
  table.end();
}

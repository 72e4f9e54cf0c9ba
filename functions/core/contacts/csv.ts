import { CsvError, parse } from 'csv-parse/sync';
import { UnreadableContactFileError } from './contacts.errors.js';
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
 * Reads CSV text record by record (nothing is collected) into the table reader.
 * Well-formed files (fields either without quotes or wholly quoted, one kind of line break) go through a
 * small reader of our own that gives exactly csv-parse's records and line numbers at a fraction of its
 * cost; anything else (stray quotes, mixed or bare CR line breaks, an unclosed quote) goes to csv-parse.
 * A structural error (an unclosed quote) ends the file with a problem; the rows before it still count.
 * `options.ownReader: false` sends every file to csv-parse, to prove that both read the same.
 */
export function readCsv(text: string, sink: ExtractSink, options: { ownReader?: boolean } = {}): void {
  assertLineLengths(text);
  const table = new TableReader(sink);
  const delimiter = detectDelimiter(text);
  const body = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const breaks = options.ownReader === false ? undefined : simpleCsv(text, body, delimiter.charCodeAt(0));
  if (breaks) readSimpleCsv(text, body, delimiter.charCodeAt(0), breaks === 'crlf', table);
  else readWithCsvParse(text, delimiter, table, sink);
  table.end();
}

/** No contact list has a line this long; a longer one is a file without line breaks, or not a list. */
export const MAX_CSV_LINE_CHARS = 1024 * 1024;

/**
 * Refuses text with a line longer than `MAX_CSV_LINE_CHARS` before anything is parsed: one line of 40 MB
 * would otherwise become a single header row and report "0 numbers" without saying why. One pass over the
 * text, looking at line breaks only.
 */
export function assertLineLengths(text: string): void {
  let start = 0;
  let line = 1;
  // The next LF and CR, each searched again only once passed: one pass, however the breaks are mixed.
  let lf = -2;
  let crAt = -2;
  while (start < text.length) {
    if (lf !== -1 && lf < start) lf = text.indexOf('\n', start);
    if (crAt !== -1 && crAt < start) crAt = text.indexOf('\r', start);
    const end = lf < 0 ? (crAt < 0 ? text.length : crAt) : crAt < 0 ? lf : Math.min(lf, crAt);
    if (end - start > MAX_CSV_LINE_CHARS) {
      throw new UnreadableContactFileError('CSV line too long', {
        userMessage:
          start === 0 && end === text.length
            ? oneLineMessage(text.length)
            : `Regel ${line} van het CSV-bestand is langer dan 1 MB (ontbrekende regeleinden?); het bestand is niet verwerkt.`,
        context: { line, chars: end - start },
      });
    }
    if (end >= text.length) return;
    start = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
    line++;
  }
}

/**
 * The refusal, from the bytes alone, of a text file that cannot pass `assertLineLengths`: no line break at
 * all and more bytes than any encoding needs for `MAX_CSV_LINE_CHARS` characters (4 per character); else
 * undefined. Why: that is the one-line hostile case, and refusing it before decoding spares a string as
 * large as the file (decoding it and collecting the garbage were most of its reading time).
 */
export function oneLineCsvError(bytes: Uint8Array): UnreadableContactFileError | undefined {
  if (bytes.length <= 4 * MAX_CSV_LINE_CHARS) return undefined;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.indexOf(10) >= 0 || buffer.indexOf(13) >= 0) return undefined;
  return new UnreadableContactFileError('CSV without line breaks', {
    userMessage: oneLineMessage(bytes.length),
    context: { line: 1, bytes: bytes.length },
  });
}

function oneLineMessage(size: number): string {
  const megabytes = Math.max(1, Math.round(size / (1024 * 1024)));
  return `Het CSV-bestand heeft geen regeleinden: het is één regel van ${megabytes} MB. Een contactlijst heeft één contact per regel; het bestand is niet verwerkt.`;
}

function readWithCsvParse(text: string, delimiter: string, table: TableReader, sink: ExtractSink): void {
  let lastLine = 0;
  try {
    parse(text, {
      delimiter,
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
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * Whether the text is CSV our own reader reads exactly as csv-parse does: every quote opens a field and
 * closes it right before a delimiter, a line break or the end, and every line break is LF (`lf`) or every
 * one is CRLF (`crlf`), inside quoted fields too. Undefined otherwise.
 */
export function simpleCsv(text: string, from: number, delimiter: number): 'lf' | 'crlf' | undefined {
  const crlf = text.indexOf('\r') >= 0;
  const n = text.length;
  let i = from;
  let fieldStart = true;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (fieldStart && c === QUOTE) {
      i++;
      for (;;) {
        if (i >= n) return undefined;
        const q = text.charCodeAt(i);
        if (q === QUOTE) {
          if (text.charCodeAt(i + 1) === QUOTE) {
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === CR ? text.charCodeAt(i + 1) !== LF : q === LF && crlf && text.charCodeAt(i - 1) !== CR)
          return undefined;
        i++;
      }
      if (i < n) {
        const after = text.charCodeAt(i);
        if (after !== delimiter && after !== LF && after !== CR) return undefined;
      }
      fieldStart = false;
      continue;
    }
    if (c === QUOTE) return undefined;
    if (c === CR) {
      if (text.charCodeAt(i + 1) !== LF) return undefined;
      i += 2;
      fieldStart = true;
      continue;
    }
    if (c === LF) {
      if (crlf) return undefined;
      fieldStart = true;
    } else fieldStart = c === delimiter;
    i++;
  }
  return crlf ? 'crlf' : 'lf';
}

/**
 * Reads text that `simpleCsv` accepted. Line numbers follow csv-parse: a record carries the line it ends
 * on, skipped empty lines count, and inside a quoted field every CR and every LF counts as a line.
 */
function readSimpleCsv(
  text: string,
  from: number,
  delimiter: number,
  crlf: boolean,
  table: TableReader,
): void {
  const n = text.length;
  const breakLength = crlf ? 2 : 1;
  let line = 1;
  let i = from;
  let record: string[] = [];
  let recordStarted = false;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      let start = i + 1;
      let value = '';
      let j = start;
      for (;;) {
        const q = text.charCodeAt(j);
        if (q === QUOTE) {
          if (text.charCodeAt(j + 1) === QUOTE) {
            value += text.slice(start, j + 1);
            j += 2;
            start = j;
            continue;
          }
          break;
        }
        if (q === LF || q === CR) line++;
        j++;
      }
      record.push(start === i + 1 ? text.slice(start, j) : value + text.slice(start, j));
      recordStarted = true;
      i = j + 1;
    } else {
      let j = i;
      while (j < n) {
        const u = text.charCodeAt(j);
        if (u === delimiter || u === LF || u === CR) break;
        j++;
      }
      if (j > i || recordStarted || (j < n && text.charCodeAt(j) === delimiter)) {
        record.push(text.slice(i, j));
        recordStarted = true;
      }
      i = j;
    }
    if (i >= n) break;
    const after = text.charCodeAt(i);
    if (after === delimiter) {
      i++;
      // A delimiter at the very end still closes an empty last field.
      if (i >= n) record.push('');
      continue;
    }
    // A line break: the end of a record, or an empty line csv-parse skips.
    if (recordStarted) {
      table.row(record, line);
      record = [];
      recordStarted = false;
    }
    line++;
    i += breakLength;
  }
  if (recordStarted) table.row(record, line);
}

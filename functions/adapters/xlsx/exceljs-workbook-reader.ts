import { Readable } from 'node:stream';
import type { WorkbookReader } from '../../core/contacts/ports.js';
import type { ExtractSink } from '../../core/contacts/sink.js';
import { TableReader } from '../../core/contacts/table.js';

/**
 * Reads every worksheet of an XLSX workbook with exceljs' streaming reader into the table reader, so a large
 * forensic report is never held as a whole object model. Each sheet finds its own header. Core's
 * `extractContactFile` has refused zip bombs, DTDs and entities before the bytes get here.
 */
export const readXlsx: WorkbookReader = async (bytes: Uint8Array, sink: ExtractSink): Promise<void> => {
  // Loaded on first use: most uploads hold no workbook. Only the streaming reader, not the whole of exceljs
  // (writers, CSV, archiver): a third less code in the function that reads uploads.
  const { default: StreamingReader } = await import('exceljs/lib/stream/xlsx/workbook-reader.js');
  const reader = new StreamingReader(Readable.from([Buffer.from(bytes)]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  let index = 0;
  for await (const worksheet of reader) {
    index++;
    const sheet = sheetName(worksheet, index);
    const table = new TableReader(sink, sheet);
    for await (const row of worksheet) {
      const values = Array.isArray(row.values) ? row.values : [];
      // exceljs rows are 1-based: index 0 is always empty.
      const cells = Array.from(values.slice(1), cellText);
      table.row(cells, row.number);
    }
    table.end();
  }
};

function sheetName(worksheet: unknown, index: number): string {
  const name = (worksheet as { name?: unknown }).name;
  return typeof name === 'string' && name !== '' ? name : `blad ${index}`;
}

/** The text a person sees in a cell; formulas count by their cached result, never by their formula. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean' || value instanceof Date) return '';
  if (typeof value === 'object') {
    const cell = value as {
      richText?: { text?: unknown }[];
      text?: unknown;
      result?: unknown;
      formula?: unknown;
    };
    if (Array.isArray(cell.richText)) return cell.richText.map((part) => String(part.text ?? '')).join('');
    if ('formula' in cell || 'sharedFormula' in cell) return cellText(cell.result);
    if (typeof cell.text === 'string') return cell.text;
  }
  return '';
}

/** Where format readers report what they find; the extraction decides what is kept. */
export interface ExtractSink {
  /** One card or data row. */
  record(): void;
  /** One raw number string at a line (or row); `sheet` for workbooks. */
  number(raw: string, line: number, sheet?: string): void;
  problem(line: number | null, reason: string, sheet?: string): void;
}

/**
 * Reads every worksheet of an XLSX workbook, row by row, into the sink (through core's `TableReader`, one
 * per sheet). The workbook has passed `assertSafeWorkbook` before it gets here. A workbook it cannot read
 * rejects; the caller turns that into a file-level problem.
 */
export type WorkbookReader = (bytes: Uint8Array, sink: ExtractSink) => Promise<void>;

/** Where format readers report what they find; the extraction decides what is kept. */
export interface ExtractSink {
  /** One card or data row. */
  record(): void;
  /** One raw number string at a line (or row); `sheet` for workbooks. */
  number(raw: string, line: number, sheet?: string): void;
  problem(line: number | null, reason: string, sheet?: string): void;
}

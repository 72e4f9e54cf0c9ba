/**
 * exceljs' streaming workbook reader on its own: the class behind `ExcelJS.stream.xlsx.WorkbookReader`,
 * imported directly so that bundles leave out the writers and the CSV support.
 */
declare module 'exceljs/lib/stream/xlsx/workbook-reader.js' {
  import type { stream } from 'exceljs';

  const WorkbookReader: typeof stream.xlsx.WorkbookReader;
  export default WorkbookReader;
}

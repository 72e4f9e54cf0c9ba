import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { ContactFile } from '../../../functions/core/contacts/index.js';

const FIXTURES = new URL('../../fixtures/contacts/', import.meta.url);

/** A fixture from test/fixtures/contacts as an uploaded file of the given phone. */
export function fixture(name: string, source = 'telefoon 1'): ContactFile {
  return { name, bytes: readFileSync(new URL(name, FIXTURES)), source };
}

/** A text file as an upload, UTF-8 unless bytes are given. */
export function textFile(text: string, overrides: Partial<ContactFile> = {}): ContactFile {
  return { name: 'lijst.csv', bytes: new TextEncoder().encode(text), source: 'telefoon 1', ...overrides };
}

/** An XLSX workbook with the given sheets (rows of cell values), as a forensic report tool writes it. */
export async function workbook(
  sheets: Record<string, unknown[][]>,
  overrides: Partial<ContactFile> = {},
): Promise<ContactFile> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  const bytes = new Uint8Array(await book.xlsx.writeBuffer());
  return { name: 'rapport.xlsx', bytes, source: 'telefoon 1', ...overrides };
}

export const ALL_FIXTURES = [
  'android-21-quoted-printable.vcf',
  'iphone-30-and-40.vcf',
  'google-contacts.csv',
  'forensic-report.csv',
  'outlook-nl-windows-1252.csv',
  'headerless-list.csv',
] as const;

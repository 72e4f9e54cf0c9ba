import { describe, expect, it } from 'vitest';
import { cellText, readXlsx } from '../../../functions/adapters/xlsx/exceljs-workbook-reader.js';
import {
  analyseContactFiles,
  extractContactFile,
  Normaliser,
} from '../../../functions/core/contacts/index.js';
import type { WorkbookReader } from '../../../functions/core/contacts/ports.js';
import { billionLaughsWorkbook, lyingZipBombWorkbook, xxeWorkbook, zip } from '../../hostile/files.js';
import { workbook } from '../../unit/contacts/builders.js';

describe('the exceljs workbook reader', () => {
  it('reads every sheet of an XLSX workbook, with the header on the second row', async () => {
    const file = await workbook({
      Contacts: [
        ['Contacten'],
        ['#', 'Name', 'Entries', 'Source'],
        [1, 'A', 'Phone-Mobile: +31 6 1234 5691', 'Phone'],
        [2, 'B', { richText: [{ text: '06-1234 ' }, { text: '5692' }] }, 'WhatsApp'],
        [3, 'C', { formula: 'A1', result: '06 1234 5693' }, 'Phone'],
      ],
      'Device Information': [
        ['Name', 'Value'],
        ['IMEI', '356938035643809'],
      ],
      // Excel drops the leading zero of a number typed into a cell.
      Blad3: [['Telefoon'], [612345694]],
    });

    const analysis = await analyseContactFiles([file], { workbooks: readXlsx });

    expect(analysis.files[0]).toMatchObject({ format: 'xlsx', numbers: 4 });
    expect(analysis.recipients).toEqual(['+31612345691', '+31612345692', '+31612345693', '+31612345694']);
  });

  it('names the sheet of a row problem', async () => {
    const file = await workbook({ Oproepen: [['Telefoon'], ['06 1234'], ['0612345695']] });

    const extraction = await extractContactFile(file, new Normaliser('NL'), { workbooks: readXlsx });

    expect(extraction.report.problems).toEqual([{ line: 2, sheet: 'Oproepen', reason: expect.any(String) }]);
    expect(extraction.valid).toBe(1);
  });

  it('hands exceljs only workbooks that passed the guard', async () => {
    // Prepare: the real reader, counting the workbooks it is given.
    const seen: number[] = [];
    const counted: WorkbookReader = (bytes, sink) => {
      seen.push(bytes.length);
      return readXlsx(bytes, sink);
    };
    const hostile = [xxeWorkbook(), billionLaughsWorkbook(), await lyingZipBombWorkbook(8)];

    // Act
    const reports = [];
    for (const bytes of hostile) {
      const extraction = await extractContactFile(
        { name: 'x.xlsx', bytes, source: 't' },
        new Normaliser('NL'),
        {
          workbooks: counted,
        },
      );
      reports.push(extraction.report);
    }

    // Assess
    expect(seen).toEqual([]);
    expect(reports.map((r) => r.format)).toEqual(['xlsx', 'xlsx', 'xlsx']);
    expect(reports.map((r) => r.problems.map((p) => p.reason))).toEqual([
      [expect.stringMatching(/XML-entiteiten of een DTD/)],
      [expect.stringMatching(/XML-entiteiten of een DTD/)],
      [expect.stringMatching(/te groot uitgepakt/)],
    ]);
  });

  it('turns a workbook exceljs cannot read into a Dutch file-level problem', async () => {
    // A sound zip without DTD or entities, so the guard passes it; its workbook part is no XML.
    const bytes = zip([{ name: 'xl/workbook.xml', data: new TextEncoder().encode('<<<geen xml') }]);

    const extraction = await extractContactFile(
      { name: 'kapot.xlsx', bytes, source: 't' },
      new Normaliser('NL'),
      {
        workbooks: readXlsx,
      },
    );

    expect(extraction.unreadable).toBe(true);
    expect(extraction.report.format).toBe('xlsx');
    expect(extraction.report.problems).toEqual([{ line: null, reason: expect.stringMatching(/beschadigd/) }]);
  });
});

describe('cellText', () => {
  it('gives the text a person sees: numbers without exponent, rich text joined, formulas by their result', () => {
    expect(cellText(612345694)).toBe('612345694');
    expect(cellText(0.5)).toBe('0.5');
    expect(cellText('06 1234 5691')).toBe('06 1234 5691');
    expect(cellText({ richText: [{ text: '06-1234 ' }, { text: '5692' }] })).toBe('06-1234 5692');
    expect(cellText({ formula: 'A1', result: '06 1234 5693' })).toBe('06 1234 5693');
    expect(cellText({ sharedFormula: 'A1', result: 612345697 })).toBe('612345697');
    expect(cellText({ formula: 'A1' })).toBe('');
    expect(cellText({ text: '06 1234 5698', hyperlink: 'tel:0612345698' })).toBe('06 1234 5698');
    expect(cellText(true)).toBe('');
    expect(cellText(new Date(0))).toBe('');
    expect(cellText(null)).toBe('');
    expect(cellText(undefined)).toBe('');
  });
});

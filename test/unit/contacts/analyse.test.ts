import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyseContactFiles,
  type ContactFile,
  ContactsAnalysisSchema,
  MAX_PROBLEMS_PER_FILE,
  recipientFingerprint,
} from '../../../functions/core/contacts/index.js';
import type { WorkbookReader } from '../../../functions/core/contacts/ports.js';
import { TableReader } from '../../../functions/core/contacts/table.js';
import { xxeWorkbook } from '../../hostile/files.js';
import { ALL_FIXTURES, fixture, textFile, workbook } from './builders.js';

describe('analyseContactFiles on the project fixtures', () => {
  it('reads a vCard 2.1 export with QUOTED-PRINTABLE, photos and an empty card', async () => {
    // Prepare
    const file = fixture('android-21-quoted-printable.vcf');

    // Act
    const analysis = await analyseContactFiles([file]);

    // Assess
    expect(analysis.files[0]).toMatchObject({ format: 'vcard', records: 3, numbers: 4 });
    expect(analysis.numbers.map((n) => [n.e164, n.type])).toEqual([
      ['+31205550100', 'FIXED_LINE'],
      ['+31301234567', 'FIXED_LINE'],
      ['+31612345678', 'MOBILE'],
      ['+31687654321', 'MOBILE'],
    ]);
    const lines = new TextDecoder().decode(file.bytes).split('\r\n');
    expect(analysis.files[0]!.problems.map((p) => p.line)).toEqual([lines.indexOf('TEL;X-CUSTOM:12') + 1]);
  });

  it('reads vCard 3.0/4.0 with groups, folding, tel: URIs, a BOM and a truncated last card', async () => {
    const analysis = await analyseContactFiles([fixture('iphone-30-and-40.vcf')], {
      allowCountries: ['NL', 'BE'],
    });

    expect(analysis.files[0]).toMatchObject({ format: 'vcard', records: 3, numbers: 8 });
    expect(analysis.by_type).toEqual({ MOBILE: 6, TOLL_FREE: 1, M2M: 1 });
    expect(analysis.excluded).toEqual({ not_mobile: 2, country_not_allowed: 1, invalid: 0 });
    expect(analysis.recipients).toContain('+32470123456');
    expect(analysis.files[0]!.problems.map((p) => p.reason).join(' ')).toMatch(/END:VCARD ontbreekt/);
  });

  it('reads Google CSV with " ::: " multi-values and skips formulas with a row-level problem', async () => {
    const analysis = await analyseContactFiles([fixture('google-contacts.csv')], { allowCountries: 'ALL' });

    expect(analysis.files[0]).toMatchObject({ format: 'csv', records: 3, numbers: 5 });
    expect(analysis.recipients).toEqual(['+212612345678', '+31612345681', '+31612345682']);
    expect(analysis.files[0]!.problems.map((p) => p.line)).toEqual([5, 6]);
    expect(analysis.excluded.invalid).toBe(1);
  });

  it('finds a header below a title line and reads numbers from multi-line forensic "Entries" cells', async () => {
    const analysis = await analyseContactFiles([fixture('forensic-report.csv')]);

    expect(analysis.files[0]).toMatchObject({ records: 5, numbers: 6, problems: [] });
    expect(analysis).toMatchObject({ numbers_found: 6, valid: 6, unique: 5, sendable: 4 });
  });

  it('reads a Dutch Outlook export in Windows-1252 with non-breaking spaces', async () => {
    const analysis = await analyseContactFiles([fixture('outlook-nl-windows-1252.csv')]);

    expect(analysis.recipients).toEqual(['+31612345688', '+31612345689']);
    expect(analysis.by_type.PREMIUM_RATE).toBe(1);
  });

  it('reads a list without header by content', async () => {
    const analysis = await analyseContactFiles([fixture('headerless-list.csv')], {
      allowCountries: ['NL', 'BE'],
    });

    expect(analysis).toMatchObject({ numbers_found: 4, valid: 4, unique: 3, sendable: 2 });
  });

  it('reads a workbook through the given reader, with only checked bytes, one table per sheet', async () => {
    // Prepare: a reader that records what it is given and reports one sheet's rows.
    const file = await workbook({ Contacten: [['Telefoon'], ['06 1234 5691']] });
    const given: Uint8Array[] = [];
    const workbooks: WorkbookReader = async (bytes, sink) => {
      given.push(bytes);
      const table = new TableReader(sink, 'Contacten');
      table.row(['Telefoon'], 1);
      table.row(['06 1234 5691'], 2);
      table.row(['06 1234 5692'], 3);
      table.end();
    };

    // Act
    const analysis = await analyseContactFiles([file], { workbooks });

    // Assess
    expect(given).toEqual([file.bytes]);
    expect(analysis.files[0]).toMatchObject({ format: 'xlsx', records: 2, numbers: 2 });
    expect(analysis.recipients).toEqual(['+31612345691', '+31612345692']);
  });

  it('refuses a workbook with entities before any reader sees it', async () => {
    const calls: number[] = [];
    const workbooks: WorkbookReader = async () => {
      calls.push(1);
    };

    const analysis = await analyseContactFiles(
      [{ name: 'entiteiten.xlsx', bytes: xxeWorkbook(), source: 'telefoon 1' }],
      { workbooks },
    );

    expect(calls).toEqual([]);
    expect(analysis.files[0]?.format).toBe('xlsx');
    expect(analysis.files[0]?.problems[0]?.reason).toMatch(/XML-entiteiten of een DTD/);
  });

  it('makes a workbook without a reader an unreadable file with a Dutch reason, and reads the rest', async () => {
    const file = await workbook({ Contacten: [['Telefoon'], ['06 1234 5691']] });

    const analysis = await analyseContactFiles([file, textFile('Mobiel\n0612345692\n')]);

    expect(analysis.files.map((f) => f.format)).toEqual(['xlsx', 'csv']);
    expect(analysis.files[0]).toMatchObject({ records: 0, numbers: 0 });
    expect(analysis.files[0]?.problems).toEqual([
      { line: null, reason: expect.stringMatching(/XLSX-bestanden/) },
    ]);
    expect(analysis.recipients).toEqual(['+31612345692']);
  });

  it('keeps the funnel consistent: found ≥ valid ≥ unique ≥ sendable, and the parts add up', async () => {
    const analysis = await analyseContactFiles(
      ALL_FIXTURES.map((name, i) => fixture(name, `telefoon ${i + 1}`)),
    );

    expect(analysis.numbers_found).toBe(analysis.valid + analysis.excluded.invalid);
    expect(analysis.unique).toBe(
      analysis.sendable + analysis.excluded.not_mobile + analysis.excluded.country_not_allowed,
    );
    const typed = Object.entries(analysis.by_type).filter(([type]) => type !== 'INVALID');
    expect(typed.reduce((sum, [, n]) => sum + n, 0)).toBe(analysis.unique);
    expect(analysis.numbers_found).toBe(analysis.files.reduce((sum, f) => sum + f.numbers, 0));
    expect(analysis.fingerprint).toBe(recipientFingerprint(analysis.recipients));
  });

  it('counts on how many phones a number was found, not in how many files', async () => {
    const analysis = await analyseContactFiles([
      fixture('android-21-quoted-printable.vcf', 'telefoon 1'),
      fixture('iphone-30-and-40.vcf', 'telefoon 1'),
      fixture('android-21-quoted-printable.vcf', 'telefoon 2'),
    ]);

    const sources = Object.fromEntries(analysis.numbers.map((n) => [n.e164, n.sources]));
    expect(sources['+31612345678']).toBe(2);
    expect(sources['+31612345679']).toBe(1);
    expect(analysis.by_source_count['2']).toBe(4);
  });

  it('keeps no names, e-mail addresses, notes, photos or addresses in the result', async () => {
    const analysis = await analyseContactFiles(ALL_FIXTURES.map((name) => fixture(name)));

    const json = JSON.stringify(analysis);
    for (const personal of [
      'Jan',
      'Willem',
      'Bakker',
      'Anna',
      'Vries',
      'Müller',
      'Kees',
      'Fatima',
      'Sanne',
      'Kapper',
      'Joost',
      'Eva',
      '@',
      'Kerkstraat',
      'Hauptstra',
      'Dorpsstraat',
      '3511',
      'Schuld',
      'buurman',
      '/9j/',
      'https',
      'HYPERLINK',
      'html',
      'Jenny',
    ]) {
      expect(json).not.toContain(personal);
    }
  });

  it('returns a result that the schema parses back unchanged', async () => {
    const analysis = await analyseContactFiles(ALL_FIXTURES.map((name) => fixture(name)));

    expect(ContactsAnalysisSchema.parse(JSON.parse(JSON.stringify(analysis)))).toEqual(analysis);
  });
});

describe('analyseContactFiles on bad input', () => {
  it('gives unreadable files a file-level problem while the other files still count', async () => {
    const files: ContactFile[] = [
      textFile('', { name: 'leeg.csv' }),
      {
        name: 'archief.csv',
        source: 'telefoon 1',
        bytes: Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]),
      },
      {
        name: 'ruis.vcf',
        source: 'telefoon 1',
        bytes: Uint8Array.from({ length: 2048 }, (_, i) => (i * 131) % 256),
      },
      {
        ...fixture('forensic-report.csv'),
        name: 'kapot.xlsx',
        bytes: Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode('xl/workbook.xml')]),
      },
      fixture('headerless-list.csv'),
    ];

    const analysis = await analyseContactFiles(files);

    expect(analysis.files.map((f) => f.format)).toEqual([
      'unreadable',
      'unreadable',
      'unreadable',
      'xlsx',
      'csv',
    ]);
    for (const file of analysis.files.slice(0, 4))
      expect(file.problems).toEqual([{ line: null, reason: expect.any(String) }]);
    expect(analysis.sendable).toBe(1);
  });

  it('refuses a file above the size limit and an upload above the row limit, in Dutch', async () => {
    const big = textFile('06 1234 5678\n'.repeat(100), { name: 'groot.csv' });
    const small = textFile('06 1234 5679\n06 1234 5680\n', { name: 'klein.csv' });

    const bySize = await analyseContactFiles([big, small], { maxFileBytes: 1000 });
    const byRows = await analyseContactFiles([small, big, small], { maxRows: 50 });

    expect(bySize.files[0]!.problems[0]!.reason).toMatch(/groter dan/);
    expect(bySize.sendable).toBe(2);
    expect(byRows.files[1]!.problems[0]!.reason).toMatch(/meer dan 50 rijen/);
    expect(byRows.files[2]!.records).toBe(2);
    expect(byRows.sendable).toBe(2);
  });

  it('caps the listed problems per file and counts the rest', async () => {
    const garbage = textFile('Telefoon\n' + '06-123\n'.repeat(MAX_PROBLEMS_PER_FILE + 10));

    const analysis = await analyseContactFiles([garbage]);

    expect(analysis.files[0]!.problems).toHaveLength(MAX_PROBLEMS_PER_FILE);
    expect(analysis.files[0]!.problems_omitted).toBe(10);
    expect(analysis.excluded.invalid).toBe(MAX_PROBLEMS_PER_FILE + 10);
  });

  it('reports an unclosed quote at its line and keeps the rows before it', async () => {
    const analysis = await analyseContactFiles([textFile('Mobiel,Naam\n0612345678,a\n0612345679,"b\n')]);

    expect(analysis.sendable).toBe(1);
    expect(analysis.files[0]!.problems).toEqual([{ line: 3, reason: expect.stringMatching(/afgebroken/) }]);
  });

  it('never throws and never puts a full number in a problem, whatever the bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 600 }),
        fc.array(fc.constantFrom('BEGIN:VCARD\n', 'TEL:0612345678\n', '"', ';', '\n', '0612345678,'), {
          maxLength: 30,
        }),
        async (bytes, parts) => {
          const text = new TextEncoder().encode(parts.join(''));
          const analysis = await analyseContactFiles([
            { name: 'a', source: 's', bytes },
            { name: 'b', source: 's', bytes: text },
          ]);
          expect(JSON.stringify(analysis.files)).not.toMatch(/\d{7}/);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives the same result whatever the order of files and rows', async () => {
    const numbers = [
      '0612345678',
      '+31612345679',
      '0031 6 1234 5680',
      '020 555 0100',
      '0800-0432',
      '06-123',
      '+32 470 12 34 56',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(numbers, { minLength: 1 }),
        fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
        async (rows, seeds) => {
          const split = Math.min(seeds[0]! % rows.length, rows.length);
          const files = [
            textFile(`Mobiel\n${rows.slice(0, split).join('\n')}\n`, { name: 'a.csv', source: 'telefoon 1' }),
            textFile(`Mobiel\n${rows.slice(split).join('\n')}\n`, { name: 'b.csv', source: 'telefoon 2' }),
          ];
          const reversedRows = [...rows].reverse();
          const other = [
            textFile(`Mobiel\n${reversedRows.join('\n')}\n`, { name: 'c.csv', source: 'telefoon 2' }),
          ];

          const a = await analyseContactFiles(files, { allowCountries: 'ALL' });
          const b = await analyseContactFiles([...files].reverse(), { allowCountries: 'ALL' });
          const c = await analyseContactFiles(other, { allowCountries: 'ALL' });

          const funnel = (x: typeof a) => [
            x.numbers_found,
            x.valid,
            x.unique,
            x.sendable,
            x.by_type,
            x.excluded,
            x.recipients,
            x.fingerprint,
          ];
          expect(funnel(b)).toEqual(funnel(a));
          expect(funnel(c)).toEqual(funnel(a));
        },
      ),
      { numRuns: 50 },
    );
  });

  it('reports progress as records are read', async () => {
    const seen: number[] = [];
    const rows = Array.from({ length: 12_000 }, (_, i) => `06${String(10_000_000 + i)}`).join('\n');

    await analyseContactFiles([textFile(`Mobiel\n${rows}\n`)], {
      onProgress: ({ records }) => seen.push(records),
    });

    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.at(-1)).toBe(12_000);
  });
});

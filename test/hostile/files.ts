import { constants, crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

/*
 * Hostile contact files, generated in the test: nothing large is committed. Each one reproduces a file an
 * adversary can put on a seized phone.
 */

/** A vCard whose one TEL value is folded by `breaks` quoted-printable soft line breaks ("=" at line end). */
export function qpFoldedVcard(bytes: number): Uint8Array {
  const head = 'BEGIN:VCARD\r\nVERSION:2.1\r\nN;ENCODING=QUOTED-PRINTABLE:Jansen=\r\n';
  const fold = '=3D=\r\n';
  const tail = 'x\r\nTEL;CELL;ENCODING=QUOTED-PRINTABLE:06=\r\n12345678\r\nEND:VCARD\r\n';
  const breaks = Math.max(1, Math.floor((bytes - head.length - tail.length) / fold.length));
  return new TextEncoder().encode(head + fold.repeat(breaks) + tail);
}

/**
 * `cards` small vCards, their numbers drawn from `distinct` Dutch mobile numbers: the reading is what is
 * under test here, not how fast the store takes a quarter of a million recipients.
 */
export function manyCardsVcard(cards: number, distinct = 1000): Uint8Array {
  const parts: string[] = [];
  for (let i = 0; i < cards; i++) {
    const number = `06${String(10_000_000 + (i % distinct)).slice(-8)}`;
    parts.push(`BEGIN:VCARD\r\nVERSION:3.0\r\nFN:C${i}\r\nTEL;TYPE=CELL:${number}\r\nEND:VCARD\r\n`);
  }
  return new TextEncoder().encode(parts.join(''));
}

/** A CSV of `bytes` bytes without a single line break: numbers separated by commas. */
export function oneLineCsv(bytes: number): Uint8Array {
  const cell = '0612345678,';
  const out = new Uint8Array(bytes);
  const pattern = new TextEncoder().encode(cell);
  for (let i = 0; i < bytes; i++) out[i] = pattern[i % pattern.length]!;
  return out;
}

interface ZipEntry {
  name: string;
  /** Stored as deflate; `data` is what it unpacks to. */
  data?: Uint8Array;
  /** Already deflated bytes, with the sizes the directory declares. */
  raw?: { deflated: Uint8Array; unpacked: number; crc: number };
}

/** A zip archive (no data descriptors, no zip64), enough for an XLSX reader. */
export function zip(entries: readonly ZipEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const deflated = entry.raw?.deflated ?? deflateRawSync(entry.data ?? new Uint8Array(0));
    const unpacked = entry.raw?.unpacked ?? entry.data?.length ?? 0;
    const crc = entry.raw?.crc ?? crc32(entry.data ?? new Uint8Array(0));
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(unpacked, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(deflated.length, 20);
    central.writeUInt32LE(unpacked, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(deflated));
    centrals.push(central, name);
    offset += local.length + name.length + deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

const text = (s: string) => new TextEncoder().encode(s);

/** The parts of a one-sheet workbook around the given sheet XML (inline strings, no shared strings). */
export function workbook(sheetXml: string, extra: ZipEntry[] = []): Uint8Array {
  return zip([
    {
      name: '[Content_Types].xml',
      data: text(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ),
    },
    {
      name: '_rels/.rels',
      data: text(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: text(
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Contacten" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: text(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
    },
    { name: 'xl/worksheets/sheet1.xml', data: text(sheetXml) },
    ...extra,
  ]);
}

const SHEET_OPEN = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_CLOSE = '</sheetData></worksheet>';

/** A sheet of a header and one row per number. */
export function sheetOf(numbers: readonly string[], prolog = ''): string {
  const rows = [
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Telefoon</t></is></c></row>',
    ...numbers.map(
      (n, i) => `<row r="${i + 2}"><c r="A${i + 2}" t="inlineStr"><is><t>${n}</t></is></c></row>`,
    ),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>${prolog}${SHEET_OPEN}${rows.join('')}${SHEET_CLOSE}`;
}

/** A workbook whose sheet pulls in a local file through an external entity (XXE). */
export function xxeWorkbook(): Uint8Array {
  const prolog = '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>';
  return workbook(sheetOf(['&xxe;', '0612345678'], prolog));
}

/** A workbook whose sheet declares the nested entities of "billion laughs" (a few GB when expanded). */
export function billionLaughsWorkbook(): Uint8Array {
  const levels = ['<!ENTITY lol0 "lollollollollollollollollollol">'];
  for (let i = 1; i < 10; i++) levels.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
  return workbook(sheetOf(['&lol9;', '0612345678'], `<!DOCTYPE worksheet [${levels.join('')}]>`));
}

/**
 * A zip bomb that is a workbook on the outside: its sheet is `megabytes` MB of zeros packed to about a
 * thousandth. Built from repeated identical deflate blocks (after a full window of zeros, every 1 MB of
 * zeros compresses to the same bytes), so generating 2 GB takes milliseconds and no memory.
 */
export async function zipBombWorkbook(megabytes: number): Promise<Uint8Array> {
  const deflate = createDeflateRaw({ level: 9 });
  let chunks: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => chunks.push(chunk));
  const zeros = Buffer.alloc(1 << 20);
  const blocks: Buffer[] = [];
  for (let i = 0; i < 3; i++) {
    deflate.write(zeros);
    await new Promise<void>((resolve) => deflate.flush(constants.Z_SYNC_FLUSH, () => resolve()));
    blocks.push(Buffer.concat(chunks));
    chunks = [];
  }
  deflate.end();
  await new Promise<void>((resolve) => deflate.on('end', () => resolve()));
  const final = Buffer.concat(chunks);
  const repeated = Array.from({ length: Math.max(0, megabytes - 2) }, () => blocks[2]!);
  const deflated = Buffer.concat([blocks[0]!, blocks[1]!, ...repeated, final]);
  const unpacked = Math.min(0xfffffffe, megabytes * (1 << 20));
  return workbook(sheetOf(['0612345678']), [
    { name: 'xl/worksheets/sheet2.xml', raw: { deflated, unpacked, crc: 0 } },
  ]);
}

/**
 * The same bomb with a lying directory: it declares its part unpacks to 1 kB, so only inflating it
 * shows what it is.
 */
export async function lyingZipBombWorkbook(megabytes: number): Promise<Uint8Array> {
  const honest = await zipBombWorkbook(megabytes);
  const view = Buffer.from(honest);
  // Rewrite the declared unpacked size of the last entry in both headers.
  const eocd = view.length - 22;
  const directoryAt = view.readUInt32LE(eocd + 16);
  let at = directoryAt;
  let last = at;
  while (at < eocd) {
    last = at;
    at += 46 + view.readUInt16LE(at + 28) + view.readUInt16LE(at + 30) + view.readUInt16LE(at + 32);
  }
  view.writeUInt32LE(1024, last + 24);
  view.writeUInt32LE(1024, view.readUInt32LE(last + 42) + 22);
  return new Uint8Array(view);
}

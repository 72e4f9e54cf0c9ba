import { UnreadableContactFileError } from './contacts.errors.js';

/** What the bytes of an upload turned out to be, before any parsing. */
export type SniffedFile = { kind: 'xlsx' } | { kind: 'text'; text: string; encoding: TextEncodingName };

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46];
const GZIP_MAGIC = [0x1f, 0x8b];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((byte, i) => bytes[i] === byte);
}

function unreadable(message: string, userMessage: string): UnreadableContactFileError {
  return new UnreadableContactFileError(message, { userMessage });
}

/**
 * Decides what a file is from its bytes, never from its name alone, and decodes text files.
 * Why: police deliver whatever the forensic tool wrote, sometimes renamed; a ZIP called `.csv` or a UTF-16
 * export must get a clear answer instead of a flood of garbage rows.
 */
export function sniffContactFile(bytes: Uint8Array): SniffedFile {
  if (bytes.length === 0) throw unreadable('empty file', 'Het bestand is leeg.');
  if (startsWith(bytes, ZIP_MAGIC)) {
    if (containsAscii(bytes, 'xl/workbook')) return { kind: 'xlsx' };
    throw unreadable(
      'zip archive',
      'Dit is een ZIP-archief, geen contactenbestand. Pak het eerst uit en lever de bestanden los aan.',
    );
  }
  if (startsWith(bytes, OLE_MAGIC)) {
    throw unreadable(
      'legacy office file',
      'Dit is een oud Office-bestand (.xls). Sla het op als .xlsx of CSV en lever het opnieuw aan.',
    );
  }
  if (startsWith(bytes, PDF_MAGIC)) {
    throw unreadable('pdf', 'Dit is een PDF-bestand; lever de contacten aan als vCard, CSV of XLSX.');
  }
  if (startsWith(bytes, GZIP_MAGIC)) {
    throw unreadable('gzip', 'Dit is een gecomprimeerd bestand; pak het eerst uit.');
  }
  const { text, encoding } = decodeText(bytes);
  // A vCard may carry raw binary in a PHOTO line (broken writers do this); only its TEL lines are read.
  if (!/^\s*BEGIN\s*:\s*VCARD/i.test(text.slice(0, 256)) && looksBinary(text)) {
    throw unreadable(
      'binary content',
      'Het bestand bevat binaire gegevens en is geen vCard-, CSV- of XLSX-bestand.',
    );
  }
  return { kind: 'text', text, encoding };
}

/** Decodes text by BOM, then UTF-16 without BOM, then strict UTF-8, falling back to Windows-1252. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: utf8Or1252(bytes.subarray(3)).text, encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  const utf16 = guessBomlessUtf16(bytes);
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16 };
  return utf8Or1252(bytes);
}

function utf8Or1252(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** ASCII text in UTF-16 has a zero byte in every other position; look at the first few hundred bytes. */
function guessBomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length - (bytes.length % 2), 512);
  if (n < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.7 && evenZeros < pairs * 0.1) return 'utf-16le';
  if (evenZeros > pairs * 0.7 && oddZeros < pairs * 0.1) return 'utf-16be';
  return undefined;
}

/** Control characters other than tab, newline, carriage return and form feed in more than 1 % of the start. */
function looksBinary(text: string): boolean {
  const n = Math.min(text.length, 65_536);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0 || c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12)) control++;
  }
  return control > Math.max(1, n * 0.01);
}

function containsAscii(bytes: Uint8Array, needle: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle, 0, 'latin1');
}

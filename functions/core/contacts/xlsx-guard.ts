import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { UnreadableContactFileError } from './contacts.errors.js';

/** Limits on what a workbook may unpack to; a real contact list stays far below each. */
export interface XlsxLimits {
  /** All parts together, unpacked. */
  maxUnpackedBytes: number;
  /** Unpacked ÷ packed size of one part, counted for parts above `ratioFloorBytes` unpacked. */
  maxRatio: number;
  ratioFloorBytes: number;
  maxEntries: number;
}

export const DEFAULT_XLSX_LIMITS: XlsxLimits = {
  maxUnpackedBytes: 300 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
  maxEntries: 10_000,
};

interface Entry {
  name: string;
  method: number;
  packed: number;
  unpacked: number;
  localHeader: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Markup no part of a workbook needs, and the way into external (XXE) and recursive (billion laughs) entities. */
const DECLARATIONS = /<!(?:DOCTYPE|ENTITY)/i;

/**
 * Checks a workbook before the XML reader sees it: the zip's directory must declare sizes within the limits,
 * and every part is inflated once, counting bytes, to prove it really unpacks to no more than it declares
 * (a zip bomb lies in its directory) and holds no DTD or entity declarations. Nothing is kept: each chunk
 * is counted, searched and dropped, so memory stays at one chunk whatever the part unpacks to.
 * Throws `UnreadableContactFileError` whose Dutch message names the reason.
 */
export async function assertSafeWorkbook(
  bytes: Uint8Array,
  limits: XlsxLimits = DEFAULT_XLSX_LIMITS,
): Promise<void> {
  const entries = centralDirectory(bytes, limits);
  let declared = 0;
  for (const entry of entries) {
    declared += entry.unpacked;
    if (declared > limits.maxUnpackedBytes) throw tooLarge(limits, { declared });
    if (entry.unpacked > limits.ratioFloorBytes && entry.unpacked > entry.packed * limits.maxRatio)
      throw compressedTooFar(limits, entry);
  }
  let total = 0;
  for (const entry of entries) {
    const data = entryData(bytes, entry);
    if (entry.method === 0) {
      total += data.length;
      if (DECLARATIONS.test(Buffer.from(data).toString('latin1'))) throw declarations();
      continue;
    }
    if (entry.method !== 8) throw unreadable('unsupported compression', 'een onbekende compressiemethode');
    let seen = 0;
    let tail = '';
    const inflate = createInflateRaw();
    try {
      for await (const chunk of Readable.from([data]).pipe(inflate)) {
        const piece = chunk as Buffer;
        seen += piece.length;
        total += piece.length;
        if (seen > entry.unpacked || total > limits.maxUnpackedBytes)
          throw seen > entry.unpacked ? compressedTooFar(limits, entry) : tooLarge(limits, { total });
        const text = tail + piece.toString('latin1');
        if (DECLARATIONS.test(text)) throw declarations();
        tail = text.slice(-16);
      }
    } catch (error) {
      inflate.destroy();
      if (error instanceof UnreadableContactFileError) throw error;
      throw unreadable('inflate failed', 'een deel dat niet uit te pakken is', error);
    }
  }
}

function centralDirectory(bytes: Uint8Array, limits: XlsxLimits): Entry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0)
    throw unreadable('no end of central directory', 'geen inhoudsopgave (het bestand is afgebroken)');
  const count = view.getUint16(eocd + 10, true);
  const offset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || offset === 0xffffffff) throw tooLarge(limits, { zip64: 1 });
  if (count > limits.maxEntries) {
    throw new UnreadableContactFileError('too many zip entries', {
      userMessage: `Het XLSX-bestand bestaat uit meer dan ${limits.maxEntries} delen; het is niet verwerkt.`,
      context: { count },
    });
  }
  const entries: Entry[] = [];
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL)
      throw unreadable('broken central directory', 'een beschadigde inhoudsopgave');
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const entry: Entry = {
      method: view.getUint16(at + 10, true),
      packed: view.getUint32(at + 20, true),
      unpacked: view.getUint32(at + 24, true),
      localHeader: view.getUint32(at + 42, true),
      name: Buffer.from(bytes.subarray(at + 46, at + 46 + nameLength)).toString('utf8'),
    };
    if (entry.packed === 0xffffffff || entry.unpacked === 0xffffffff || entry.localHeader === 0xffffffff)
      throw tooLarge(limits, { zip64: 1 });
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function entryData(bytes: Uint8Array, entry: Entry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeader;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL)
    throw unreadable('broken local header', 'een beschadigd deel');
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + entry.packed > bytes.length) throw unreadable('truncated entry', 'een afgebroken deel');
  return bytes.subarray(start, start + entry.packed);
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

function tooLarge(limits: XlsxLimits, context: Record<string, number>): UnreadableContactFileError {
  return new UnreadableContactFileError('workbook unpacks beyond the limit', {
    userMessage: `Het XLSX-bestand is te groot uitgepakt (meer dan ${megabytes(limits.maxUnpackedBytes)}); het is niet verwerkt.`,
    context,
  });
}

function compressedTooFar(limits: XlsxLimits, entry: Entry): UnreadableContactFileError {
  return new UnreadableContactFileError('workbook part compressed beyond the ratio limit', {
    userMessage: `Het XLSX-bestand is te groot uitgepakt: een deel pakt uit tot meer dan ${limits.maxRatio} keer zijn grootte of tot meer dan het opgeeft (een zogenaamde zip-bom); het is niet verwerkt.`,
    context: { packed: entry.packed, unpacked: entry.unpacked },
  });
}

function declarations(): UnreadableContactFileError {
  return new UnreadableContactFileError('workbook holds DTD or entity declarations', {
    userMessage:
      'Het XLSX-bestand bevat XML-entiteiten of een DTD (<!DOCTYPE>/<!ENTITY>), die een werkmap nooit nodig heeft; het is om veiligheidsredenen niet verwerkt.',
  });
}

function unreadable(message: string, what: string, cause?: unknown): UnreadableContactFileError {
  return new UnreadableContactFileError(message, {
    userMessage: `Het XLSX-bestand heeft ${what} en kon niet worden gelezen.`,
    cause,
  });
}

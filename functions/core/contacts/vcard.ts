import { decodeBytes, decodeQuotedPrintable } from './quoted-printable.js';

/** What the vCard reader reports; it keeps nothing itself. */
export interface VcardSink {
  /** A BEGIN:VCARD was read. */
  card(): void;
  /** A TEL value, decoded, with the physical line its property starts on. */
  tel(value: string, line: number): void;
  problem(line: number, reason: string): void;
}

/** A soft line break never swallows the end of a card, however broken the wrapping before it. */
const CARD_BOUNDARY = /^\s*(?:BEGIN|END)\s*:\s*VCARD\s*$/i;

interface Property {
  name: string;
  params: string[];
  value: string;
  line: number;
  quotedPrintable: boolean;
}

/**
 * A property being read, its value in pieces: joining the continuation lines once at the end keeps reading
 * linear, where rebuilding the value per line made a file of 100,000 soft line breaks take minutes.
 * Empty pieces are never kept, so the last piece tells whether the value ends in a soft break.
 */
interface Open {
  property: Property;
  parts: string[];
  /** Only BEGIN, END and TEL values are read; of the others only the end matters (a QP soft break). */
  keep: boolean;
}

function append(open: Open, piece: string): void {
  if (piece === '') return;
  if (!open.keep) open.parts.length = 0;
  open.parts.push(piece);
}

function endsWithSoftBreak(open: Open): boolean {
  const last = open.parts[open.parts.length - 1];
  return last !== undefined && last.charCodeAt(last.length - 1) === 61;
}

function dropSoftBreak(open: Open): void {
  const last = open.parts.pop()!;
  if (last.length > 1) open.parts.push(last.slice(0, -1));
}

/**
 * Reads vCard 2.1, 3.0 and 4.0 text and reports cards and TEL values; every other property is skipped
 * unread. Our own parser because the libraries we tried (`vcf`, `ical.js`) do not join 2.1
 * QUOTED-PRINTABLE soft line breaks or reject bare 2.1 parameters (`TEL;CELL:`), which is exactly what
 * Android phones write. Handles RFC folding, QP soft breaks, CHARSET, BASE64, `item1.TEL` groups, `tel:`
 * URIs, nested cards, CRLF/LF/CR and truncated files. Never throws.
 */
export function readVcard(text: string, sink: VcardSink): void {
  const open: number[] = [];
  let current: Open | undefined;

  const flush = (): void => {
    if (!current) return;
    const property = current.property;
    property.value = current.parts.length === 1 ? current.parts[0]! : current.parts.join('');
    current = undefined;
    const name = property.name.toUpperCase();
    if (name === 'BEGIN' && property.value.trim().toUpperCase() === 'VCARD') {
      open.push(property.line);
      sink.card();
    } else if (name === 'END' && property.value.trim().toUpperCase() === 'VCARD') {
      if (open.pop() === undefined) sink.problem(property.line, 'END:VCARD zonder bijbehorende BEGIN:VCARD.');
    } else if (name === 'TEL') {
      sink.tel(telValue(property), property.line);
    }
  };

  // Walks the text line by line without splitting it, so a large file is not held twice.
  let lineNumber = 0;
  let start = 0;
  while (start <= text.length) {
    let end = start;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    const line = text.slice(start, end);
    lineNumber++;
    start = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
    if (current?.property.quotedPrintable && endsWithSoftBreak(current) && !CARD_BOUNDARY.test(line)) {
      dropSoftBreak(current);
      append(current, line.trimStart());
      continue;
    }
    const first = line.charCodeAt(0);
    if ((first === 32 || first === 9) && current) {
      append(current, line.slice(1));
      continue;
    }
    flush();
    if (line.length === 0 || (first <= 32 && line.trim() === '') || (first > 127 && line.trim() === ''))
      continue;
    const property = parseLine(line, lineNumber);
    if (property) {
      const name = property.name.toUpperCase();
      current = { property, parts: [], keep: READ.has(name) };
      append(current, property.value);
    }
  }
  flush();
  for (const line of open) {
    sink.problem(line, 'vCard niet afgesloten (END:VCARD ontbreekt); de nummers erin zijn wel meegeteld.');
  }
}

/** The properties the reader acts on; every other property is only followed to where it ends. */
const READ = new Set(['BEGIN', 'END', 'TEL']);
const QUOTED_PRINTABLE_PARAM = /(?:^|=)\s*QUOTED-PRINTABLE\s*$/i;

/**
 * Splits "group.NAME;PARAM=x;PARAM:value", honouring quoted parameter values that contain ":" or ";".
 * Names, e-mail addresses, photos and notes are most of a file: for those only the name is read, and the
 * parameters only when they may announce QUOTED-PRINTABLE (whose soft line breaks continue the value).
 */
function parseLine(line: string, lineNumber: number): Property | undefined {
  let quoted = false;
  let colon = -1;
  let nameEnd = -1;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (!quoted && (c === 58 || c === 59)) {
      if (nameEnd < 0) nameEnd = i;
      if (c === 58) {
        colon = i;
        break;
      }
    }
  }
  // A line without a colon is a remnant of a broken value (BASE64 photos, bad wrapping): not ours to read.
  if (colon < 0) return undefined;
  if (nameEnd > 0 && plainEdge(line.charCodeAt(0)) && plainEdge(line.charCodeAt(nameEnd - 1))) {
    // The usual line: "NAME", "group.NAME" or "NAME;PARAMS", nothing to trim, no quotes in the name.
    const nameStart = line.lastIndexOf('.', nameEnd - 1) + 1;
    const length = nameEnd - nameStart;
    if (
      (length === 3 && (nameIs(line, nameStart, 'TEL') || nameIs(line, nameStart, 'END'))) ||
      (length === 5 && nameIs(line, nameStart, 'BEGIN'))
    ) {
      if (nameEnd === colon) {
        const name = line.slice(nameStart, nameEnd);
        return { name, params: [], value: line.slice(colon + 1), line: lineNumber, quotedPrintable: false };
      }
      return parseFullLine(line, lineNumber, colon);
    }
    if (nameEnd < colon && /QUOTED-PRINTABLE/i.test(line.slice(nameEnd, colon)))
      return parseFullLine(line, lineNumber, colon);
    return { name: '', params: [], value: '', line: lineNumber, quotedPrintable: false };
  }
  // A quote in the name keeps the exact splitting rules of the parameters.
  if (line.lastIndexOf('"', nameEnd) >= 0) return parseFullLine(line, lineNumber, colon);
  const qualified = line.slice(0, nameEnd).trim();
  const dot = qualified.lastIndexOf('.');
  const name = dot >= 0 ? qualified.slice(dot + 1) : qualified;
  if (READ.has(name.toUpperCase())) return parseFullLine(line, lineNumber, colon);
  const mayBeQuotedPrintable = nameEnd < colon && /QUOTED-PRINTABLE/i.test(line.slice(nameEnd, colon));
  if (mayBeQuotedPrintable) return parseFullLine(line, lineNumber, colon);
  return { name, params: [], value: '', line: lineNumber, quotedPrintable: false };
}

/** A letter, digit or dash: a character that neither trimming nor quoting touches. */
function plainEdge(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45;
}

/** Whether the text at `at` is `upper`, ignoring ASCII case. */
function nameIs(text: string, at: number, upper: string): boolean {
  for (let i = 0; i < upper.length; i++) {
    const c = text.charCodeAt(at + i);
    const u = upper.charCodeAt(i);
    if (c !== u && c !== (u | 0x20)) return false;
  }
  return true;
}

function parseFullLine(line: string, lineNumber: number, colon: number): Property {
  const head = splitOutsideQuotes(line.slice(0, colon), 59);
  const qualified = head[0]!.trim();
  const dot = qualified.lastIndexOf('.');
  const name = dot >= 0 ? qualified.slice(dot + 1) : qualified;
  const params = head.slice(1);
  const quotedPrintable = params.some((p) => QUOTED_PRINTABLE_PARAM.test(p));
  return { name, params, value: line.slice(colon + 1), line: lineNumber, quotedPrintable };
}

function splitOutsideQuotes(text: string, separator: number): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === separator && !quoted) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function param(params: string[], key: string): string | undefined {
  const prefix = `${key}=`;
  for (const p of params) {
    if (p.trim().toUpperCase().startsWith(prefix)) return p.trim().slice(prefix.length).replace(/^"|"$/g, '');
  }
  return undefined;
}

const TEL_URI = /^\s*tel:/i;
const DIAL_PAUSE = /(?<=\d)[pPwW]/;

/** The TEL value as text a person would read: decoded, unescaped, without URI scheme or dial pauses. */
function telValue(property: Property): string {
  let value = property.value;
  if (property.quotedPrintable || property.params.length > 0) {
    const charset = param(property.params, 'CHARSET') ?? 'utf-8';
    const encoding = (param(property.params, 'ENCODING') ?? '').toUpperCase();
    if (property.quotedPrintable) value = decodeQuotedPrintable(value, charset);
    else if (encoding === 'B' || encoding === 'BASE64')
      value = decodeBytes(Buffer.from(value, 'base64'), charset);
  }
  if (value.includes('\\')) value = value.replace(/\\([,;\\])/g, '$1').replace(/\\n/gi, ' ');
  const uri = TEL_URI.exec(value);
  if (uri) {
    value = value.slice(uri[0].length);
    const parameters = value.indexOf(';');
    if (parameters >= 0) value = value.slice(0, parameters);
  }
  // Dial strings: "p" and "w" pause or wait before DTMF digits that are not part of the number.
  const pause = value.search(DIAL_PAUSE);
  return pause >= 0 ? value.slice(0, pause) : value;
}

import { ValidationError } from '../errors.js';

/**
 * Largest logo file accepted. A logo is stored as a data URL inside the settings item and inside every
 * letter snapshot, so it must stay small; base64 makes it a third larger (100 kB → 137 kB of text), within
 * the 200,000 characters the letter branding allows.
 */
export const LOGO_MAX_BYTES = 100 * 1024;
/** Widest and tallest PNG accepted, in pixels: more is pointless on a letter and costly to decode. */
export const LOGO_MAX_PIXELS = 4000;

/** Refuses a logo that is not acceptable; the Dutch message says what to do instead. */
export class LogoRefusedError extends ValidationError {}

/** What a PNG's IHDR says, after its chunks were checked from signature to IEND. */
export interface PngInfo {
  width: number;
  height: number;
}

/** Removes everything from an SVG that could run, load or point elsewhere: scripts, handlers, foreignObject, external references. */
export interface SvgSanitizer {
  sanitize(svg: string): Promise<string>;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;
const BIT_DEPTHS: Record<number, readonly number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

function refuse(message: string, userMessage: string, context: Record<string, string | number> = {}): never {
  throw new LogoRefusedError(message, { userMessage, context: { field: 'logo', ...context } });
}

const NOT_PNG = 'Dit bestand is geen geldige PNG-afbeelding. Kies een PNG- of SVG-bestand.';

let crcTable: Uint32Array | undefined;
function crc32(bytes: Uint8Array, from: number, to: number): number {
  if (crcTable === undefined) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = from; i < to; i++)
    crc = (crcTable[(crc ^ (bytes[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function uint32(bytes: Uint8Array, at: number): number {
  return (
    ((bytes[at] as number) * 0x1000000 +
      (((bytes[at + 1] as number) << 16) | ((bytes[at + 2] as number) << 8) | (bytes[at + 3] as number))) >>>
    0
  );
}

export function hasPngSignature(bytes: Uint8Array): boolean {
  return PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

/**
 * Checks a PNG from its signature through every chunk (length inside the file, CRC) to IEND, which must be
 * the last bytes: a file with anything appended (a polyglot carrying HTML or an archive) is refused, as is
 * a first chunk that is not a valid IHDR or dimensions beyond `LOGO_MAX_PIXELS`. Pixel data is not decoded.
 */
export function inspectPng(bytes: Uint8Array): PngInfo {
  if (!hasPngSignature(bytes)) refuse('PNG signature missing', NOT_PNG);
  let at = 8;
  let info: PngInfo | undefined;
  let sawData = false;
  for (let index = 0; ; index++) {
    if (at + 12 > bytes.length) refuse('PNG chunk header past the end', NOT_PNG, { index });
    const length = uint32(bytes, at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (!/^[A-Za-z]{4}$/.test(type)) refuse('PNG chunk type not ASCII letters', NOT_PNG, { index });
    const end = at + 12 + length;
    if (length > 0x7fffffff || end > bytes.length) refuse('PNG chunk past the end', NOT_PNG, { index });
    if (crc32(bytes, at + 4, at + 8 + length) !== uint32(bytes, at + 8 + length)) {
      refuse('PNG chunk CRC mismatch', NOT_PNG, { index });
    }
    if (index === 0) {
      if (type !== 'IHDR' || length !== 13) refuse('PNG does not start with IHDR', NOT_PNG);
      info = readIhdr(bytes, at + 8);
    } else if (type === 'IHDR') {
      refuse('PNG has a second IHDR', NOT_PNG);
    }
    if (type === 'IDAT') sawData = true;
    at = end;
    if (type === 'IEND') break;
  }
  if (!sawData || info === undefined) refuse('PNG without image data', NOT_PNG);
  if (at !== bytes.length) {
    refuse(
      'PNG has bytes after IEND',
      'Na het einde van deze PNG-afbeelding staan nog andere gegevens. Sla het logo opnieuw op als gewone PNG.',
      {
        trailing: bytes.length - at,
      },
    );
  }
  return info;
}

function readIhdr(bytes: Uint8Array, at: number): PngInfo {
  const width = uint32(bytes, at);
  const height = uint32(bytes, at + 4);
  const depth = bytes[at + 8] as number;
  const colour = bytes[at + 9] as number;
  const valid =
    BIT_DEPTHS[colour]?.includes(depth) === true &&
    bytes[at + 10] === 0 &&
    bytes[at + 11] === 0 &&
    (bytes[at + 12] === 0 || bytes[at + 12] === 1);
  if (!valid || width === 0 || height === 0) refuse('PNG IHDR invalid', NOT_PNG);
  if (width > LOGO_MAX_PIXELS || height > LOGO_MAX_PIXELS) {
    refuse(
      'PNG dimensions too large',
      `Het logo is ${width} × ${height} pixels; het mag hoogstens ${LOGO_MAX_PIXELS} × ${LOGO_MAX_PIXELS} pixels zijn.`,
      { width, height },
    );
  }
  return { width, height };
}

const NOT_SVG = 'Dit bestand is geen bruikbare SVG-afbeelding. Kies een PNG- of SVG-bestand.';

/**
 * The text of an SVG file, refused before any parser sees it when it is not UTF-8, has no `<svg` root,
 * or declares a DOCTYPE or entities (entity expansion and external entities are how XML files attack).
 */
export function svgText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    refuse('SVG is not UTF-8', NOT_SVG);
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    refuse(
      'SVG declares a DOCTYPE or entities',
      'Dit SVG-bestand bevat een DOCTYPE of entiteiten; die zijn niet toegestaan. Sla het op als gewone SVG.',
    );
  }
  const start = text.replace(/^\uFEFF/, '').replace(/^(\s|<\?xml[^>]*\?>|<!--[\s\S]*?-->)*/, '');
  if (!/^<svg[\s>]/i.test(start)) refuse('SVG has no svg root', NOT_SVG);
  return text;
}

/** Whether the sanitiser's answer is still an SVG worth keeping (the sanitiser may empty a hostile file). */
export function assertCleanSvg(clean: string): string {
  if (!/^<svg[\s>]/.test(clean)) refuse('SVG empty after sanitising', NOT_SVG);
  return clean;
}

export type LogoKind = 'png' | 'svg';

/** What the settings keep and the audit trail says about a new logo. */
export interface AcceptedLogo {
  kind: LogoKind;
  dataUrl: string;
  bytes: number;
  width?: number;
  height?: number;
}

/**
 * Accepts a logo file: at most `LOGO_MAX_BYTES`, a PNG that passes `inspectPng`, or an SVG that passes
 * `svgText` and comes back from the sanitiser still an SVG. Anything else is refused with a Dutch message.
 */
export async function acceptLogo(bytes: Uint8Array, sanitizer: SvgSanitizer): Promise<AcceptedLogo> {
  if (bytes.length === 0) refuse('Logo file empty', 'Kies een bestand met het logo (PNG of SVG).');
  if (bytes.length > LOGO_MAX_BYTES) {
    refuse(
      'Logo file too large',
      `Het logo is ${Math.ceil(bytes.length / 1024)} kB; het mag hoogstens ${LOGO_MAX_BYTES / 1024} kB zijn. Kies een kleiner bestand.`,
      { bytes: bytes.length },
    );
  }
  if (hasPngSignature(bytes)) {
    const info = inspectPng(bytes);
    return {
      kind: 'png',
      dataUrl: `data:image/png;base64,${toBase64(bytes)}`,
      bytes: bytes.length,
      ...info,
    };
  }
  const clean = assertCleanSvg(await sanitizer.sanitize(svgText(bytes)));
  const encoded = new TextEncoder().encode(clean);
  // Cleaning can write a character as a longer reference (&#160;); the stored image keeps the same bound.
  if (encoded.length > LOGO_MAX_BYTES) {
    refuse(
      'Sanitised SVG too large',
      `Het opgeschoonde logo is groter dan ${LOGO_MAX_BYTES / 1024} kB. Kies een eenvoudiger of kleiner SVG-bestand.`,
      { bytes: encoded.length },
    );
  }
  return { kind: 'svg', dataUrl: `data:image/svg+xml;base64,${toBase64(encoded)}`, bytes: encoded.length };
}

/** The bytes of a logo data URL as `acceptLogo` made it, or undefined for anything else. */
export function logoBytesOf(dataUrl: string): Uint8Array | undefined {
  const match = /^data:image\/(png|svg\+xml);base64,([A-Za-z0-9+/]*={0,2})$/.exec(dataUrl);
  if (!match?.[2] || match[2].length > Math.ceil(LOGO_MAX_BYTES / 3) * 4) return undefined;
  return fromBase64(match[2]);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64[(n >> 18) & 63];
    out += B64[(n >> 12) & 63];
    out += b === undefined ? '=' : B64[(n >> 6) & 63];
    out += c === undefined ? '=' : B64[n & 63];
  }
  return out;
}

function fromBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0) return undefined;
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let o = 0;
  for (const ch of clean) {
    const v = B64.indexOf(ch);
    if (v < 0) return undefined;
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (value >> bits) & 0xff;
    }
  }
  return out;
}

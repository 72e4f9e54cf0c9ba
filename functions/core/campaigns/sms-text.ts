/**
 * SMS length and encoding by the rules of GSM 03.38 / 3GPP TS 23.038 and TS 23.040 (concatenation).
 *
 * A message is sent in the 7-bit GSM alphabet when every character is in the basic table or its extension
 * table (the latter costs two septets: escape + character). One character outside both forces the whole
 * message into UCS-2, which shrinks a segment from 160 to 70 characters, so a single `ë` can triple the cost.
 */

export type SmsEncoding = 'GSM-7' | 'UCS-2';

/** The 127 printable characters of the GSM 7-bit default alphabet (the escape code 0x1B excluded). */
export const GSM_BASIC_CHARACTERS =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** The extension table: each of these is sent as escape + character and counts as two septets. */
export const GSM_EXTENDED_CHARACTERS = '\f^{}\\[~]|€';

const BASIC = new Set(GSM_BASIC_CHARACTERS);
const EXTENDED = new Set(GSM_EXTENDED_CHARACTERS);

export const GSM7_SINGLE_SEGMENT = 160;
export const GSM7_MULTI_SEGMENT = 153;
export const UCS2_SINGLE_SEGMENT = 70;
export const UCS2_MULTI_SEGMENT = 67;

/** The placeholder every variant carries once; it becomes the tracked short link when sending. */
export const LINK_PLACEHOLDER = '{link}';

/** The placeholder of the opt-out line; it becomes the platform's `/stop` page when sending. */
export const STOP_PLACEHOLDER = '{stop}';

/**
 * The line the platform adds under every variant, so every SMS tells how to stop receiving messages. The
 * adviser cannot remove it; it is counted in the segments and covered by the approval fingerprint.
 */
export const OPT_OUT_LINE = `Stop: ${STOP_PLACEHOLDER}`;

/** Characters of a tracked link's code (`/r/<code>`). */
export const TRACKED_LINK_CODE_LENGTH = 10;

/** A variant's text as it is sent: the adviser's text, then the opt-out line on a line of its own. */
export function withOptOutLine(text: string): string {
  return `${text}\n${OPT_OUT_LINE}`;
}

/**
 * Length of the stop link when the tracked link is at most `linkLength` long: the same origin, with
 * `/stop` instead of `/r/<code>`.
 */
export function stopLinkLength(linkLength: number): number {
  return Math.max(0, linkLength - '/r/'.length - TRACKED_LINK_CODE_LENGTH + '/stop'.length);
}

/**
 * Replacements for characters that often slip in from word processors and Dutch spelling.
 * Letters with diacritics not listed here fall back to their base letter.
 */
const REPLACEMENTS: ReadonlyMap<string, string> = new Map([
  ['\u2018', "'"],
  ['\u2019', "'"],
  ['\u201a', "'"],
  ['\u201b', "'"],
  ['\u2032', "'"],
  ['\u2039', "'"],
  ['\u203a', "'"],
  ['`', "'"],
  ['\u00b4', "'"],
  ['\u201c', '"'],
  ['\u201d', '"'],
  ['\u201e', '"'],
  ['\u201f', '"'],
  ['\u2033', '"'],
  ['\u00ab', '"'],
  ['\u00bb', '"'],
  ['\u2026', '...'],
  ['\u2010', '-'],
  ['\u2011', '-'],
  ['\u2012', '-'],
  ['\u2013', '-'],
  ['\u2014', '-'],
  ['\u2015', '-'],
  ['\u2212', '-'],
  ['\u2022', '-'],
  ['\u00a0', ' '],
  ['\u2002', ' '],
  ['\u2003', ' '],
  ['\u2007', ' '],
  ['\u2009', ' '],
  ['\u200a', ' '],
  ['\u202f', ' '],
  ['\t', ' '],
  ['\u200b', ''],
  ['\u200c', ''],
  ['\u200d', ''],
  ['\u2060', ''],
  ['\ufeff', ''],
  ['\u00ad', ''],
  ['\u0133', 'ij'],
  ['\u0132', 'IJ'],
  ['\u0153', 'oe'],
  ['\u0152', 'OE'],
  ['\u00d7', 'x'],
  ['\u00bd', '1/2'],
  ['\u00bc', '1/4'],
  ['\u00be', '3/4'],
  ['\u00b2', '2'],
  ['\u00b3', '3'],
]);

/** Whether a character (one code point) can be sent in GSM-7, and at what cost in septets (0 = it cannot). */
export function gsmSeptets(char: string): 0 | 1 | 2 {
  if (BASIC.has(char)) return 1;
  if (EXTENDED.has(char)) return 2;
  return 0;
}

function isGsmText(text: string): boolean {
  for (const char of text) if (gsmSeptets(char) === 0) return false;
  return true;
}

/**
 * The GSM-7 text to use instead of a character that forces UCS-2: an ASCII look-alike, the letter without
 * its accent, or the empty string (remove it) when there is no sensible equivalent, such as an emoji.
 */
export function gsmReplacement(char: string): string {
  const listed = REPLACEMENTS.get(char);
  if (listed !== undefined) return listed;
  const base = char.normalize('NFD').replace(/\p{M}/gu, '');
  if (base !== char && base.length > 0 && isGsmText(base)) return base;
  return '';
}

export interface NonGsmCharacter {
  char: string;
  /** `U+00EB`: readable even for invisible characters such as a non-breaking space. */
  codePoint: string;
  count: number;
  /** What `suggestGsmText` puts in its place; '' means the character is removed. */
  replacement: string;
}

export interface ExtendedCharacter {
  char: string;
  count: number;
}

export interface SmsTextAnalysis {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) of the text with the link expanded. */
  length: number;
  /** Segments the message is billed and sent as; 0 for an empty text. */
  segments: number;
  /** Capacity of each segment at this length: 160/153 for GSM-7, 70/67 for UCS-2. */
  segmentCapacity: number;
  /** Units still free in the last segment before another segment is needed. */
  remainingInLastSegment: number;
  nonGsmCharacters: NonGsmCharacter[];
  extendedCharacters: ExtendedCharacter[];
  linkPlaceholders: number;
  /** Segments × price per segment, when a price was given. */
  costPerMessage: number | null;
}

export interface SmsTextOptions {
  /** Length of the longest link `{link}` can become; the count must hold for every recipient. */
  linkLength: number;
  /** Length of the link `{stop}` becomes; by default derived from `linkLength` (see stopLinkLength). */
  stopLinkLength?: number;
  pricePerSegment?: number;
}

function countPlaceholders(text: string): number {
  return text.split(LINK_PLACEHOLDER).length - 1;
}

/**
 * Packs units into segments without splitting a unit: a GSM escape pair or a UTF-16 surrogate pair must
 * stay within one segment, otherwise the phone shows garbage at the joint.
 */
function packSegments(
  units: readonly number[],
  single: number,
  multi: number,
): { segments: number; last: number } {
  const total = units.reduce((sum, u) => sum + u, 0);
  if (total === 0) return { segments: 0, last: 0 };
  if (total <= single) return { segments: 1, last: total };
  let segments = 1;
  let used = 0;
  for (const unit of units) {
    if (used + unit > multi) {
      segments += 1;
      used = 0;
    }
    used += unit;
  }
  return { segments, last: used };
}

/**
 * Analyses an SMS text the way the network will send it: encoding, length, segments and the characters to
 * blame, after `{link}` is replaced by the longest link it can become.
 *
 * The editor shows this live, so the adviser sees the moment a curly quote turns one SMS into three.
 */
export function analyseSmsText(text: string, options: SmsTextOptions): SmsTextAnalysis {
  if (!Number.isInteger(options.linkLength) || options.linkLength < 0) {
    throw new RangeError('linkLength must be a non-negative integer');
  }
  const expanded = text
    .replaceAll(LINK_PLACEHOLDER, 'x'.repeat(options.linkLength))
    .replaceAll(STOP_PLACEHOLDER, 'x'.repeat(options.stopLinkLength ?? stopLinkLength(options.linkLength)));
  const nonGsm = new Map<string, number>();
  const extended = new Map<string, number>();
  const septets: number[] = [];
  const codeUnits: number[] = [];
  for (const char of expanded) {
    const cost = gsmSeptets(char);
    if (cost === 0) nonGsm.set(char, (nonGsm.get(char) ?? 0) + 1);
    if (cost === 2) extended.set(char, (extended.get(char) ?? 0) + 1);
    septets.push(cost);
    codeUnits.push(char.length);
  }
  const encoding: SmsEncoding = nonGsm.size === 0 ? 'GSM-7' : 'UCS-2';
  const [units, single, multi] =
    encoding === 'GSM-7'
      ? [septets, GSM7_SINGLE_SEGMENT, GSM7_MULTI_SEGMENT]
      : [codeUnits, UCS2_SINGLE_SEGMENT, UCS2_MULTI_SEGMENT];
  const length = units.reduce((sum, u) => sum + u, 0);
  const { segments, last } = packSegments(units, single, multi);
  const capacity = segments > 1 ? multi : single;
  return {
    encoding,
    length,
    segments,
    segmentCapacity: capacity,
    remainingInLastSegment: segments === 0 ? single : capacity - last,
    nonGsmCharacters: [...nonGsm].map(([char, count]) => ({
      char,
      codePoint: `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`,
      count,
      replacement: gsmReplacement(char),
    })),
    extendedCharacters: encoding === 'GSM-7' ? [...extended].map(([char, count]) => ({ char, count })) : [],
    linkPlaceholders: countPlaceholders(text),
    costPerMessage:
      options.pricePerSegment === undefined ? null : roundMoney(segments * options.pricePerSegment),
  };
}

/**
 * Applies every replacement suggestion, so the text can be sent in GSM-7.
 *
 * This is the one-click fix in the editor; the result always analyses as GSM-7.
 */
export function suggestGsmText(text: string): string {
  let out = '';
  let removedAfterSpace = false;
  for (const char of text) {
    if (gsmSeptets(char) !== 0) {
      // "Hulp 😀 nodig" loses the emoji, not its spacing: no double space where it stood.
      if (!(removedAfterSpace && char === ' ')) out += char;
      removedAfterSpace = false;
      continue;
    }
    const replacement = gsmReplacement(char);
    out += replacement;
    if (replacement === '') removedAfterSpace ||= out.endsWith(' ') || out === '';
    else removedAfterSpace = false;
  }
  return out;
}

function roundMoney(amount: number): number {
  return Math.round(amount * 10_000) / 10_000;
}

/**
 * Estimates what a campaign costs when recipients are spread evenly over the variants.
 *
 * Which variants receive the one extra message of an uneven split is not known in advance, so they are
 * assumed to be the longest ones: the estimate is an upper bound, never a surprise.
 */
export function estimateCampaignCost(input: {
  segmentsPerVariant: readonly number[];
  recipients: number;
  pricePerSegment: number;
}): { segments: number; cost: number } {
  const n = input.segmentsPerVariant.length;
  if (n === 0 || input.recipients <= 0) return { segments: 0, cost: 0 };
  const base = Math.floor(input.recipients / n);
  const extra = input.recipients % n;
  const sorted = [...input.segmentsPerVariant].sort((a, b) => b - a);
  const segments = sorted.reduce((sum, s, i) => sum + s * (base + (i < extra ? 1 : 0)), 0);
  return { segments, cost: roundMoney(segments * input.pricePerSegment) };
}

/**
 * Length of the longest tracked link: the platform origin plus `/r/` and a short code.
 *
 * Variants are measured with this length so that the segment count shown is the one that is billed.
 */
export function trackedLinkLength(origin: string, codeLength: number = TRACKED_LINK_CODE_LENGTH): number {
  return origin.replace(/\/+$/, '').length + '/r/'.length + codeLength;
}

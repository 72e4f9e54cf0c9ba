/**
 * Splitting free text (a CSV cell, a TEL value) into the raw number strings it holds.
 * Why a module of its own: the same rules must hold for every format, and they are where real-world
 * messiness lives ("mob: 06-12345678 / 0612345679", Google's " ::: ", extensions, non-breaking spaces).
 */

const SPACES = /[\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]/g;
/** Separators between numbers in one cell; a slash only with spaces around it, "020/1234567" is one number. */
const SEPARATORS = /\s*:::\s*|[\r\n;,|]+|\s+\/\s+|\s+(?:of|or|en|and|&)\s+/i;
const LABEL = /^([^\d+(]*?[A-Za-z][^\d+(]*?)[:=]\s*/;
/** Labels of values that are no phone numbers even when they hold digits (forensic "Entries" cells). */
const OTHER_LABEL =
  /user|\bid\b|e-?mail|url|web|http|skype|facebook|twitter|instagram|username|adres|address|birthday|verjaardag|datum|date|postcode|zip/i;
const EXTENSION = /\s*(?:ext\.?|extension|toestel|tst\.?|x|#)\s*\d{1,6}\s*$/i;
const PLAIN_NUMBER = /^\+?[\d \-.()]{3,24}$/;
const DATE = /^\d{1,4}[-./]\d{1,2}[-./]\d{1,4}$/;
const PHONE_CHARS = /^[+\d\s().\-/]+$/;
const _DIGIT = /\d/g;

/** At least this many digits before a piece counts as a number at all (fewer is a label, a count, a code). */
export const MIN_DIGITS = 3;
/** Digits a piece of text outside a phone field needs before it can look like a phone number. */
const MIN_CONTENT_DIGITS = 8;

/**
 * `field`: the text comes from a phone field (TEL, a "Telefoon" column), so every piece with digits counts.
 * `content`: a column without a phone-like name, so only pieces shaped like a phone number count.
 */
export type CandidateMode = 'field' | 'content';

function countDigits(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/** The raw number strings in a piece of text, in order. Never throws. */
export function splitCandidates(text: string, mode: CandidateMode = 'field'): string[] {
  const digits = countDigits(text);
  // Every piece kept has MIN_DIGITS digits, and outside phone fields 8: a name, a note or an e-mail
  // address with fewer in total holds no number, and most cells of a contact list are like that.
  if (digits < (mode === 'field' ? MIN_DIGITS : MIN_CONTENT_DIGITS)) return [];
  if (digits <= 15 && PLAIN_NUMBER.test(text) && (mode === 'field' || looksLikePhone(text)))
    return [text.trim()];
  const result: string[] = [];
  const pieces = text.replace(SPACES, ' ').split(SEPARATORS);
  for (const piece of pieces) {
    const label = LABEL.exec(piece);
    if (label && OTHER_LABEL.test(label[1]!)) continue;
    const stripped = (label ? piece.slice(label[0].length) : piece).replace(EXTENSION, '').trim();
    const digits = countDigits(stripped);
    if (digits < MIN_DIGITS) continue;
    const parts = digits > 15 ? splitRun(stripped) : [stripped];
    for (const part of parts) {
      if (mode === 'field' || looksLikePhone(part)) result.push(part);
    }
  }
  return result;
}

/** Two numbers written in one run ("0612345678/0612345679", "0612345678  0612345679"): split when each half is long. */
function splitRun(run: string): string[] {
  for (const separator of [/\s*\/\s*/, /\s{2,}/, /\s+/]) {
    const parts = run.split(separator).filter((part) => part.length > 0);
    if (parts.length > 1 && parts.every((part) => countDigits(part) >= 8)) return parts;
  }
  return [run];
}

/**
 * Whether text outside a phone field is a phone number by its shape alone: it starts like a number written
 * for people (+, 0 or 00, an opening parenthesis), has 8 to 15 digits and only phone punctuation, and is
 * no date. Keeps counts, IDs, postcodes and birthdays in other columns out of the funnel.
 */
export function looksLikePhone(text: string): boolean {
  const value = text.trim();
  if (value.length < 8 || value.length > 40) return false;
  const first = value.charCodeAt(0);
  if (first !== 43 && first !== 48 && first !== 40) return false;
  if (!PHONE_CHARS.test(value) || DATE.test(value)) return false;
  const digits = countDigits(value);
  return digits >= MIN_CONTENT_DIGITS && digits <= 15;
}

/** Whether a header cell names a column that holds phone numbers, in the languages exports come in. */
export function isPhoneHeader(header: string): boolean {
  return PHONE_HEADER.test(header) && !NOT_PHONE_HEADER.test(header);
}

const PHONE_HEADER =
  /phone|telefoon|telefon|téléphone|telefono|teléfono|\btel\b|\btel\.|mobiel|mobile|mobil|móvil|cellulare|\bgsm\b|cell|handy|\bfax\b|nummer|number|numéro|numero|entries|\bmsisdn\b|pager|semafoon|pieper/i;
const NOT_PHONE_HEADER = /phonetic|e-?mail|\btype\b|label|soort|imei|imsi|\bid\b/i;

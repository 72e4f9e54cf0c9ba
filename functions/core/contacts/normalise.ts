import {
  type CountryCode,
  type NumberType,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
} from 'libphonenumber-js/max';
import type { PhoneType } from './contacts.schema.js';
import { FastClassifier } from './fast-classify.js';

/** One raw number string, normalised: a valid number with its E.164 form, or INVALID with a Dutch reason. */
export type Normalised =
  | { valid: true; e164: string; type: Exclude<PhoneType, 'INVALID'>; country: string }
  | { valid: false; type: 'INVALID'; reason: string };

/** libphonenumber's code for numbers that belong to no country (+800, +882, ...). */
export const NON_GEOGRAPHIC = '001';

const REASONS: Record<string, string> = {
  TOO_SHORT: 'Geen geldig telefoonnummer: te weinig cijfers.',
  TOO_LONG: 'Geen geldig telefoonnummer: te veel cijfers.',
  INVALID_LENGTH: 'Geen geldig telefoonnummer: verkeerd aantal cijfers.',
  INVALID_COUNTRY: 'Geen geldig telefoonnummer: onbekende landcode.',
  NOT_A_NUMBER: 'Geen telefoonnummer.',
};
/** Keys with fewer or more digits are refused before any parsing. */
const MIN_DIGITS = 3;
const MAX_DIGITS = 17;
const NO_RANGE = 'Geen geldig telefoonnummer: dit nummerbereik bestaat niet.';

/**
 * The comparable key of a raw string: its digits, with a leading "+" for international numbers and "00"
 * read as "+". Labels, spaces, dots, dashes and parentheses carry no meaning once the number is parsed.
 */
export function numberKey(raw: string): string {
  const digits = raw.replace(/\D/g, '');
  const plus = raw.trimStart().startsWith('+');
  if (plus) return `+${digits}`;
  if (digits.startsWith('00')) return `+${digits.slice(2)}`;
  return digits;
}

/**
 * Normalises and classifies raw number strings with libphonenumber's full metadata.
 * Why a class: the same number appears on many phones and in many files, so results are cached per key
 * (bounded, so a hostile upload cannot grow it without end), and the region is fixed per analysis.
 */
export class Normaliser {
  private readonly cache = new Map<string, Normalised>();
  private readonly fast: FastClassifier | undefined;

  /**
   * `options.fastPath` (default true) classifies the common shapes of numbers with libphonenumber's own
   * metadata and precompiled patterns (see `FastClassifier`); false sends every number through
   * libphonenumber-js itself. Both give the same results; the switch exists to prove exactly that.
   */
  constructor(
    readonly region: CountryCode = 'NL',
    private readonly maxCacheSize = 100_000,
    options: { fastPath?: boolean } = {},
  ) {
    this.fast = options.fastPath === false ? undefined : new FastClassifier(region);
  }

  normalise(raw: string): Normalised {
    const key = numberKey(raw);
    // The fast path needs no cache: it costs less than a lookup, and so the cache keeps the numbers only
    // libphonenumber itself can decide (garbage, rare shapes), which a hostile upload repeats most.
    const digits = key.charCodeAt(0) === 43 ? key.length - 1 : key.length;
    if (this.fast && digits >= MIN_DIGITS && digits <= MAX_DIGITS) {
      const fast = this.fast.classify(key);
      if (fast) {
        return {
          valid: true,
          e164: fast.e164,
          type: typeOf(fast.type, fast.country, fast.nationalNumber),
          country: fast.country,
        };
      }
    }
    // Too few or too many digits is decided without parsing; such keys need no cache (and may be long).
    if (digits < MIN_DIGITS || digits > MAX_DIGITS) return this.classify(key);
    const cached = this.cache.get(key);
    if (cached) return cached;
    const result = this.classify(key);
    if (this.cache.size >= this.maxCacheSize) this.cache.clear();
    this.cache.set(detached(key), result);
    return result;
  }

  private classify(key: string): Normalised {
    const digits = key.startsWith('+') ? key.length - 1 : key.length;
    if (digits < MIN_DIGITS) return { valid: false, type: 'INVALID', reason: REASONS.TOO_SHORT! };
    if (digits > MAX_DIGITS) return { valid: false, type: 'INVALID', reason: REASONS.TOO_LONG! };
    const parsed = parsePhoneNumberFromString(key, this.region);
    // getType() is undefined for invalid numbers, so isValid() is only needed to tell UNKNOWN from INVALID.
    const type = parsed?.getType();
    if (!parsed || (type === undefined && !parsed.isValid())) {
      const verdict = validatePhoneNumberLength(key, this.region);
      const reason = (verdict && REASONS[verdict]) || (digits <= 6 ? REASONS.TOO_SHORT! : NO_RANGE);
      return { valid: false, type: 'INVALID', reason };
    }
    const country = parsed.country ?? NON_GEOGRAPHIC;
    return {
      valid: true,
      e164: parsed.number,
      type: typeOf(type, country, parsed.nationalNumber),
      country,
    };
  }
}

/**
 * A copy of a short string that shares no memory with the text it was cut from. V8 keeps the whole text of
 * a file alive for every substring of it that survives; a cache that outlives the file must not do that.
 */
function detached(text: string): string {
  return text.split('').join('');
}

function typeOf(type: NumberType, country: string, nationalNumber: string): Exclude<PhoneType, 'INVALID'> {
  if (country === 'NL' && nationalNumber.startsWith('97')) return 'M2M';
  if (type === undefined) return 'UNKNOWN';
  return type;
}

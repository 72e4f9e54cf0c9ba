import { findPhoneNumbersInText } from 'libphonenumber-js/min';
import { ValidationError } from '../errors.js';

/** What a letter's free text may not contain: it goes to every household and onto a public web page. */
export type ScreenFindingKind = 'phone' | 'email' | 'postcode' | 'address';

export interface ScreenFinding {
  kind: ScreenFindingKind;
  /** Where in the text it starts. */
  index: number;
  /** The finding masked for showing back: enough to recognise it, never the whole value. */
  masked: string;
}

const KIND_LABELS: Record<ScreenFindingKind, string> = {
  phone: 'een telefoonnummer',
  email: 'een e-mailadres',
  postcode: 'een postcode',
  address: 'een straat met huisnummer',
};

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
/** A Dutch postcode: four digits (not starting with 0), an optional space, two capitals (SA, SD, SS unused). */
const POSTCODE = /(?<![\p{L}\p{N}])([1-9]\d{3}) ?(?!SA|SD|SS)([A-Z]{2})(?![\p{L}\p{N}])/gu;
/** Street-name endings that together with a number make an address ("Proefstraat 12", "Oudegracht 3a"). */
const STREET_SUFFIXES = [
  'straat',
  'laan',
  'weg',
  'plein',
  'gracht',
  'kade',
  'singel',
  'dijk',
  'pad',
  'hof',
  'steeg',
  'dreef',
  'park',
  'baan',
  'markt',
  'veld',
  'wal',
  'plantsoen',
  'erf',
  'allee',
  'boulevard',
  'haven',
  'ring',
  'oord',
  'zijde',
  'hoek',
  'sloot',
  'burgwal',
  'kwartier',
  'straatweg',
  'poort',
];
const ADDRESS = new RegExp(
  `(?<![\\p{L}])([\\p{L}'-]*(?:${STREET_SUFFIXES.join('|')}))\\s+(\\d{1,5})(?:\\s?[a-zA-Z](?![\\p{L}])|-\\d{1,4})?(?![\\p{N}])`,
  'giu',
);
/** Digit runs that look like a phone number even where the parser gives up (odd separators). */
const DIGIT_RUN = /(?<![\p{N}])(?:\+|00)?\d(?:[\s.\-/()]{0,2}\d){8,13}(?![\p{N}])/gu;

/**
 * Numbers a letter may print: national, generic lines only (Meld Misdaad Anoniem, the police's general
 * number) and a municipality's 14 + area code number. Never an official's direct number: see
 * "Eigen veiligheid".
 */
export const GENERIC_PHONE_NUMBERS: readonly string[] = ['8007000', '9008844'];

/** Whether a national number (without the leading 0) is one of the generic lines. */
export function isGenericNumber(nationalNumber: string): boolean {
  return GENERIC_PHONE_NUMBERS.includes(nationalNumber) || /^14\d{2,4}$/.test(nationalNumber);
}

function maskDigits(value: string): string {
  const digits = value.replace(/\D/g, '');
  return `•••• ${digits.slice(-2)}`;
}

function maskEmail(value: string): string {
  const [local = '', domain = ''] = value.split('@');
  const tld = domain.slice(domain.lastIndexOf('.'));
  return `${local.slice(0, 1)}•••@•••${tld}`;
}

/**
 * Finds phone numbers, e-mail addresses, Dutch postcodes and street + house number patterns in a letter's
 * free text, each masked. The national generic numbers (Meld Misdaad Anoniem 0800-7000, police 0900-8844)
 * and a municipality's 14 + area code number are allowed: they reach no person.
 *
 * Why: a letter goes to hundreds of households and onto a public web page; a name with an address or an
 * official's direct number in it cannot be taken back ("Eigen veiligheid").
 */
export function screenLetterText(text: string): ScreenFinding[] {
  const findings: ScreenFinding[] = [];
  const taken: [number, number][] = [];
  const overlaps = (start: number, end: number) => taken.some(([s, e]) => start < e && end > s);
  const add = (kind: ScreenFindingKind, start: number, end: number, masked: string) => {
    if (overlaps(start, end)) return;
    taken.push([start, end]);
    findings.push({ kind, index: start, masked });
  };
  for (const m of text.matchAll(EMAIL)) add('email', m.index, m.index + m[0].length, maskEmail(m[0]));
  for (const found of findPhoneNumbersInText(text, 'NL')) {
    if (isGenericNumber(found.number.nationalNumber)) {
      taken.push([found.startsAt, found.endsAt]);
      continue;
    }
    add('phone', found.startsAt, found.endsAt, maskDigits(text.slice(found.startsAt, found.endsAt)));
  }
  for (const m of text.matchAll(DIGIT_RUN)) {
    const digits = m[0].replace(/\D/g, '');
    if (isGenericNumber(digits.replace(/^0/, ''))) continue;
    add('phone', m.index, m.index + m[0].length, maskDigits(m[0]));
  }
  for (const m of text.matchAll(POSTCODE)) {
    add('postcode', m.index, m.index + m[0].length, `${m[1]!.slice(0, 2)}•• ••`);
  }
  for (const m of text.matchAll(ADDRESS)) {
    add('address', m.index, m.index + m[0].length, `${m[1]} ••`);
  }
  return findings.sort((a, b) => a.index - b.index);
}

/** One named free text of a letter, e.g. "Wat er is gebeurd". */
export interface ScreenedText {
  label: string;
  text: string;
}

/**
 * Refuses letter text with contact details or an address in it, with a Dutch message that says where and
 * what was found (masked), so the user can find it without the platform repeating it.
 */
export function assertLetterTextClean(texts: readonly ScreenedText[]): void {
  const problems: string[] = [];
  const kinds = new Set<ScreenFindingKind>();
  for (const { label, text } of texts) {
    const findings = screenLetterText(text);
    if (findings.length === 0) continue;
    for (const f of findings) kinds.add(f.kind);
    problems.push(`${label}: ${findings.map((f) => `${KIND_LABELS[f.kind]} (${f.masked})`).join(', ')}`);
  }
  if (problems.length === 0) return;
  throw new ValidationError('Letter text contains contact details or an address', {
    userMessage: `Een wijkbericht mag geen telefoonnummers, e-mailadressen, postcodes of adressen bevatten. Gevonden in ${problems.join('; ')}. Haal deze gegevens weg; alleen algemene nummers zoals Meld Misdaad Anoniem (0800-7000) mogen erin.`,
    context: { kinds: [...kinds].join(',') },
  });
}

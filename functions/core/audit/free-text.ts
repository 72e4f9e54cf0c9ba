import { findPhoneNumbersInText } from 'libphonenumber-js/min';
import * as z from 'zod';

/**
 * Phone numbers written the Dutch way (0612345678, 06-1234 5678) or internationally (+31…, 0031…) once the
 * usual separators are removed. Slashes are kept on purpose: a parketnummer such as 13/654321-22 must pass.
 */
const COMPACT_PHONE = /(?:\+|(?<!\d)00)\d{8,}|(?<!\d)0\d{9}(?!\d)/;

/**
 * Fewer national digits than this is a short code or a case number such as "Parket 10/999" (which the
 * parser reads as +31 10999), not a number a person can be reached at: the shortest Dutch subscriber
 * numbers (0800/0900 with four digits) have seven.
 */
const MIN_PERSONAL_DIGITS = 7;

/**
 * Tells whether a user-typed text might contain a phone number.
 *
 * Free texts end up in the audit trail and in exports for others; the non-negotiable "no phone number in
 * an export meant for others" means such a text is refused rather than stored.
 */
export function looksLikePhoneNumber(text: string): boolean {
  const screened = withoutCaseNumbers(text);
  if (
    findPhoneNumbersInText(screened, 'NL').some(
      (found) => found.number.nationalNumber.length >= MIN_PERSONAL_DIGITS,
    )
  )
    return true;
  return COMPACT_PHONE.test(screened.replace(/[\s.()\-\u00a0]/g, ''));
}

/**
 * A court or prosecution case number as written after a word ("Parket 10/999", "parketnummer 10/123456-26"):
 * two digits, a slash, three to six digits, optionally a dash and two digits. Not after an international
 * prefix ("+31 10/999999" is a phone number written with a slash).
 */
const CASE_NUMBER = /(?<!(?:\+|(?<!\d)00)\d*[\s\u00a0./-]*)(?<!\d)\d{2}\/\d{3,6}(?:-\d{2})?(?![\d/])/g;

/**
 * The text with its case numbers left out, so the phone screen does not read "Parket 10/999999-26" as the
 * Rotterdam number 010 999999. A case number whose digits together spell a Dutch national number (a zero
 * and nine more, such as 06/123456-78) stays in, and is refused.
 */
function withoutCaseNumbers(text: string): string {
  return text.replace(CASE_NUMBER, (found) => (/^0\d{9}$/.test(found.replace(/\D/g, '')) ? found : ' '));
}

/** A run of digits and the usual separators, optionally international, long enough to be a phone number. */
const PHONE_LIKE = /(?:\+|(?<!\d)00)?\d[\d\s().\-\u00a0]{6,}\d/g;

/**
 * The text with every run that could be a phone number (nine digits or more, separators allowed) replaced
 * by "•••". For free texts that are kept rather than refused (a distributor's note from the street), so
 * they can be stored and exported for others. Slashes end a run, so a parketnummer such as 13/654321-22
 * stays readable.
 */
export function maskPhoneNumbers(text: string): string {
  return text.replace(PHONE_LIKE, (run) => (run.replace(/\D/g, '').length >= 9 ? '•••' : run));
}

/** Control and format characters (bidi overrides, zero-width) other than line breaks. */
function hasInvisibleCharacters(text: string): boolean {
  return /[\p{Cc}\p{Cf}]/u.test(text.replace(/\r?\n/g, ''));
}

/** A reason a person types (rejection, withdrawal, cancellation): short, single purpose, no phone number. */
export const ReasonTextSchema = z
  .string()
  .transform((s) => s.trim())
  .pipe(
    z
      .string()
      .min(3, 'Geef een reden van minstens 3 tekens.')
      .max(500, 'Een reden mag hoogstens 500 tekens lang zijn.')
      .refine((s) => !hasInvisibleCharacters(s), 'De reden bevat onzichtbare of ongeldige tekens.')
      .refine(
        (s) => !looksLikePhoneNumber(s),
        'Een reden mag geen telefoonnummer bevatten: die komt in het auditlog terecht.',
      ),
  );
export type ReasonText = z.infer<typeof ReasonTextSchema>;

/**
 * The legal basis the OM liaison gives with an approval: a parketnummer or the reference of the permission.
 * Whitespace is collapsed so that the same reference is always stored the same way.
 */
export const LegalReferenceSchema = z
  .string()
  .transform((s) => s.trim().replace(/\s+/g, ' '))
  .pipe(
    z
      .string()
      .min(3, 'Vul een juridische referentie in (bijvoorbeeld het parketnummer), minstens 3 tekens.')
      .max(100, 'De juridische referentie mag hoogstens 100 tekens lang zijn.')
      .regex(
        /^[\p{L}\p{N}][\p{L}\p{N} /._:#(),-]*$/u,
        'De juridische referentie mag alleen letters, cijfers, spaties en / . - _ : # ( ) , bevatten.',
      )
      .refine((s) => /\p{N}|\p{L}{3}/u.test(s), 'De juridische referentie is niet herkenbaar als kenmerk.')
      .refine((s) => !looksLikePhoneNumber(s), 'De juridische referentie lijkt op een telefoonnummer.'),
  );
export type LegalReference = z.infer<typeof LegalReferenceSchema>;

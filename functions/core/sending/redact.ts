/**
 * Digit runs that could be (part of) a phone number: six or more digits, optionally with a leading plus and
 * single spaces, dots, dashes or slashes between them.
 */
const PHONE_LIKE = /\+?\d(?:[\s./-]?\d){5,}/g;

/**
 * Replaces anything that looks like a phone number in a provider-supplied text by `[nummer]`.
 * Why: provider responses and error texts are stored and shown, and a number must never appear in either.
 */
export function redactPhoneLike(text: string): string {
  return text.replace(PHONE_LIKE, '[nummer]');
}

/** The replies that mean "never again", in Dutch and English. */
export const OPT_OUT_KEYWORDS: readonly string[] = ['STOP', 'STOPPEN', 'AFMELDEN'];

/** Zero-width and other invisible format characters phones sometimes insert. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

/**
 * Whether an inbound text is an opt-out request: one of the keywords, ignoring case, surrounding whitespace,
 * invisible characters and closing punctuation (`Stop.`, ` stoppen! `).
 * Why the whole text and not a substring: "niet stoppen met bellen" is not an opt-out, and a wrong opt-out is
 * harmless only when it is rare.
 */
export function isOptOutText(text: string): boolean {
  const normalised = text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(/^[\s"'“”‘’]+/u, '')
    .replace(/[\s"'“”‘’.!,;:]+$/u, '')
    .toUpperCase();
  return OPT_OUT_KEYWORDS.includes(normalised);
}

/**
 * What an inbound text means to the platform. Only an opt-out carries the sender's number, and only so that the
 * caller can hash it for the opt-out list: it is never stored, logged or shown as such.
 */
export type InboundSmsIntent =
  | { kind: 'opt_out'; inboundMessageId: string; originationNumber: string }
  | { kind: 'ignored'; inboundMessageId: string };

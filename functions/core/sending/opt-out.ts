/** The replies that mean "never again", in Dutch and English. */
export const OPT_OUT_KEYWORDS: readonly string[] = ['STOP', 'STOPPEN', 'AFMELDEN'];

/** Zero-width and other invisible format characters phones sometimes insert. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

/**
 * Whether an inbound text is an opt-out request: its first word is one of the keywords, ignoring case,
 * whitespace, invisible characters, quotes and punctuation (`Stop.`, ` stoppen! `, `AFMELDEN graag`).
 * Why the first word: people add "graag" or "aub", and honouring a rare false opt-out costs far less than
 * messaging someone who asked us to stop; "niet stoppen" does not start with a keyword and is no opt-out.
 */
export function isOptOutText(text: string): boolean {
  const normalised = text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(/^[\s"'“”‘’]+/u, '')
    .toUpperCase();
  const firstWord = normalised.split(/\s+/u)[0]?.replace(/["'“”‘’.!,;:?]+$/u, '') ?? '';
  return OPT_OUT_KEYWORDS.includes(firstWord);
}

/**
 * What an inbound text means to the platform. Only an opt-out carries the sender's number, and only so that the
 * caller can hash it for the opt-out list: it is never stored, logged or shown as such.
 */
export type InboundSmsIntent =
  | { kind: 'opt_out'; inboundMessageId: string; originationNumber: string }
  | { kind: 'ignored'; inboundMessageId: string };

import type { CountryCode } from 'libphonenumber-js/max';
import { splitCandidates } from './candidates.js';
import { Normaliser } from './normalise.js';

/** Pasted numbers read line by line: every valid number, and the lines that held none. */
export interface PastedNumbers {
  e164s: string[];
  /** 1-based numbers of non-empty lines without a single valid phone number. */
  ignoredLines: number[];
  /** Candidates that were not a valid number (also on lines that held a valid one). */
  invalid: number;
}

/**
 * Reads numbers pasted into a text box, one or more per line. Unlike a contact file there is no header or
 * layout to guess, so no line is taken for a header and dropped: each line without a valid number is
 * reported by its line number (never its content, which may hold a partial phone number).
 */
export function readPastedNumbers(text: string, region: CountryCode, maxLines = 100_000): PastedNumbers {
  const normaliser = new Normaliser(region);
  const e164s = new Set<string>();
  const ignoredLines: number[] = [];
  let invalid = 0;
  const lines = text.split(/\r\n|\r|\n/).slice(0, maxLines);
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    let found = false;
    for (const candidate of splitCandidates(line, 'field')) {
      const n = normaliser.normalise(candidate);
      if (n.valid) {
        e164s.add(n.e164);
        found = true;
      } else {
        invalid += 1;
      }
    }
    if (!found) ignoredLines.push(index + 1);
  });
  return { e164s: [...e164s], ignoredLines, invalid };
}

/** "in regel 3 staat" or "in de regels 1, 4 en 7 staat": which pasted lines held no number. */
export function describeLines(lines: readonly number[]): string {
  const shown = lines.slice(0, 10);
  const more = lines.length - shown.length;
  if (shown.length === 1) return `in regel ${shown[0]} staat`;
  const list =
    more > 0
      ? `${shown.join(', ')} en nog ${more} andere`
      : `${shown.slice(0, -1).join(', ')} en ${shown[shown.length - 1]}`;
  return `in de regels ${list} staat`;
}

import type { FileFormat } from './contacts.schema.js';

/*
 * Contact files are often named after the phone's owner or a contact ("contacten Jan Jansen.csv"). Their
 * names are never stored, logged or shown: a file is called by a sequence number within its campaign and
 * its format, and at most keeps its extension when it could not be read.
 */

const FORMAT_NAMES: Record<Exclude<FileFormat, 'unreadable'>, string> = {
  vcard: 'vCard',
  csv: 'CSV',
  xlsx: 'XLSX',
};

/** The extension of a file name ('.csv'), lower-cased; '' when it has none or an odd one (it is shown). */
export function fileExtension(name: string): string {
  const match = /\.([A-Za-z0-9]{1,5})$/.exec(name.trim());
  return match ? `.${match[1]!.toLowerCase()}` : '';
}

/**
 * What a file is called in reports and on pages: "Bestand 3 (vCard)"; for a file that could not be read,
 * its extension if it had one ("Bestand 4 (.pdf)"), else just "Bestand 4".
 */
export function fileLabel(seq: number, format: FileFormat, extension = ''): string {
  if (format !== 'unreadable') return `Bestand ${seq} (${FORMAT_NAMES[format]})`;
  return extension === '' ? `Bestand ${seq}` : `Bestand ${seq} (${extension})`;
}

/** The sequence number the next file of a campaign gets: one above the highest so far. */
export function nextFileSeq(uploads: readonly { seq?: number | undefined }[]): number {
  return uploads.reduce((max, u, i) => Math.max(max, u.seq ?? i + 1), 0) + 1;
}

import type { ContactUpload } from '../core/ports.js';

/** "Bestand 3": the upload's number within its campaign, without the format the report label adds. */
function nameOf(upload: ContactUpload): string {
  return upload.seq === undefined ? upload.report.file : `Bestand ${upload.seq}`;
}

/**
 * Warnings per upload id for what passes without a problem yet deserves a word: a processed file in which
 * no phone number was found at all, and a file with the same content as one uploaded before to the same
 * campaign (its numbers count once, so it adds nothing).
 */
export function uploadWarnings(uploads: readonly ContactUpload[]): Record<string, string> {
  const warnings: Record<string, string> = {};
  const ordered = [...uploads].sort(
    (a, b) => (a.seq ?? 0) - (b.seq ?? 0) || a.uploadedAt.localeCompare(b.uploadedAt),
  );
  const firstWith = new Map<string, ContactUpload>();
  for (const upload of ordered) {
    if (!upload.accepted) continue;
    const earlier = upload.contentHash ? firstWith.get(upload.contentHash) : undefined;
    if (earlier) {
      warnings[upload.id] = `${nameOf(upload)} is gelijk aan ${nameOf(earlier)}; de nummers tellen één keer.`;
    } else if (upload.found === 0) {
      warnings[upload.id] = `Geen telefoonnummers gevonden in ${nameOf(upload)}.`;
    }
    if (upload.contentHash && !earlier) firstWith.set(upload.contentHash, upload);
  }
  return warnings;
}

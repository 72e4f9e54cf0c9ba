/**
 * Contact lists from seized phones: from uploaded vCard, CSV and XLSX files to a clean, deduplicated,
 * explainable set of sendable mobile numbers. Only numbers and provenance counts leave this module.
 */
export { analyseContactFiles, ContactsAccumulator, combineExtractions } from './analyse.js';
export { MIN_DIGITS, splitCandidates } from './candidates.js';
export { ContactLimitError, UnreadableContactFileError } from './contacts.errors.js';
export * from './contacts.schema.js';
export { decodeText, sniffContactFile } from './decode.js';
export { applyExclusions, type ExclusionLists } from './exclusions.js';
export {
  type ContactFile,
  type ExtractOptions,
  extractContactFile,
  type FileExtraction,
  MAX_PROBLEMS_PER_FILE,
} from './extract-file.js';
export { unreadableExtraction } from './extraction.js';
export { fileExtension, fileLabel, nextFileSeq } from './file-label.js';
export { keyedHash, keyedHasher, recipientFingerprint } from './fingerprint.js';
export { maskE164 } from './mask.js';
export { NON_GEOGRAPHIC, type Normalised, Normaliser, numberKey } from './normalise.js';

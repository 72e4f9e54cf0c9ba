import type { FileExtraction } from '../core/contacts/extraction.js';
import type { ContactUpload, UploadExtraction } from '../core/ports.js';

function listOf(value: string | readonly string[]): string[] {
  if (typeof value !== 'string') return [...value];
  return value === '' ? [] : value.split('\n');
}

/** The numbers of one file's extraction as parallel lists, whichever packing the pipeline uses. */
export function uploadExtractionOf(extraction: FileExtraction): UploadExtraction {
  return {
    e164s: listOf(extraction.e164s),
    types: extraction.types,
    countries: listOf(extraction.countries),
  };
}

/** Rebuilds the pipeline's per-file extraction from a stored upload, for `combineExtractions`. */
export function fileExtractionOf(upload: ContactUpload, numbers: UploadExtraction): FileExtraction {
  return {
    report: upload.report,
    found: upload.found,
    valid: upload.valid,
    invalid: upload.invalid,
    e164s: numbers.e164s.join('\n'),
    types: numbers.types,
    countries: numbers.countries.join('\n'),
    unreadable: false,
  };
}

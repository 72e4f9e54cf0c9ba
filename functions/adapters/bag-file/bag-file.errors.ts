import { ValidationError } from '../../core/errors.js';

/** A problem with one row of an address file; the row is skipped, the rest imports. */
export interface AddressRowError {
  /** 1-based line number in the file (the header is line 1). */
  line: number;
  /** Column the problem is in, when there is one. */
  column?: string;
  /** Dutch, for the person importing. Never contains the row's content. */
  reason: string;
}

/** The file as a whole cannot be read as an address list (no header, required columns missing). */
export class AddressFileError extends ValidationError {}

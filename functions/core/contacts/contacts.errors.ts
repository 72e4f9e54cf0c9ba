import { TooLargeError, ValidationError } from '../errors.js';

/** A file that cannot be read as contacts at all (binary, archive, wrong format); the other files still count. */
export class UnreadableContactFileError extends ValidationError {}

/** A file or an upload above the configured limits. */
export class ContactLimitError extends TooLargeError {}

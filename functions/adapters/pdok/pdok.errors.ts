import { UnavailableError } from '../../core/errors.js';

/** PDOK did not answer usefully after the retries (timeouts, 429, 5xx, unreadable JSON). */
export class PdokUnavailableError extends UnavailableError {}

import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type DomainErrorKind, isDomainError } from '../core/errors.js';

/** The only place that knows HTTP status codes for domain errors. */
export const STATUS_BY_KIND: Record<DomainErrorKind, ContentfulStatusCode> = {
  validation: 422,
  not_found: 404,
  conflict: 409,
  forbidden: 403,
  unauthenticated: 401,
  rate_limited: 429,
  too_large: 413,
  unavailable: 503,
};

export function statusOf(error: unknown): ContentfulStatusCode {
  return isDomainError(error) ? STATUS_BY_KIND[error.kind] : 500;
}

export const GENERIC_ERROR =
  'Er ging iets mis aan onze kant. Probeer het later opnieuw; blijft het misgaan, geef dan het referentienummer door aan de beheerder.';

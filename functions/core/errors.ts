import * as z from 'zod';

/**
 * Base of every domain error. `message` is English (for logs), `userMessage` is Dutch (for people).
 * Neither may ever contain a phone number, a name or an address: put identifiers in `context` only when
 * they are not personal data (ids, counts, field names).
 */
export type ErrorContext = Record<string, string | number | boolean | null | undefined>;

export interface DomainErrorOptions {
  cause?: unknown;
  /** Dutch, shown to users. */
  userMessage: string;
  context?: ErrorContext;
}

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  readonly userMessage: string;
  readonly context: ErrorContext;

  constructor(message: string, options: DomainErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.userMessage = options.userMessage;
    this.context = options.context ?? {};
  }
}

/** The kinds the HTTP layer maps to status codes; nothing else in core knows about HTTP. */
export type DomainErrorKind =
  | 'validation'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'unauthenticated'
  | 'rate_limited'
  | 'too_large'
  | 'unavailable';

/** Input that breaks a rule; the user can fix it. */
export class ValidationError extends DomainError {
  readonly kind = 'validation' as const;
}

export class NotFoundError extends DomainError {
  readonly kind = 'not_found' as const;
}

/** A concurrent or stale change lost a conditional write, or a state transition is not allowed now. */
export class ConflictError extends DomainError {
  readonly kind = 'conflict' as const;
}

export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden' as const;
}

export class UnauthenticatedError extends DomainError {
  readonly kind = 'unauthenticated' as const;
}

export class RateLimitedError extends DomainError {
  readonly kind = 'rate_limited' as const;
}

export class TooLargeError extends DomainError {
  readonly kind = 'too_large' as const;
}

/** An external system could not be reached or answered with a server error. */
export class UnavailableError extends DomainError {
  readonly kind = 'unavailable' as const;
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

const CLASS_OF_KIND: Record<
  DomainErrorKind,
  new (
    message: string,
    options: DomainErrorOptions,
  ) => DomainError
> = {
  validation: ValidationError,
  not_found: NotFoundError,
  conflict: ConflictError,
  forbidden: ForbiddenError,
  unauthenticated: UnauthenticatedError,
  rate_limited: RateLimitedError,
  too_large: TooLargeError,
  unavailable: UnavailableError,
};

/** A domain error as plain data, to cross a process boundary (the web function invoking another function). */
export const SerialisedDomainErrorSchema = z.object({
  kind: z.enum(Object.keys(CLASS_OF_KIND) as [DomainErrorKind, ...DomainErrorKind[]]),
  /** English, for logs. */
  message: z.string(),
  /** Dutch, for the person. */
  userMessage: z.string(),
  context: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type SerialisedDomainError = z.infer<typeof SerialisedDomainErrorSchema>;

export function serialiseDomainError(error: DomainError): SerialisedDomainError {
  const context = Object.fromEntries(
    Object.entries(error.context).filter(
      (e): e is [string, string | number | boolean | null] => e[1] !== undefined,
    ),
  );
  return { kind: error.kind, message: error.message, userMessage: error.userMessage, context };
}

/** The same error on this side of the boundary: same kind (so the same HTTP status), same Dutch message. */
export function domainErrorFrom(data: SerialisedDomainError): DomainError {
  const Class = CLASS_OF_KIND[data.kind];
  return new Class(data.message, { userMessage: data.userMessage, context: data.context });
}

import { UnavailableError, ValidationError } from '../../core/errors.js';

/** SES's own refusals of this message: sending it again would be refused again. */
const REFUSED = new Set([
  'MessageRejected',
  'MailFromDomainNotVerifiedException',
  'BadRequestException',
  'NotFoundException',
]);

/** The error's name if it looks like one, never its message: SES messages quote the addresses. */
function safeName(error: unknown): string {
  const e = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const name = typeof e.name === 'string' ? e.name : typeof e.code === 'string' ? e.code : '';
  return /^[A-Za-z][A-Za-z0-9_.:-]{0,79}$/.test(name) ? name : 'error';
}

/**
 * Translates an SESv2 `SendEmail` failure into a domain error: SES refusing the message (an unverified
 * sender, a malformed address) is a ValidationError; throttling, a paused or suspended account, missing
 * rights, a server error or no connection is an UnavailableError. Only the error's name is kept: SES's
 * messages quote e-mail addresses.
 */
export function mailErrorOf(error: unknown): ValidationError | UnavailableError {
  const code = safeName(error);
  if (REFUSED.has(code)) {
    return new ValidationError(`SES refused the mail: ${code}`, {
      userMessage: 'De e-mail is geweigerd door de mailprovider.',
      context: { code },
    });
  }
  return new UnavailableError(`SES could not take the mail: ${code}`, {
    userMessage: 'De mailprovider is nu niet bereikbaar. Probeer het later opnieuw.',
    context: { code },
  });
}

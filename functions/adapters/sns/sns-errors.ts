import { type GatewayOutcome, refused } from '../../core/sending/sms-gateway.js';

/** How SNS (and End User Messaging behind it) names the exhausted monthly SMS budget. */
export const SPEND_LIMIT_REASON = 'MONTHLY_SPEND_LIMIT_REACHED_FOR_TEXT';

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
]);
const INVALID = new Set([
  'InvalidParameterException',
  'InvalidParameterValueException',
  'ValidationException',
]);
const NOT_AUTHORISED = new Set([
  'AuthorizationErrorException',
  'InvalidSecurityException',
  'AccessDeniedException',
  'AccessDenied',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'CredentialsProviderError',
]);
const KMS_UNAVAILABLE = new Set([
  'KMSAccessDeniedException',
  'KMSDisabledException',
  'KMSInvalidStateException',
  'KMSNotFoundException',
  'KMSOptInRequired',
]);
const NOT_A_PHONE_TARGET = new Set([
  'EndpointDisabledException',
  'NotFoundException',
  'PlatformApplicationDisabledException',
]);
/** Socket errors raised before a connection exists: the request cannot have left. */
const BEFORE_CONNECTION = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

interface ErrorFacts {
  name: string;
  message: string;
  reason: string;
  code: string;
  status: number | undefined;
}

function facts(error: unknown): ErrorFacts {
  const e = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const text = (v: unknown): string => (typeof v === 'string' ? v : '');
  const metadata = (typeof e.$metadata === 'object' && e.$metadata !== null ? e.$metadata : {}) as Record<
    string,
    unknown
  >;
  const status = typeof metadata.httpStatusCode === 'number' ? metadata.httpStatusCode : undefined;
  return {
    name: text(e.name) || text(e.Code),
    message: text(e.message),
    reason: text(e.Reason) || text(e.reason),
    code: text(e.code) || text(e.errno),
    status,
  };
}

/** The error's name if it looks like one, never its message: SNS messages can quote the phone number. */
function safeName(name: string): string {
  return /^[A-Za-z][A-Za-z0-9_.:-]{0,79}$/.test(name) ? name : 'error';
}

/**
 * Translates an error from `Publish` into a gateway outcome. Only errors that prove SNS refused the request
 * become `refused`; a server error, a reset connection or a timeout after the request left is `unknown`.
 * Why 5xx is unknown: SNS may have accepted the message before failing, and a resend would be a second SMS.
 */
export function outcomeForPublishError(error: unknown): GatewayOutcome {
  const f = facts(error);
  const name = safeName(f.name);
  if ([f.name, f.message, f.reason, f.code].some((v) => v.includes(SPEND_LIMIT_REASON))) {
    return refused('spend_limit', `SNS refused: ${SPEND_LIMIT_REASON}`);
  }
  if (THROTTLING.has(f.name) || f.status === 429) return refused('throttled', `SNS refused: ${name}`);
  if (f.name === 'KMSThrottlingException') return refused('kms_throttled', `SNS refused: ${name}`);
  if (f.name === 'OptedOutException') return refused('opted_out', `SNS refused: ${name}`);
  if (INVALID.has(f.name)) {
    const aboutNumber = /phone\s*number|destination/i.test(f.message);
    return refused(aboutNumber ? 'invalid_number' : 'invalid_request', `SNS refused: ${name}`);
  }
  if (NOT_AUTHORISED.has(f.name)) return refused('not_authorised', `SNS refused: ${name}`);
  if (KMS_UNAVAILABLE.has(f.name)) return refused('kms_unavailable', `SNS refused: ${name}`);
  if (NOT_A_PHONE_TARGET.has(f.name)) return refused('invalid_request', `SNS refused: ${name}`);
  if (BEFORE_CONNECTION.has(f.code))
    return refused('network_before_send', `no connection to SNS: ${safeName(f.code)}`);
  if (/without establishing a connection/i.test(f.message)) {
    return refused('network_before_send', 'no connection to SNS: connect timeout');
  }
  if (f.status !== undefined && f.status >= 400 && f.status < 500 && f.status !== 408) {
    return refused('invalid_request', `SNS refused: ${name} (${f.status})`);
  }
  const detail = f.status !== undefined ? `${name} (${f.status})` : safeName(f.code || f.name);
  return { kind: 'unknown', reason: `SNS outcome unknown: ${detail}` };
}

/**
 * Translates an error from `CheckIfPhoneNumberIsOptedOut`, which runs before `Publish`: whatever went wrong,
 * nothing was published, so a failure here is always a refusal and never `unknown`.
 */
export function outcomeForOptOutCheckError(error: unknown): GatewayOutcome {
  const f = facts(error);
  const name = safeName(f.name || f.code);
  if (THROTTLING.has(f.name) || f.status === 429)
    return refused('throttled', `opt-out check refused: ${name}`);
  if (NOT_AUTHORISED.has(f.name)) return refused('not_authorised', `opt-out check refused: ${name}`);
  if (INVALID.has(f.name)) return refused('invalid_number', `opt-out check refused: ${name}`);
  return refused('network_before_send', `opt-out check failed, nothing published: ${name}`);
}

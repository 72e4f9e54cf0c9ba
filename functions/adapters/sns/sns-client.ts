import { SNSClient, type SNSClientConfig } from '@aws-sdk/client-sns';

export interface SnsClientOptions {
  region: string;
  /** A different endpoint, for tests against a local server. */
  endpoint?: string;
  credentials?: SNSClientConfig['credentials'];
  /** Time allowed to open a connection; failing here proves nothing was sent. */
  connectionTimeoutMs?: number;
  /** Time allowed for an answer once the request is out; failing here makes the outcome unknown. */
  requestTimeoutMs?: number;
}

/**
 * Creates the SNS client for sending SMS, with the SDK's own retries switched off (`maxAttempts: 1`).
 * Why: SDK v3 retries throttling, 5xx answers and timeouts by itself, and a retry after a lost response sends
 * the same text to the same person twice. Our retry policy retries only what SNS proved it refused.
 */
export function createSnsClient(options: SnsClientOptions): SNSClient {
  return new SNSClient({
    region: options.region,
    maxAttempts: 1,
    requestHandler: {
      connectionTimeout: options.connectionTimeoutMs ?? 3_000,
      requestTimeout: options.requestTimeoutMs ?? 10_000,
      // Without this the handler only logs a warning when the request timeout passes and keeps waiting.
      throwOnRequestTimeout: true,
    },
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
  });
}

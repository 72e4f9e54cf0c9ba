import {
  CheckIfPhoneNumberIsOptedOutCommand,
  InternalErrorException,
  InvalidParameterException,
  KMSThrottlingException,
  OptedOutException,
  PublishCommand,
  SNSServiceException,
  ThrottledException,
} from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSnsClient } from '../../../functions/adapters/sns/sns-client.js';
import { SnsSmsGateway } from '../../../functions/adapters/sns/sns-sms-gateway.js';
import { DEFAULT_RETRY_POLICY, sendWithRetry } from '../../../functions/core/sending/retry-policy.js';

const client = createSnsClient({
  region: 'eu-west-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'example' },
});
const sns = mockClient(client);
const meta = { $metadata: { httpStatusCode: 400 } };

/** What an injected Publish fault does; `mayHaveSent` marks those after which SNS may hold the message. */
const PUBLISH_FAULTS = {
  ok: { mayHaveSent: true, make: () => undefined },
  throttled: {
    mayHaveSent: false,
    make: () => new ThrottledException({ message: 'Rate exceeded', ...meta }),
  },
  kms_throttled: { mayHaveSent: false, make: () => new KMSThrottlingException({ message: 'slow', ...meta }) },
  invalid_number: {
    mayHaveSent: false,
    make: () => new InvalidParameterException({ message: 'Invalid parameter: PhoneNumber', ...meta }),
  },
  opted_out: { mayHaveSent: false, make: () => new OptedOutException({ message: 'opted out', ...meta }) },
  spend_limit: {
    mayHaveSent: false,
    make: () =>
      Object.assign(
        new SNSServiceException({
          name: 'ServiceQuotaExceededException',
          $fault: 'client',
          ...meta,
          message: 'quota',
        }),
        { Reason: 'MONTHLY_SPEND_LIMIT_REACHED_FOR_TEXT' },
      ),
  },
  refused_connection: {
    mayHaveSent: false,
    make: () => Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
  },
  server_error: {
    mayHaveSent: true,
    make: () => new InternalErrorException({ message: 'x', $metadata: { httpStatusCode: 500 } }),
  },
  reset: {
    mayHaveSent: true,
    make: () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
  },
  timeout: {
    mayHaveSent: true,
    make: () => Object.assign(new Error('request timeout'), { name: 'TimeoutError', code: 'ETIMEDOUT' }),
  },
} as const;
type PublishFault = keyof typeof PUBLISH_FAULTS;

const CHECK_FAULTS = ['in', 'out', 'throttled', 'server_error', 'reset'] as const;
type CheckFault = (typeof CHECK_FAULTS)[number];

function numberFor(i: number): string {
  return `+316${String(10_000_000 + i).slice(-8)}`;
}

describe('retry policy and SNS gateway under injected faults', () => {
  it('property: no number is ever published again after a Publish that may have reached SNS', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...(Object.keys(PUBLISH_FAULTS) as PublishFault[])), { maxLength: 60 }),
        fc.array(fc.constantFrom(...CHECK_FAULTS), { maxLength: 30 }),
        fc.integer({ min: 1, max: 8 }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        async (publishFaults, checkFaults, recipients, jitter) => {
          // Prepare
          sns.reset();
          const publishQueue = [...publishFaults];
          const checkQueue: CheckFault[] = [...checkFaults];
          const log: { to: string; mayHaveSent: boolean }[] = [];
          sns.on(CheckIfPhoneNumberIsOptedOutCommand).callsFake(async () => {
            const fault = checkQueue.shift() ?? 'in';
            if (fault === 'throttled') throw new ThrottledException({ message: 'Rate exceeded', ...meta });
            if (fault === 'server_error') {
              throw new InternalErrorException({ message: 'x', $metadata: { httpStatusCode: 500 } });
            }
            if (fault === 'reset') throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
            return { isOptedOut: fault === 'out' };
          });
          sns.on(PublishCommand).callsFake(async (input: { PhoneNumber: string }) => {
            const fault = publishQueue.shift() ?? 'ok';
            log.push({ to: input.PhoneNumber, mayHaveSent: PUBLISH_FAULTS[fault].mayHaveSent });
            const error = PUBLISH_FAULTS[fault].make();
            if (error !== undefined) throw error;
            return { MessageId: `m-${log.length}` };
          });
          const gateway = new SnsSmsGateway(client);
          const sleeps: number[] = [];
          const dispositions = new Map<string, Awaited<ReturnType<typeof sendWithRetry>>>();

          // Act
          for (let i = 0; i < recipients; i++) {
            const to = numberFor(i);
            dispositions.set(
              to,
              await sendWithRetry(
                gateway,
                { to, body: 'Hulp nodig? https://x.example.nl/a', senderId: 'Utrecht' },
                {
                  policy: DEFAULT_RETRY_POLICY,
                  random: () => jitter,
                  sleep: async (ms) => {
                    sleeps.push(ms);
                  },
                },
              ),
            );
          }

          // Assess
          for (const [to, disposition] of dispositions) {
            const calls = log.filter((c) => c.to === to);
            const risky = calls.findIndex((c) => c.mayHaveSent);
            expect(risky === -1 || risky === calls.length - 1).toBe(true);
            expect(calls.length).toBeLessThanOrEqual(DEFAULT_RETRY_POLICY.maxAttempts);
            if (disposition.kind === 'sent' || disposition.kind === 'unknown')
              expect(risky).toBe(calls.length - 1);
            if (disposition.kind === 'failed' || disposition.kind === 'released') expect(risky).toBe(-1);
          }
          expect(sleeps.every((ms) => ms <= DEFAULT_RETRY_POLICY.maxDelayMs)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});

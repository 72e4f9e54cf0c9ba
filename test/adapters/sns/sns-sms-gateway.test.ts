import 'aws-sdk-client-mock-vitest/extend';
import {
  AuthorizationErrorException,
  CheckIfPhoneNumberIsOptedOutCommand,
  InternalErrorException,
  InvalidParameterException,
  KMSDisabledException,
  KMSThrottlingException,
  OptedOutException,
  PublishCommand,
  SNSServiceException,
  ThrottledException,
} from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createSnsClient } from '../../../functions/adapters/sns/sns-client.js';
import { outcomeForPublishError } from '../../../functions/adapters/sns/sns-errors.js';
import { SnsSmsGateway } from '../../../functions/adapters/sns/sns-sms-gateway.js';
import type { GatewayOutcome, SmsMessage } from '../../../functions/core/sending/sms-gateway.js';
import { FIXTURE_NUMBER } from './fixtures.js';

const client = createSnsClient({
  region: 'eu-west-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'example' },
});
const sns = mockClient(client);
const message: SmsMessage = {
  to: FIXTURE_NUMBER,
  body: 'Hulp nodig? https://x.example.nl/a',
  senderId: 'Utrecht',
};
const meta = { $metadata: { httpStatusCode: 400 } };

function serviceError(
  name: string,
  status: number,
  extra: Record<string, unknown> = {},
): SNSServiceException {
  return Object.assign(
    new SNSServiceException({
      name,
      $fault: status >= 500 ? 'server' : 'client',
      $metadata: { httpStatusCode: status },
      message: `Invalid parameter: PhoneNumber Reason: ${FIXTURE_NUMBER} example`,
    }),
    extra,
  );
}

function networkError(message: string, fields: Record<string, unknown>): Error {
  return Object.assign(new Error(message), fields);
}

beforeEach(() => {
  sns.reset();
  sns.on(CheckIfPhoneNumberIsOptedOutCommand).resolves({ isOptedOut: false });
});

describe('SnsSmsGateway.send', () => {
  it('publishes a Transactional SMS with the sender id and returns the message id', async () => {
    // Prepare
    sns.on(PublishCommand).resolves({ MessageId: 'sns-message-1' });
    const gateway = new SnsSmsGateway(client);
    // Act
    const outcome = await gateway.send(message);
    // Assess
    expect(outcome).toEqual({ kind: 'accepted', messageId: 'sns-message-1' });
    expect(sns).toHaveReceivedCommandExactlyOnceWith(PublishCommand, {
      PhoneNumber: FIXTURE_NUMBER,
      Message: message.body,
      MessageAttributes: {
        'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
        'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'Utrecht' },
      },
    });
  });

  it('adds MaxPrice as a Number attribute when given', async () => {
    // Prepare
    sns.on(PublishCommand).resolves({ MessageId: 'm' });
    // Act
    await new SnsSmsGateway(client).send({ ...message, maxPrice: 0.25 });
    // Assess
    expect(sns).toHaveReceivedCommandWith(PublishCommand, {
      MessageAttributes: expect.objectContaining({
        'AWS.SNS.SMS.MaxPrice': { DataType: 'Number', StringValue: '0.25' },
      }),
    });
  });

  it('refuses an invalid sender id, number or price without calling SNS', async () => {
    // Prepare
    const gateway = new SnsSmsGateway(client);
    // Act
    const outcomes = [
      await gateway.send({ ...message, senderId: 'Gemeente Utrecht' }),
      await gateway.send({ ...message, senderId: '0302860000' }),
      await gateway.send({ ...message, to: '0612345678' }),
      await gateway.send({ ...message, maxPrice: 0.0000001 }),
    ];
    // Assess
    expect(outcomes.map((o) => (o.kind === 'refused' ? o.code : o.kind))).toEqual([
      'invalid_request',
      'invalid_request',
      'invalid_number',
      'invalid_request',
    ]);
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
    expect(sns).not.toHaveReceivedCommand(CheckIfPhoneNumberIsOptedOutCommand);
  });

  it('checks the opt-out list first, refuses an opted-out number and caches the answer per gateway', async () => {
    // Prepare
    sns.on(CheckIfPhoneNumberIsOptedOutCommand).resolves({ isOptedOut: true });
    const gateway = new SnsSmsGateway(client);
    // Act
    const first = await gateway.send(message);
    const second = await gateway.send(message);
    const asked = await gateway.isOptedOut(FIXTURE_NUMBER);
    const fresh = await new SnsSmsGateway(client).isOptedOut(FIXTURE_NUMBER);
    // Assess
    expect(first).toMatchObject({ kind: 'refused', code: 'opted_out', transient: false });
    expect(second).toEqual(first);
    expect(asked).toBe(true);
    expect(fresh).toBe(true);
    expect(sns).toHaveReceivedCommandTimes(CheckIfPhoneNumberIsOptedOutCommand, 2);
    expect(sns).toHaveReceivedCommandWith(CheckIfPhoneNumberIsOptedOutCommand, {
      phoneNumber: FIXTURE_NUMBER,
    });
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
  });

  it('does not cache a failed opt-out check, and a failed check never publishes', async () => {
    // Prepare
    sns
      .on(CheckIfPhoneNumberIsOptedOutCommand)
      .rejectsOnce(new ThrottledException({ message: 'Rate exceeded', ...meta }))
      .resolves({ isOptedOut: false });
    sns.on(PublishCommand).resolves({ MessageId: 'm' });
    const gateway = new SnsSmsGateway(client);
    // Act
    const first = await gateway.send(message);
    const second = await gateway.send(message);
    // Assess
    expect(first).toMatchObject({ kind: 'refused', code: 'throttled', transient: true });
    expect(second).toEqual({ kind: 'accepted', messageId: 'm' });
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
  });

  it('maps an opt-out check that fails in any other way to a transient refusal, never unknown', async () => {
    // Prepare
    sns
      .on(CheckIfPhoneNumberIsOptedOutCommand)
      .rejects(networkError('socket hang up', { code: 'ECONNRESET' }));
    // Act
    const outcome = await new SnsSmsGateway(client).send(message);
    // Assess
    expect(outcome).toMatchObject({ kind: 'refused', code: 'network_before_send', transient: true });
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
  });

  it('isOptedOut throws a Dutch UnavailableError without the number when SNS fails', async () => {
    // Prepare
    sns.on(CheckIfPhoneNumberIsOptedOutCommand).rejects(serviceError('InternalError', 500));
    // Act
    const error = await new SnsSmsGateway(client).isOptedOut(FIXTURE_NUMBER).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ kind: 'unavailable' });
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain('612345678');
  });

  it('treats a 200 without a message id as unknown', async () => {
    // Prepare
    sns.on(PublishCommand).resolves({});
    // Act / Assess
    expect(await new SnsSmsGateway(client).send(message)).toMatchObject({ kind: 'unknown' });
  });
});

describe('Publish error mapping', () => {
  const table: [string, unknown, string][] = [
    [
      'ThrottledException',
      new ThrottledException({ message: 'Rate exceeded', ...meta }),
      'refused:throttled:transient',
    ],
    ['Throttling (query code)', serviceError('Throttling', 400), 'refused:throttled:transient'],
    ['ThrottlingException', serviceError('ThrottlingException', 400), 'refused:throttled:transient'],
    ['HTTP 429', serviceError('SlowDown', 429), 'refused:throttled:transient'],
    [
      'KMSThrottlingException',
      new KMSThrottlingException({ message: 'k', ...meta }),
      'refused:kms_throttled:transient',
    ],
    [
      'InvalidParameter about the number',
      new InvalidParameterException({
        message: `Invalid parameter: PhoneNumber Reason: ${FIXTURE_NUMBER}`,
        ...meta,
      }),
      'refused:invalid_number:permanent',
    ],
    [
      'InvalidParameter about something else',
      new InvalidParameterException({ message: 'Invalid parameter: MessageAttributes', ...meta }),
      'refused:invalid_request:permanent',
    ],
    [
      'OptedOutException',
      new OptedOutException({ message: 'opted out', ...meta }),
      'refused:opted_out:permanent',
    ],
    [
      'AuthorizationErrorException',
      new AuthorizationErrorException({ message: 'no', ...meta }),
      'refused:not_authorised:permanent',
    ],
    [
      'KMSDisabledException',
      new KMSDisabledException({ message: 'off', ...meta }),
      'refused:kms_unavailable:permanent',
    ],
    [
      'spend limit as a Reason',
      serviceError('ServiceQuotaExceededException', 400, { Reason: 'MONTHLY_SPEND_LIMIT_REACHED_FOR_TEXT' }),
      'refused:spend_limit:permanent',
    ],
    [
      'spend limit in the message',
      new InvalidParameterException({ message: 'Reason: MONTHLY_SPEND_LIMIT_REACHED_FOR_TEXT', ...meta }),
      'refused:spend_limit:permanent',
    ],
    [
      'spend limit as the code',
      serviceError('MONTHLY_SPEND_LIMIT_REACHED_FOR_TEXT', 400),
      'refused:spend_limit:permanent',
    ],
    ['other 4xx', serviceError('SomethingNew', 400), 'refused:invalid_request:permanent'],
    [
      'InternalErrorException',
      new InternalErrorException({ message: 'x', $metadata: { httpStatusCode: 500 } }),
      'unknown',
    ],
    ['503', serviceError('ServiceUnavailable', 503), 'unknown'],
    ['HTTP 408', serviceError('RequestTimeout', 408), 'unknown'],
    ['connection reset', networkError('socket hang up', { code: 'ECONNRESET' }), 'unknown'],
    [
      'request timeout',
      networkError('Connection timed out after 10000 ms', { name: 'TimeoutError' }),
      'unknown',
    ],
    ['aborted', networkError('Request aborted', { name: 'AbortError' }), 'unknown'],
    [
      'connection refused',
      networkError('connect ECONNREFUSED', { code: 'ECONNREFUSED' }),
      'refused:network_before_send:transient',
    ],
    [
      'DNS failure',
      networkError('getaddrinfo ENOTFOUND', { code: 'ENOTFOUND' }),
      'refused:network_before_send:transient',
    ],
    [
      'connect timeout',
      networkError('Socket timed out without establishing a connection within 3000 ms', {
        name: 'TimeoutError',
      }),
      'refused:network_before_send:transient',
    ],
    ['not an error at all', 'boom', 'unknown'],
  ];

  function label(o: GatewayOutcome): string {
    return o.kind === 'refused' ? `refused:${o.code}:${o.transient ? 'transient' : 'permanent'}` : o.kind;
  }

  it.each(table)('%s', async (_name, error, expected) => {
    // Prepare
    sns.on(PublishCommand).rejects(error as Error);
    // Act
    const outcome = await new SnsSmsGateway(client).send(message);
    // Assess
    expect(label(outcome)).toBe(expected);
    expect(JSON.stringify(outcome)).not.toContain('612345678');
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
  });

  it('never puts the SNS error message into the reason', () => {
    // Act
    const outcome = outcomeForPublishError(serviceError(`Weird ${FIXTURE_NUMBER}`, 500));
    // Assess
    expect(JSON.stringify(outcome)).not.toContain('612345678');
  });
});

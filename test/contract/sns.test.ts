import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSnsClient } from '../../functions/adapters/sns/sns-client.js';
import { SnsSmsGateway } from '../../functions/adapters/sns/sns-sms-gateway.js';
import { type SnsQueryServer, startSnsQueryServer } from '../fixtures/sns-query-server.js';
import { smsGatewayContract } from './sms-gateway.contract.js';

/**
 * The SNS gateway against the SmsGateway contract: the real SDK client, retries off as in AWS, pointed at a
 * local server that speaks the SNS query protocol and refuses malformed requests as SNS does.
 */
smsGatewayContract('SNS (query protocol, local server)', async () => {
  const sns = await startSnsQueryServer();
  const client = createSnsClient({
    region: 'eu-central-1',
    endpoint: sns.url,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'example' },
  });
  return {
    gateway: new SnsSmsGateway(client),
    received: async () => sns.published.map(({ to, body, messageId }) => ({ to, body, messageId })),
    throttle: async (on) => {
      sns.throttle = on;
    },
    optOut: async (e164) => {
      sns.optedOut.add(e164);
    },
    malformedRequests: async () => sns.refusedRequests.length,
    close: async () => {
      client.destroy();
      await sns.close();
    },
  };
});

describe('the local SNS server', () => {
  let sns: SnsQueryServer;
  let client: SNSClient;
  beforeAll(async () => {
    sns = await startSnsQueryServer();
    client = createSnsClient({
      region: 'eu-central-1',
      endpoint: sns.url,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'example' },
    });
  });
  afterAll(async () => {
    client.destroy();
    await sns.close();
  });

  it('refuses what SNS refuses: unsigned requests, other versions, unknown parameters, bad numbers and attributes', async () => {
    // Prepare
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(sns.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body,
      });
    const signed = {
      authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260302/eu-central-1/sns/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
      'x-amz-date': '20260302T090000Z',
    };
    const publish = 'Action=Publish&Version=2010-03-31&PhoneNumber=%2B31612345678&Message=Hallo';
    // Act
    const unsigned = await post(publish);
    const oldVersion = await post(publish.replace('2010-03-31', '2009-01-01'), signed);
    const unknown = await post(`${publish}&Subjekt=x`, signed);
    const wellFormed = await post(publish, signed);
    const badNumber = await client
      .send(new PublishCommand({ PhoneNumber: '0612345678', Message: 'Hallo' }))
      .catch((e: unknown) => e);
    const badSender = await client
      .send(
        new PublishCommand({
          PhoneNumber: '+31612345678',
          Message: 'Hallo',
          MessageAttributes: {
            'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'Veel te lange naam' },
          },
        }),
      )
      .catch((e: unknown) => e);
    // Assess
    expect([unsigned.status, oldVersion.status, unknown.status, wellFormed.status]).toEqual([
      403, 400, 400, 200,
    ]);
    expect(badNumber).toMatchObject({ name: 'InvalidParameterException' });
    expect(badSender).toMatchObject({ name: 'InvalidParameterException' });
    expect(sns.refusedRequests).toEqual([
      'IncompleteSignature',
      'InvalidParameterValue',
      'InvalidParameter',
      'InvalidParameter',
      'InvalidParameter',
    ]);
    expect(sns.published.map((m) => m.to)).toEqual(['+31612345678']);
  });
});

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSnsClient } from '../../../functions/adapters/sns/sns-client.js';
import { SnsSmsGateway } from '../../../functions/adapters/sns/sns-sms-gateway.js';
import { FIXTURE_NUMBER } from './fixtures.js';

type Behaviour = 'ok' | 'throttle' | 'server_error' | 'hang';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'example' };
const xmlns = 'http://sns.amazonaws.com/doc/2010-03-31/';
let server: Server;
let endpoint: string;
let behaviour: Behaviour = 'ok';
const publishes: URLSearchParams[] = [];
const hanging: ServerResponse[] = [];

function errorXml(type: string, code: string, message: string): string {
  return `<ErrorResponse xmlns="${xmlns}"><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>req-1</RequestId></ErrorResponse>`;
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  let body = '';
  req.on('data', (chunk: Buffer) => {
    body += chunk.toString('utf8');
  });
  req.on('end', () => {
    const form = new URLSearchParams(body);
    res.setHeader('content-type', 'text/xml');
    if (form.get('Action') === 'CheckIfPhoneNumberIsOptedOut') {
      res.end(
        `<CheckIfPhoneNumberIsOptedOutResponse xmlns="${xmlns}"><CheckIfPhoneNumberIsOptedOutResult><isOptedOut>false</isOptedOut></CheckIfPhoneNumberIsOptedOutResult><ResponseMetadata><RequestId>req-0</RequestId></ResponseMetadata></CheckIfPhoneNumberIsOptedOutResponse>`,
      );
      return;
    }
    publishes.push(form);
    if (behaviour === 'hang') {
      hanging.push(res);
      return;
    }
    if (behaviour === 'throttle') {
      res.statusCode = 400;
      res.end(errorXml('Sender', 'Throttling', 'Rate exceeded'));
      return;
    }
    if (behaviour === 'server_error') {
      res.statusCode = 500;
      res.end(errorXml('Receiver', 'InternalError', 'Internal failure'));
      return;
    }
    res.end(
      `<PublishResponse xmlns="${xmlns}"><PublishResult><MessageId>5f0e3a8c-1b2d-5e6f-9a0b-1c2d3e4f5a6b</MessageId></PublishResult><ResponseMetadata><RequestId>req-2</RequestId></ResponseMetadata></PublishResponse>`,
    );
  });
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const res of hanging) res.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  publishes.length = 0;
  behaviour = 'ok';
});

function gateway(requestTimeoutMs = 2_000): SnsSmsGateway {
  return new SnsSmsGateway(createSnsClient({ region: 'eu-west-1', endpoint, credentials, requestTimeoutMs }));
}

const message = { to: FIXTURE_NUMBER, body: 'Hulp nodig? https://x.example.nl/a', senderId: 'Utrecht' };

describe('createSnsClient', () => {
  it('switches the SDK retries off', async () => {
    // Act
    const client = createSnsClient({ region: 'eu-west-1', credentials });
    // Assess
    expect(await client.config.maxAttempts()).toBe(1);
  });

  it('sends the SMS attributes over the wire as SNS expects them', async () => {
    // Act
    const outcome = await gateway().send({ ...message, maxPrice: 0.5 });
    // Assess
    expect(outcome).toEqual({ kind: 'accepted', messageId: '5f0e3a8c-1b2d-5e6f-9a0b-1c2d3e4f5a6b' });
    const form = publishes[0]!;
    expect(form.get('PhoneNumber')).toBe(FIXTURE_NUMBER);
    const attributes = new Map<string, string | null>();
    for (let i = 1; form.has(`MessageAttributes.entry.${i}.Name`); i++) {
      attributes.set(
        form.get(`MessageAttributes.entry.${i}.Name`)!,
        form.get(`MessageAttributes.entry.${i}.Value.StringValue`),
      );
    }
    expect(Object.fromEntries(attributes)).toEqual({
      'AWS.SNS.SMS.SMSType': 'Transactional',
      'AWS.SNS.SMS.SenderID': 'Utrecht',
      'AWS.SNS.SMS.MaxPrice': '0.5',
    });
  });

  it('a throttled Publish reaches SNS exactly once and comes back as a transient refusal', async () => {
    // Prepare
    behaviour = 'throttle';
    // Act
    const outcome = await gateway().send(message);
    // Assess
    expect(outcome).toMatchObject({ kind: 'refused', code: 'throttled', transient: true });
    expect(publishes).toHaveLength(1);
  });

  it('a 500 reaches SNS exactly once and is unknown, where a default client would have sent it three times', async () => {
    // Prepare
    behaviour = 'server_error';
    const defaultClient = new SNSClient({ region: 'eu-west-1', endpoint, credentials });
    // Act
    const outcome = await gateway().send(message);
    const ours = publishes.length;
    await defaultClient
      .send(new PublishCommand({ PhoneNumber: FIXTURE_NUMBER, Message: 'x' }))
      .catch(() => undefined);
    // Assess
    expect(outcome).toMatchObject({ kind: 'unknown' });
    expect(ours).toBe(1);
    expect(publishes.length - ours).toBe(3);
  });

  it('a Publish whose answer never comes is unknown after the request timeout and is not repeated', async () => {
    // Prepare
    behaviour = 'hang';
    // Act
    const outcome = await gateway(300).send(message);
    // Assess
    expect(outcome).toMatchObject({ kind: 'unknown' });
    expect(publishes).toHaveLength(1);
  });
});

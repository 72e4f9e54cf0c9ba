import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSesClient, SesMailer } from '../../functions/adapters/ses/ses-mailer.js';
import { type SesServer, startSesServer } from '../fixtures/ses-server.js';
import { mailerContract } from './mailer.contract.js';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'example' };

/**
 * The SES mailer against the Mailer contract: the real SESv2 SDK client pointed at a local server that
 * speaks SendEmail and refuses what SES refuses (unsigned requests, unknown fields, unverified senders).
 */
mailerContract(
  'SES (SESv2 API, local server)',
  async () => {
    const ses = await startSesServer({ verified: ['gemeente.example'] });
    const client = await createSesClient({ region: 'eu-west-1', endpoint: ses.url, credentials });
    const refusedBefore = () => ses.refusedRequests.filter((c) => c !== 'MessageRejected').length;
    return {
      mailer: new SesMailer({ from: 'perspectief@gemeente.example', client: async () => client }),
      unverified: new SesMailer({ from: 'perspectief@elders.example', client: async () => client }),
      received: async () =>
        ses.sent.map((m) => ({ to: m.to[0]!, subject: m.subject, text: m.text, messageId: m.messageId })),
      throttle: async (on) => {
        ses.throttle = on;
      },
      malformedRequests: async () => refusedBefore(),
      close: async () => {
        client.destroy();
        await ses.close();
      },
    };
  },
  { verifiesSenders: true, throttles: true },
);

describe('the local SES server', () => {
  let ses: SesServer;
  beforeAll(async () => {
    ses = await startSesServer({ verified: ['afzender@gemeente.example'] });
  });
  afterAll(async () => ses.close());

  it('refuses what SES refuses: unsigned requests, unknown fields and unverified senders', async () => {
    // Prepare
    const client = await createSesClient({ region: 'eu-west-1', endpoint: ses.url, credentials });
    const body = {
      FromEmailAddress: 'afzender@gemeente.example',
      Destination: { ToAddresses: ['om@gemeente.example'] },
      Content: { Simple: { Subject: { Data: 'Taak' }, Body: { Text: { Data: 'Tekst' } } } },
    };
    // Act
    const unsigned = await fetch(`${ses.url}/v2/email/outbound-emails`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const signed = {
      'content-type': 'application/json',
      authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261205/eu-west-1/ses/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
      'x-amz-date': '20261205T010000Z',
    };
    const unknownField = await fetch(`${ses.url}/v2/email/outbound-emails`, {
      method: 'POST',
      headers: signed,
      body: JSON.stringify({ ...body, Onderwerp: 'x' }),
    });
    const otherSender = await client
      .send(new SendEmailCommand({ ...body, FromEmailAddress: 'iemand@elders.example' }))
      .catch((e: unknown) => e);
    const accepted = await client.send(new SendEmailCommand(body));
    // Assess
    expect(unsigned.status).toBe(403);
    expect(otherSender).toMatchObject({ name: 'MessageRejected' });
    expect(accepted.MessageId).toMatch(/^0102/);
    expect(ses.sent.map((m) => m.to)).toEqual([['om@gemeente.example']]);
    expect(ses.refusedRequests).toContain('IncompleteSignatureException');
    expect(ses.refusedRequests).toContain('MessageRejected');
    expect(unknownField.status).toBe(400);
    expect(unknownField.headers.get('x-amzn-errortype')).toBe('BadRequestException');
    client.destroy();
  });
});

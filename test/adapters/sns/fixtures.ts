import { gzipSync } from 'node:zlib';

/** A fictitious Dutch mobile number used in every fixture; tests assert it never comes out. */
export const FIXTURE_NUMBER = '+31612345678';

/** A success line as SNS writes it to `sns/eu-west-1/<account>/DirectPublishToPhoneNumber`. */
export function successLine(messageId: string): Record<string, unknown> {
  return {
    notification: { messageId, timestamp: '2025-01-14 11:00:01.123' },
    delivery: {
      phoneCarrier: 'KPN',
      mnc: 8,
      numberOfMessageParts: 1,
      destination: FIXTURE_NUMBER,
      priceInUSD: 0.0846,
      smsType: 'Transactional',
      mcc: 204,
      providerResponse: 'Message has been accepted by phone carrier',
      dwellTimeMs: 412,
      dwellTimeMsUntilDeviceAck: 1873,
    },
    status: 'SUCCESS',
  };
}

/** A failure line as SNS writes it to `…/DirectPublishToPhoneNumber/Failure`. */
export function failureLine(messageId: string, providerResponse: string): Record<string, unknown> {
  return {
    notification: { messageId, timestamp: '2025-01-14 11:00:02.456' },
    delivery: {
      mnc: 0,
      numberOfMessageParts: 1,
      destination: FIXTURE_NUMBER,
      priceInUSD: 0.0846,
      smsType: 'Transactional',
      mcc: 204,
      providerResponse,
      dwellTimeMs: 1420,
      dwellTimeMsUntilDeviceAck: 1692,
    },
    status: 'FAILURE',
  };
}

/** Wraps log lines the way CloudWatch Logs delivers them to a subscribed Lambda. */
export function cloudWatchLogsEvent(
  lines: (Record<string, unknown> | string)[],
  options: { logGroup?: string; messageType?: 'DATA_MESSAGE' | 'CONTROL_MESSAGE' } = {},
): { awslogs: { data: string } } {
  const payload = {
    messageType: options.messageType ?? 'DATA_MESSAGE',
    owner: '123456789012',
    logGroup: options.logGroup ?? 'sns/eu-west-1/123456789012/DirectPublishToPhoneNumber',
    logStream: '4f0e5b3c-8a7d-4d1e-9f3b-2c6a1e0d7b55',
    subscriptionFilters: ['perspectief-sms-delivery-status'],
    logEvents: lines.map((line, i) => ({
      id: `3719504638123456789012345678901234567890123456789012345${i}`,
      timestamp: 1736852401123 + i,
      message: typeof line === 'string' ? line : JSON.stringify(line),
    })),
  };
  return { awslogs: { data: gzipSync(Buffer.from(JSON.stringify(payload))).toString('base64') } };
}

/** An SNS topic event carrying one inbound text from a two-way number, per record. */
export function inboundSnsEvent(
  texts: { body: string; from?: string; id?: string; raw?: string }[],
): Record<string, unknown> {
  return {
    Records: texts.map((t, i) => ({
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn:
        'arn:aws:sns:eu-west-1:123456789012:perspectief-inbound-sms:8a9c1f5e-7f55-4a4e-9d4a-0e1b2c3d4e5f',
      Sns: {
        Type: 'Notification',
        MessageId: `b5f1c3d2-0a4e-5f6b-8c7d-9e0f1a2b3c4${i}`,
        TopicArn: 'arn:aws:sns:eu-west-1:123456789012:perspectief-inbound-sms',
        Subject: null,
        Message:
          t.raw ??
          JSON.stringify({
            originationNumber: t.from ?? FIXTURE_NUMBER,
            destinationNumber: '+3197010203040',
            messageKeyword: t.body.trim().split(/\s+/)[0]?.toUpperCase() ?? '',
            messageBody: t.body,
            inboundMessageId: t.id ?? `cae173d2-66b9-564c-8309-21f858e9fb8${i}`,
            previousPublishedMessageId: 'wJ0LRBBS3WTHL8DkECBxUHmpsHRRLXF7V7s9ZaIB',
          }),
        Timestamp: '2025-01-14T11:05:00.000Z',
        SignatureVersion: '1',
        Signature: 'EXAMPLE',
        SigningCertUrl: 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-example.pem',
        UnsubscribeUrl: 'https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe',
        MessageAttributes: {},
      },
    })),
  };
}

import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseSmsDeliveryStatusEvent,
  parseSmsDeliveryStatusEventDetailed,
} from '../../../functions/adapters/sns/delivery-status-log.js';
import { cloudWatchLogsEvent, FIXTURE_NUMBER, failureLine, successLine } from './fixtures.js';

describe('parseSmsDeliveryStatusEvent', () => {
  it('reads success and failure lines into receipts without the destination', () => {
    // Prepare
    const event = cloudWatchLogsEvent([
      successLine('34d9b400-c6dd-5444-820d-fbeb0f1f54cf'),
      failureLine('1077257a-92f3-5ca3-bc97-6a915b310625', 'Unknown error attempting to reach phone'),
    ]);
    // Act
    const receipts = parseSmsDeliveryStatusEvent(event);
    // Assess
    expect(receipts).toEqual([
      { messageId: '34d9b400-c6dd-5444-820d-fbeb0f1f54cf', status: 'delivered', priceUsd: 0.0846 },
      {
        messageId: '1077257a-92f3-5ca3-bc97-6a915b310625',
        status: 'failed',
        providerReason: 'Unknown error attempting to reach phone',
        priceUsd: 0.0846,
      },
    ]);
    expect(JSON.stringify(receipts)).not.toContain(FIXTURE_NUMBER.slice(3));
  });

  it('redacts a number that appears inside a provider response', () => {
    // Prepare
    const event = cloudWatchLogsEvent([failureLine('m-1', `Phone number ${FIXTURE_NUMBER} is opted out`)]);
    // Act
    const [receipt] = parseSmsDeliveryStatusEvent(event);
    // Assess
    expect(receipt?.providerReason).toBe('Phone number [nummer] is opted out');
  });

  it('counts lines that are not SMS delivery records and keeps the others', () => {
    // Prepare
    const event = cloudWatchLogsEvent([
      'not json at all +31612345678',
      { notification: { messageId: 'x' }, status: 'MAYBE', delivery: {} },
      successLine('m-ok'),
    ]);
    // Act
    const result = parseSmsDeliveryStatusEventDetailed(event);
    // Assess
    expect(result.skipped).toBe(2);
    expect(result.receipts.map((r) => r.messageId)).toEqual(['m-ok']);
  });

  it('returns nothing for the control message CloudWatch sends when the subscription is created', () => {
    // Act / Assess
    expect(parseSmsDeliveryStatusEvent(cloudWatchLogsEvent([], { messageType: 'CONTROL_MESSAGE' }))).toEqual(
      [],
    );
  });

  it('refuses an unreadable envelope with a ValidationError that quotes nothing of the input', () => {
    // Prepare
    const notGzip = {
      awslogs: { data: Buffer.from(`{"destination":"${FIXTURE_NUMBER}"}`).toString('base64') },
    };
    const notJson = { awslogs: { data: gzipSync(Buffer.from(`oops ${FIXTURE_NUMBER}`)).toString('base64') } };
    for (const event of [undefined, {}, { awslogs: {} }, notGzip, notJson]) {
      // Act
      let caught: unknown;
      try {
        parseSmsDeliveryStatusEvent(event);
      } catch (error) {
        caught = error;
      }
      // Assess
      expect(caught).toMatchObject({ kind: 'validation' });
      expect(JSON.stringify(caught, Object.getOwnPropertyNames(caught))).not.toContain('612345678');
      expect((caught as Error).cause).toBeUndefined();
    }
  });

  it('property: any mix of lines yields one receipt per valid line and never the destination', () => {
    const lineArb = fc.oneof(
      fc.uuid().map((id) => ({
        kind: 'ok' as const,
        id,
        line: successLine(id) as Record<string, unknown> | string,
      })),
      fc.tuple(fc.uuid(), fc.string({ maxLength: 60 })).map(([id, r]) => ({
        kind: 'ok' as const,
        id,
        line: failureLine(id, r) as Record<string, unknown> | string,
      })),
      fc
        .string({ maxLength: 40 })
        .map((s) => ({ kind: 'bad' as const, id: '', line: `${s}${FIXTURE_NUMBER}` })),
    );
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 20 }), (lines) => {
        // Act
        const result = parseSmsDeliveryStatusEventDetailed(cloudWatchLogsEvent(lines.map((l) => l.line)));
        // Assess
        const valid = lines.filter((l) => l.kind === 'ok');
        expect(result.receipts.map((r) => r.messageId)).toEqual(valid.map((l) => l.id));
        expect(result.skipped).toBe(lines.length - valid.length);
        expect(JSON.stringify(result)).not.toContain('612345678');
      }),
    );
  });
});

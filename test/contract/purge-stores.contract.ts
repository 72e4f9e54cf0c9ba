import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  DynamoContactUploadStore,
  REDACTED_FILE,
} from '../../functions/adapters/dynamodb/contact-upload-store.js';
import { DynamoHashListStore } from '../../functions/adapters/dynamodb/hash-list-store.js';
import { DynamoOutboxStore } from '../../functions/adapters/dynamodb/outbox-store.js';
import { DynamoPurgeRecordStore } from '../../functions/adapters/dynamodb/purge-record-store.js';
import { DynamoRecipientStore } from '../../functions/adapters/dynamodb/recipient-store.js';
import { DynamoTable } from '../../functions/adapters/dynamodb/table.js';
import type { PurgeCertificate, PurgeSnapshot } from '../../functions/core/retention/purge.schema.js';
import { zeroPurgeCounts } from '../../functions/core/retention/purge.schema.js';
import { anUpload, mobile } from '../fixtures/sms-builders.js';
import type { StoreTarget } from './stores.contract.js';

function aSnapshot(campaignId: string, overrides: Partial<PurgeSnapshot> = {}): PurgeSnapshot {
  return {
    campaignId,
    caseId: 'case1',
    fromStatus: 'completed',
    takenAt: '2026-04-01T03:15:00.000Z',
    orderedBy: { userId: 'system:retention', role: 'system' },
    groups: [{ status: 'delivered', variantId: 'v1', hasMessage: true, count: 7 }],
    recipientCounts: { imported: 10, valid: 9, sendable: 7, excluded: { opt_out: 2 } },
    uploads: 2,
    deleted: zeroPurgeCounts(),
    ...overrides,
  };
}

function aCertificate(campaignId: string, overrides: Partial<PurgeCertificate> = {}): PurgeCertificate {
  return {
    campaignId,
    caseId: 'case1',
    campaignName: 'SMS-bom Bazooka',
    fromStatus: 'completed',
    purgedAt: '2026-04-01T03:16:00.000Z',
    performedBy: 'system:retention',
    orderedBy: { userId: 'system:retention', role: 'system' },
    retentionDays: 30,
    deleted: { ...zeroPurgeCounts(), recipient_items: 7 },
    statusCounts: { pending: 0, claimed: 0, sent: 0, delivered: 7, failed: 0, unknown: 0, resent: 0 },
    recipientCounts: null,
    approvalFingerprint: null,
    legalReference: 'Parket 13/123456-26',
    auditEventId: null,
    ...overrides,
  };
}

/** The purge's records and the deletions it asks of the other stores, on every server that runs here. */
export function purgeStoresContract(serverName: string, connect: () => Promise<StoreTarget>): void {
  describe(`purge stores on ${serverName}`, () => {
    let target: StoreTarget;
    let main: DynamoTable;
    let recipientsTable: DynamoTable;
    beforeAll(async () => {
      target = await connect();
      main = new DynamoTable(target.doc, target.tables.main);
      recipientsTable = new DynamoTable(target.doc, target.tables.recipients);
    });
    afterAll(async () => target.close());

    it('keeps the first snapshot and adds deletion counters atomically, also when calls race', async () => {
      const records = new DynamoPurgeRecordStore(main);
      const first = await records.saveSnapshot(aSnapshot('purge-c1'));
      const second = await records.saveSnapshot(aSnapshot('purge-c1', { groups: [], uploads: 0 }));
      await Promise.all(
        Array.from({ length: 10 }, () =>
          records.addDeleted('purge-c1', { recipient_items: 3, extraction_items: 1 }),
        ),
      );
      await records.addDeleted('purge-c1', { outbox_messages: 0 });
      const stored = await records.snapshot('purge-c1');

      expect(second).toEqual(first);
      expect(stored?.groups).toEqual(aSnapshot('purge-c1').groups);
      expect(stored?.deleted).toEqual({ ...zeroPurgeCounts(), recipient_items: 30, extraction_items: 10 });
      expect(await records.snapshot('purge-none')).toBeUndefined();
      await expect(records.addDeleted('purge-none', { recipient_items: 1 })).rejects.toThrow();
    });

    it('writes one certificate per campaign and records its audit event id', async () => {
      const records = new DynamoPurgeRecordStore(main);
      const first = await records.saveCertificate(aCertificate('purge-c2'));
      const second = await records.saveCertificate(
        aCertificate('purge-c2', { purgedAt: '2026-05-01T00:00:00.000Z' }),
      );
      await records.setAuditEventId('purge-c2', 'event-1');

      expect(second).toEqual(first);
      expect((await records.certificate('purge-c2'))?.auditEventId).toBe('event-1');
      expect(await records.certificate('purge-none')).toBeUndefined();
    });

    it('deletes recipients and extracted numbers in bounded batches and redacts reports once', async () => {
      const recipients = new DynamoRecipientStore(recipientsTable);
      const uploads = new DynamoContactUploadStore(main, recipientsTable);
      const numbers = Array.from({ length: 12 }, (_, i) => mobile(7000 + i));
      await recipients.replace(
        'purge-c3',
        numbers.map((e164, i) => ({
          id: i.toString(16).padStart(32, '0'),
          e164,
          sources: 1,
          variantId: null,
        })),
      );
      const upload = anUpload({ id: 'purge-u1', campaignId: 'purge-c3' });
      await uploads.add(upload, {
        e164s: numbers,
        types: Uint8Array.from(numbers.map(() => 1)),
        countries: numbers.map(() => 'NL'),
      });

      const ttl = await recipientsTable.query(
        {
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': 'CAMPAIGN#purge-c3' },
        },
        z.object({ expiresAt: z.number() }),
      );

      const batches = [
        await recipients.deleteBatch('purge-c3', 5),
        await recipients.deleteBatch('purge-c3', 5),
        await recipients.deleteBatch('purge-c3', 5),
        await recipients.deleteBatch('purge-c3', 5),
      ];
      const extraction = [
        await uploads.deleteExtraction('purge-c3', 'purge-u1', 5),
        await uploads.deleteExtraction('purge-c3', 'purge-u1', 5),
      ];
      const redacted = [
        await uploads.redact('purge-c3', 'purge-u1', 'telefoon 1'),
        await uploads.redact('purge-c3', 'purge-u1', 'telefoon 1'),
        await uploads.redact('purge-c3', 'purge-none', 'telefoon 1'),
      ];
      const [report] = await uploads.list('purge-c3');

      expect(ttl).toHaveLength(12);
      for (const item of ttl) expect(item.expiresAt * 1000).toBeGreaterThan(Date.now() + 180 * 86_400_000);
      expect(batches).toEqual([5, 5, 2, 0]);
      expect(extraction).toEqual([1, 0]);
      expect((await uploads.extraction('purge-c3', 'purge-u1')).e164s).toEqual([]);
      expect(redacted).toEqual([true, false, false]);
      expect(report?.report.file).toBe(REDACTED_FILE);
      expect(report?.report.source).toBe('telefoon 1');
      expect(report?.distinct).toBe(upload.distinct);
    });

    it('deletes the outbox messages to given numbers with their pending receipts, and nothing else', async () => {
      const outbox = new DynamoOutboxStore(new DynamoTable(target.doc, target.tables.outbox));
      const message = (n: number) => ({
        messageId: `purge-m${n}`,
        to: mobile(7100 + n),
        body: 'Hulp nodig? https://example.nl/r/abcdef',
        senderId: 'Gemeente',
        at: `2026-04-01T10:00:0${n}.000Z`,
        outcome: 'accepted' as const,
        receipt: null,
      });
      for (const n of [1, 2, 3]) {
        await outbox.add(message(n));
        await outbox.scheduleReceipt(message(n), 'delivered', new Date('2026-04-01T10:01:00.000Z'));
      }

      const deleted = await outbox.deleteMessagesTo(new Set([mobile(7101), mobile(7102)]));
      const left = await outbox.list();
      const due = await outbox.takeDueReceipts(new Date('2026-04-02T00:00:00.000Z'), 10);

      expect(deleted).toEqual({ messages: 2, receipts: 2 });
      expect(left.map((m) => m.to)).toEqual([mobile(7103)]);
      expect(due.map((r) => r.messageId)).toEqual(['purge-m3']);
    });

    it('deletes expired frequency-cap entries and keeps the rest', async () => {
      const lists = new DynamoHashListStore(new DynamoTable(target.doc, target.tables.hashes));
      const at = '2026-04-01T00:00:00.000Z';
      await lists.add(
        'recently_messaged',
        [
          { hash: '1'.repeat(64), expiresAt: '2026-04-02T00:00:00.000Z' },
          { hash: '2'.repeat(64), expiresAt: '2026-06-01T00:00:00.000Z' },
        ],
        at,
      );
      await lists.add('opt_out', [{ hash: '3'.repeat(64) }], at);

      const now = new Date('2026-05-01T00:00:00.000Z');
      const purged = await lists.purgeExpired('recently_messaged', now);
      const again = await lists.purgeExpired('recently_messaged', now);
      const permanent = await lists.purgeExpired('opt_out', now);

      expect(purged).toBe(1);
      expect(again).toBe(0);
      expect(permanent).toBe(0);
      expect([...(await lists.hashes('recently_messaged', new Date(at)))]).toEqual(['2'.repeat(64)]);
      expect((await lists.hashes('opt_out', now)).size).toBe(1);
    });
  });
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoApprovalRecordStore } from '../../functions/adapters/dynamodb/approval-record-store.js';
import { DynamoCampaignStore } from '../../functions/adapters/dynamodb/campaign-store.js';
import { DynamoCaseStore } from '../../functions/adapters/dynamodb/case-store.js';
import {
  DynamoContactUploadStore,
  EXTRACTION_CHUNK,
} from '../../functions/adapters/dynamodb/contact-upload-store.js';
import { DynamoHashListStore } from '../../functions/adapters/dynamodb/hash-list-store.js';
import { DynamoRecipientStore } from '../../functions/adapters/dynamodb/recipient-store.js';
import { DynamoTable } from '../../functions/adapters/dynamodb/table.js';
import { keyedHash, recipientFingerprint } from '../../functions/core/contacts/index.js';
import { ConflictError } from '../../functions/core/errors.js';
import { aCampaign, aCase, anUpload, mobile } from '../fixtures/sms-builders.js';
import type { StoreTarget } from './stores.contract.js';

const KEY = new Uint8Array(32).fill(7);
const hex32 = (n: number) => n.toString(16).padStart(32, '0');

/**
 * The contract of the SMS-bom stores (cases, campaigns, uploads, recipients, approval records, keyed-hash
 * lists), run against every DynamoDB-API server that runs here.
 */
export function campaignStoreContract(serverName: string, connect: () => Promise<StoreTarget>): void {
  describe(`SMS-bom stores on ${serverName}`, () => {
    let target: StoreTarget;
    let main: DynamoTable;
    let recipientsTable: DynamoTable;
    beforeAll(async () => {
      target = await connect();
      main = new DynamoTable(target.doc, target.tables.main);
      recipientsTable = new DynamoTable(target.doc, target.tables.recipients);
    });
    afterAll(async () => {
      await target.close();
    });

    it('CaseStore creates once, reads back and lists newest first', async () => {
      // Prepare
      const cases = new DynamoCaseStore(main);
      const older = aCase({ createdAt: '2026-01-01T00:00:00.000Z' });
      const newer = aCase({ createdAt: '2026-02-01T00:00:00.000Z' });

      // Act
      await cases.create(older);
      await cases.create(newer);

      // Assess
      expect(await cases.get(older.id)).toEqual(older);
      const ids = (await cases.list()).map((c) => c.id);
      expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id));
      await expect(cases.create(older)).rejects.toBeInstanceOf(ConflictError);
      expect(await cases.get('bestaat-niet')).toBeUndefined();
    });

    it('CampaignStore keeps both kinds, lists per case and per status, and saves only the expected version', async () => {
      // Prepare
      const campaigns = new DynamoCampaignStore(main);
      const caseId = `case-${Date.now()}`;
      const sms = aCampaign({ caseId });
      const letter = {
        ...aCampaign({ caseId }),
        kind: 'letter' as const,
        variants: [],
        letter: { subject: 'Aan de bewoners', paragraphs: ['Tekst.'], helpLinks: [] },
      };
      await campaigns.create(sms);
      await campaigns.create(letter);

      // Act
      const renamed = { ...sms, name: 'Nieuwe naam', version: 1, updatedAt: '2026-03-03T00:00:00.000Z' };
      await campaigns.save(renamed, 0);
      const lost = campaigns.save({ ...sms, name: 'Verloren', version: 1 }, 0);

      // Assess
      await expect(lost).rejects.toBeInstanceOf(ConflictError);
      expect(await campaigns.get(sms.id)).toEqual(renamed);
      expect((await campaigns.listByCase(caseId)).map((c) => c.kind).sort()).toEqual(['letter', 'sms']);
      expect((await campaigns.listByStatus('draft')).map((c) => c.id)).toEqual(
        expect.arrayContaining([sms.id, letter.id]),
      );
      expect((await campaigns.listByStatus('ready_for_approval')).map((c) => c.id)).not.toContain(sms.id);
      await expect(campaigns.create(sms)).rejects.toBeInstanceOf(ConflictError);
      await expect(campaigns.save({ ...aCampaign(), version: 1 }, 0)).rejects.toBeInstanceOf(ConflictError);
    });

    it('CampaignStore lets exactly one of many concurrent saves of one version win', async () => {
      // Prepare
      const campaigns = new DynamoCampaignStore(main);
      const campaign = aCampaign();
      await campaigns.create(campaign);

      // Act
      const outcomes = await Promise.allSettled(
        Array.from({ length: 5 }, (_, i) =>
          campaigns.save({ ...campaign, name: `Poging ${i}`, version: 1 }, 0),
        ),
      );

      // Assess
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect(
        outcomes.filter((o) => o.status === 'rejected' && o.reason instanceof ConflictError),
      ).toHaveLength(4);
    });

    it('ContactUploadStore keeps reports and the extracted numbers in chunks, and removes both', async () => {
      // Prepare
      const uploads = new DynamoContactUploadStore(main, recipientsTable);
      const campaignId = `campaign-${Date.now()}`;
      const count = EXTRACTION_CHUNK + 5;
      const e164s = Array.from({ length: count }, (_, i) => `+316${String(10_000_000 + i)}`);
      const first = anUpload({ campaignId, uploadedAt: '2026-03-02T09:00:00.000Z' });
      const second = anUpload({ campaignId, uploadedAt: '2026-03-02T10:00:00.000Z' });
      const refused = anUpload({ campaignId, accepted: false, uploadedAt: '2026-03-02T11:00:00.000Z' });

      // Act
      await uploads.add(first, {
        e164s,
        types: new Uint8Array(count).fill(0),
        countries: e164s.map(() => 'NL'),
      });
      await uploads.add(second, { e164s: ['+32470123456'], types: Uint8Array.of(0), countries: ['BE'] });
      await uploads.add(refused, { e164s: ['+31612340001'], types: Uint8Array.of(0), countries: ['NL'] });

      // Assess
      expect((await uploads.list(campaignId)).map((u) => u.id)).toEqual([first.id, second.id, refused.id]);
      const back = await uploads.extraction(campaignId, first.id);
      expect(back.e164s).toEqual(e164s);
      expect(back.countries.every((c) => c === 'NL')).toBe(true);
      expect(await uploads.extraction(campaignId, second.id)).toEqual({
        e164s: ['+32470123456'],
        types: Uint8Array.of(0),
        countries: ['BE'],
      });
      expect((await uploads.extraction(campaignId, refused.id)).e164s).toEqual([]);
      await uploads.remove(campaignId, first.id);
      expect((await uploads.list(campaignId)).map((u) => u.id)).toEqual([second.id, refused.id]);
      expect((await uploads.extraction(campaignId, first.id)).e164s).toEqual([]);
    });

    it('RecipientStore replaces the set (old members deleted), fingerprints it and samples it', async () => {
      // Prepare
      const recipients = new DynamoRecipientStore(recipientsTable);
      const campaignId = `campaign-${Date.now()}`;
      const entry = (n: number) => ({
        id: hex32(n),
        e164: mobile(n),
        sources: 1 + (n % 3),
        variantId: 'gevonden',
      });
      const firstSet = Array.from({ length: 60 }, (_, i) => entry(i));
      const secondSet = Array.from({ length: 40 }, (_, i) => entry(i + 30));

      // Act
      await recipients.replace(campaignId, firstSet);
      await recipients.replace(campaignId, secondSet);

      // Assess
      const stored = await recipients.list(campaignId);
      expect(stored.map((r) => r.e164).sort()).toEqual(secondSet.map((r) => r.e164).sort());
      expect(await recipients.count(campaignId)).toBe(40);
      expect(await recipients.fingerprint(campaignId)).toBe(
        recipientFingerprint(secondSet.map((r) => r.e164)),
      );
      expect(await recipients.sample(campaignId, 3)).toHaveLength(3);
      const raw = await recipientsTable.doc.send(
        new (await import('@aws-sdk/lib-dynamodb')).QueryCommand({
          TableName: target.tables.recipients,
          IndexName: 'byStatus',
          KeyConditionExpression: 'statusKey = :s',
          ExpressionAttributeValues: { ':s': `${campaignId}#pending` },
        }),
      );
      expect(raw.Items).toHaveLength(40);
      await recipients.deleteAll(campaignId);
      expect(await recipients.fingerprint(campaignId)).toBeNull();
    });

    it('RecipientStore replace updates changed members, returns a claimed one to pending and leaves the rest as they were', async () => {
      // Prepare
      const recipients = new DynamoRecipientStore(recipientsTable);
      const campaignId = `campaign-${Date.now()}-diff`;
      const entry = (n: number, sources = 1, variantId: string | null = null) => ({
        id: hex32(n),
        e164: mobile(n),
        sources,
        variantId,
      });
      await recipients.replace(campaignId, [entry(1), entry(2), entry(3), entry(4)]);
      await recipients.transition(campaignId, hex32(2), { type: 'claim', by: 'd1' }, new Date());

      // Act: one found on a second phone, one claimed, one with a variant, one gone, one new
      await recipients.replace(campaignId, [entry(1, 2), entry(2), entry(3, 1, 'gevonden'), entry(5)]);

      // Assess
      const stored = new Map((await recipients.list(campaignId)).map((r) => [r.id, r]));
      expect([...stored.keys()].sort()).toEqual([hex32(1), hex32(2), hex32(3), hex32(5)].sort());
      expect(stored.get(hex32(1))?.sources).toBe(2);
      expect(stored.get(hex32(3))?.variantId).toBe('gevonden');
      expect(stored.get(hex32(5))?.e164).toBe(mobile(5));
      expect((await recipients.countByStatus(campaignId, ['pending', 'claimed'])).pending).toBe(4);
      expect((await recipients.countByStatus(campaignId, ['pending', 'claimed'])).claimed).toBe(0);
      await recipients.deleteAll(campaignId);
    });

    it('ApprovalRecordStore writes each record once: a second approval of one request is refused', async () => {
      // Prepare
      const approvals = new DynamoApprovalRecordStore(main);
      const campaignId = `campaign-${Date.now()}`;
      const fingerprint = `sha256:${'a'.repeat(64)}`;
      const approval = {
        kind: 'approval' as const,
        campaignId,
        record: {
          requestSeq: 1,
          requestFingerprint: fingerprint,
          approvedBy: 'user-om',
          legalReference: '13/654321-22',
          confirmed: true as const,
          at: '2026-03-02T10:00:00.000Z',
          expiresAt: '2026-03-09T10:00:00.000Z',
          approvedCount: 12,
        },
      };
      const rejection = {
        kind: 'rejection' as const,
        campaignId,
        record: {
          requestSeq: 1,
          requestFingerprint: fingerprint,
          rejectedBy: 'user-om',
          reason: 'Te weinig context',
          at: '2026-03-02T09:00:00.000Z',
        },
      };

      // Act
      await approvals.add(rejection);
      await approvals.add(approval);
      const twice = approvals.add({ ...approval, record: { ...approval.record, approvedBy: 'user-om-2' } });

      // Assess
      await expect(twice).rejects.toBeInstanceOf(ConflictError);
      expect(await approvals.list(campaignId)).toEqual([approval, rejection]);
    });

    it('HashListStore keeps keyed hashes only, drops expired frequency-cap entries and removes on request', async () => {
      // Prepare
      const lists = new DynamoHashListStore(new DynamoTable(target.doc, target.tables.hashes));
      const a = keyedHash(mobile(1), KEY);
      const b = keyedHash(mobile(2), KEY);
      const now = new Date('2026-03-02T09:00:00.000Z');

      // Act
      await lists.add('do_not_contact', [{ hash: a }, { hash: b }, { hash: a }], now.toISOString());
      await lists.add(
        'recently_messaged',
        [
          { hash: a, expiresAt: '2026-06-01T00:00:00.000Z' },
          { hash: b, expiresAt: '2026-03-01T00:00:00.000Z' },
        ],
        now.toISOString(),
      );
      await lists.remove('do_not_contact', [b]);

      // Assess
      expect(await lists.hashes('do_not_contact', now)).toEqual(new Set([a]));
      expect(await lists.hashes('recently_messaged', now)).toEqual(new Set([a]));
      expect(await lists.hashes('opt_out', now)).toEqual(new Set());
      await expect(lists.add('opt_out', [{ hash: mobile(3) }], now.toISOString())).rejects.toThrow();
    });
  });
}

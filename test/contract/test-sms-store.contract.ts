import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoTable } from '../../functions/adapters/dynamodb/table.js';
import { DynamoTestSmsStore } from '../../functions/adapters/dynamodb/test-sms-store.js';
import { ConflictError } from '../../functions/core/errors.js';
import type { TestSmsRequest } from '../../functions/core/sending/test-sms.js';
import type { StoreTarget } from './stores.contract.js';

const AT = new Date('2026-12-05T01:00:00.000Z');

/** Test numbers and test-SMS requests: unique ids, and a request claimed and finished at most once. */
export function testSmsStoreContract(serverName: string, connect: () => Promise<StoreTarget>): void {
  describe(`test SMS store on ${serverName}`, () => {
    let target: StoreTarget;
    let store: DynamoTestSmsStore;
    beforeAll(async () => {
      target = await connect();
      store = new DynamoTestSmsStore(new DynamoTable(target.doc, target.tables.main));
    });
    afterAll(async () => target.close());

    const request = (id: string, campaignId: string, minute: number): TestSmsRequest => ({
      id,
      campaignId,
      variantId: 'v1',
      testNumberId: 'tn-1',
      text: 'Tekst',
      requestedAt: new Date(AT.getTime() + minute * 60_000).toISOString(),
      requestedBy: 'user-adviser',
      status: 'pending',
    });

    it('adds, lists by name, refuses a second add of one id and removes once', async () => {
      await store.addNumber({ id: 'tn-b', e164: '+31611111111', label: 'Balie', addedAt: AT.toISOString() });
      await store.addNumber({
        id: 'tn-a',
        e164: '+31622222222',
        label: 'Algemeen',
        addedAt: AT.toISOString(),
      });
      await expect(
        store.addNumber({ id: 'tn-a', e164: '+31633333333', label: 'Ander', addedAt: AT.toISOString() }),
      ).rejects.toBeInstanceOf(ConflictError);
      expect((await store.listNumbers()).map((n) => n.label)).toEqual(['Algemeen', 'Balie']);
      expect((await store.getNumber('tn-a'))?.e164).toBe('+31622222222');
      expect(await store.removeNumber('tn-a')).toBe(true);
      expect(await store.removeNumber('tn-a')).toBe(false);
      expect(await store.getNumber('tn-a')).toBeUndefined();
    });

    it('lists pending requests oldest first, claims each once and lets only the claimant finish it', async () => {
      await store.request(request('r2', 'c1', 2));
      await store.request(request('r1', 'c1', 1));
      await store.request(request('r3', 'c2', 3));
      expect((await store.listPending(10)).map((r) => r.id)).toEqual(['r1', 'r2', 'r3']);
      const claims = await Promise.all([store.claim('r1', 'a', AT), store.claim('r1', 'b', AT)]);
      expect(claims.filter(Boolean)).toHaveLength(1);
      const winner = claims[0] ? 'a' : 'b';
      const loser = winner === 'a' ? 'b' : 'a';
      await expect(store.finish('r1', loser, 'sent', AT)).rejects.toBeInstanceOf(ConflictError);
      await store.finish('r1', winner, 'sent', AT);
      await expect(store.finish('r1', winner, 'failed', AT)).rejects.toBeInstanceOf(ConflictError);
      expect(await store.claim('r1', 'c', AT)).toBe(false);
      expect((await store.listPending(10)).map((r) => r.id)).toEqual(['r2', 'r3']);
      expect((await store.listForCampaign('c1', 10)).map((r) => [r.id, r.status])).toEqual([
        ['r2', 'pending'],
        ['r1', 'sent'],
      ]);
    });
  });
}

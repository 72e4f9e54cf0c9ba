import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDispatchStatusStore } from '../../functions/adapters/dynamodb/dispatch-status-store.js';
import { DynamoOutboxStore } from '../../functions/adapters/dynamodb/outbox-store.js';
import { DynamoRecipientStore } from '../../functions/adapters/dynamodb/recipient-store.js';
import { DynamoTable } from '../../functions/adapters/dynamodb/table.js';
import { DynamoTrackedLinkStore } from '../../functions/adapters/dynamodb/tracked-link-store.js';
import { ConflictError } from '../../functions/core/errors.js';
import type { StoreTarget } from './stores.contract.js';

const hex32 = (n: number) => n.toString(16).padStart(32, '0');
const NOW = new Date('2026-03-03T10:00:00.000Z');

/**
 * The sending module's store operations: conditional recipient transitions (claim, outcome, receipt,
 * resend), tracked links with click counters, the dispatcher's status and the local outbox.
 */
export function sendingStoresContract(serverName: string, connect: () => Promise<StoreTarget>): void {
  describe(`sending stores on ${serverName}`, () => {
    let target: StoreTarget;
    let recipients: DynamoRecipientStore;
    let main: DynamoTable;
    beforeAll(async () => {
      target = await connect();
      main = new DynamoTable(target.doc, target.tables.main);
      recipients = new DynamoRecipientStore(new DynamoTable(target.doc, target.tables.recipients));
    });
    afterAll(async () => {
      await target.close();
    });

    const seed = async (n: number) => {
      const campaignId = `send-${Math.random().toString(36).slice(2, 10)}`;
      await recipients.replace(
        campaignId,
        Array.from({ length: n }, (_, i) => ({
          id: hex32(i + 1),
          e164: `+3162${String(i).padStart(7, '0')}`,
          sources: 1,
          variantId: null,
        })),
      );
      return campaignId;
    };

    it('lets exactly one of two racing claims win, and only the claimant record the outcome', async () => {
      // Prepare
      const campaignId = await seed(1);
      const id = hex32(1);

      // Act
      const results = await Promise.allSettled([
        recipients.transition(campaignId, id, { type: 'claim', by: 'a' }, NOW, { variantId: 'v1' }),
        recipients.transition(campaignId, id, { type: 'claim', by: 'b' }, NOW, { variantId: 'v1' }),
      ]);
      const winner = (await recipients.listByStatus(campaignId, 'claimed', 10))[0]!;
      const by = winner.state.status === 'claimed' ? winner.state.claimedBy : '';
      const other = by === 'a' ? 'b' : 'a';
      const wrongOwner = recipients.transition(campaignId, id, { type: 'mark_sent', messageId: 'm-1' }, NOW, {
        claimedBy: other,
      });

      // Assess
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.find((r) => r.status === 'rejected')?.reason).toBeInstanceOf(ConflictError);
      expect(winner.variantId).toBe('v1');
      await expect(wrongOwner).rejects.toBeInstanceOf(ConflictError);
      await recipients.transition(campaignId, id, { type: 'mark_sent', messageId: 'm-1' }, NOW, {
        claimedBy: by,
        claimedAt: NOW.toISOString(),
      });
      expect((await recipients.findByMessageId('m-1'))?.state).toEqual({
        status: 'sent',
        messageId: 'm-1',
        sentAt: NOW.toISOString(),
      });
    });

    it('applies a receipt only to the matching sent message, once', async () => {
      // Prepare
      const campaignId = await seed(1);
      const id = hex32(1);
      await recipients.transition(campaignId, id, { type: 'claim', by: 'a' }, NOW);
      await recipients.transition(campaignId, id, { type: 'mark_sent', messageId: `m-${campaignId}` }, NOW);

      // Act
      const wrongId = recipients.transition(
        campaignId,
        id,
        { type: 'receipt_delivered', messageId: 'other' },
        NOW,
      );
      await expect(wrongId).rejects.toBeInstanceOf(ConflictError);
      await recipients.transition(
        campaignId,
        id,
        { type: 'receipt_delivered', messageId: `m-${campaignId}` },
        NOW,
      );
      const twice = recipients.transition(
        campaignId,
        id,
        { type: 'receipt_failed', messageId: `m-${campaignId}` },
        NOW,
      );

      // Assess
      await expect(twice).rejects.toBeInstanceOf(ConflictError);
      const counts = await recipients.countByStatus(campaignId);
      expect(counts.delivered).toBe(1);
      expect(counts.sent).toBe(0);
    });

    it('counts and summarises per status, keeps unknown out of reach of a claim, and resends only from unknown', async () => {
      // Prepare
      const campaignId = await seed(5);
      await recipients.transition(campaignId, hex32(1), { type: 'claim', by: 'a' }, NOW, { variantId: 'v2' });
      await recipients.transition(campaignId, hex32(1), { type: 'mark_unknown', reason: 'timeout' }, NOW);
      await recipients.transition(campaignId, hex32(2), { type: 'claim', by: 'a' }, NOW);
      await recipients.transition(campaignId, hex32(2), { type: 'release' }, NOW);

      // Act
      const claimUnknown = recipients.transition(campaignId, hex32(1), { type: 'claim', by: 'b' }, NOW);
      await expect(claimUnknown).rejects.toBeInstanceOf(ConflictError);
      await recipients.transition(
        campaignId,
        hex32(1),
        { type: 'resend', decidedBy: 'u1', confirmations: [true, true], auditEventId: 'e1' },
        NOW,
      );
      const counts = await recipients.countByStatus(campaignId);
      const summary = await recipients.summary(campaignId);
      const onlyPending = await recipients.countByStatus(campaignId, ['pending']);

      // Assess
      expect(counts).toMatchObject({ pending: 4, resent: 1, unknown: 0, claimed: 0 });
      expect(onlyPending).toMatchObject({ pending: 4, resent: 0 });
      expect(summary.filter((r) => r.status === 'resent')).toEqual([
        { status: 'resent', variantId: 'v2', hasMessage: false },
      ]);
      expect(await recipients.listByStatus(campaignId, 'pending', 2)).toHaveLength(2);
    });

    it('tracked links: one code per variant under a race, clicks add up per variant and hour', async () => {
      // Prepare
      const links = new DynamoTrackedLinkStore(main);
      const campaignId = `links-${Math.random().toString(36).slice(2, 8)}`;

      // Act
      const [a, b] = await Promise.all([
        links.codeFor(campaignId, 'v1', 'CodeAaaaa1', NOW),
        links.codeFor(campaignId, 'v1', 'CodeBbbbb2', NOW),
      ]);
      await links.recordClick(a, NOW);
      await links.recordClick(a, new Date(NOW.getTime() + 60_000));
      await links.recordClick(a, new Date(NOW.getTime() + 3_600_000));

      // Assess
      expect(a.code).toBe(b.code);
      expect(await links.get(a.code)).toEqual(a);
      expect(await links.get('../etc')).toBeUndefined();
      const clicks = (await links.clicks(campaignId)).sort((x, y) => x.hour.localeCompare(y.hour));
      expect(clicks).toEqual([
        { variantId: 'v1', hour: '2026-03-03T10', clicks: 2 },
        { variantId: 'v1', hour: '2026-03-03T11', clicks: 1 },
      ]);
    });

    it('dispatcher lease: one holder at a time, taken over once it ran out, released only by its holder', async () => {
      // Prepare
      const status = new DynamoDispatchStatusStore(main);
      const t = NOW.getTime();

      // Act
      const first = await status.acquireLease('run-a', t + 60_000, t);
      const second = await status.acquireLease('run-b', t + 60_000, t + 1_000);
      const again = await status.acquireLease('run-a', t + 90_000, t + 2_000);
      await status.releaseLease('run-b');
      const stillHeld = await status.acquireLease('run-b', t + 60_000, t + 3_000);
      const takenOver = await status.acquireLease('run-b', t + 200_000, t + 90_001);
      await status.releaseLease('run-a');
      const heldByB = await status.acquireLease('run-c', t + 200_000, t + 100_000);
      await status.releaseLease('run-b');
      const free = await status.acquireLease('run-c', t + 200_000, t + 100_000);
      await status.releaseLease('run-c');

      // Assess
      expect([first, second, again, stillHeld, takenOver, heldByB, free]).toEqual([
        true,
        false,
        true,
        false,
        true,
        false,
        true,
      ]);
    });

    it('dispatch status and outbox: last status wins, messages newest first, due receipts handed out once', async () => {
      // Prepare
      const status = new DynamoDispatchStatusStore(main);
      const outbox = new DynamoOutboxStore(new DynamoTable(target.doc, target.tables.outbox));
      const message = (n: number) => ({
        messageId: `om-${n}`,
        to: '+31620000001',
        body: 'Tekst',
        senderId: 'Gemeente',
        at: new Date(NOW.getTime() + n * 1000).toISOString(),
        outcome: 'accepted' as const,
        receipt: null,
      });

      // Act
      await status.put({
        campaignId: 'c-status',
        at: NOW.toISOString(),
        hold: 'paused',
        message: 'x',
        until: null,
        samples: [],
      });
      await status.put({
        campaignId: 'c-status',
        at: NOW.toISOString(),
        hold: null,
        message: null,
        until: null,
        samples: [],
      });
      await outbox.add(message(1));
      await outbox.add(message(2));
      await outbox.scheduleReceipt(message(1), 'delivered', NOW);
      const [first, second] = await Promise.all([
        outbox.takeDueReceipts(NOW, 10),
        outbox.takeDueReceipts(NOW, 10),
      ]);

      // Assess
      expect((await status.get('c-status'))?.hold).toBeNull();
      expect((await outbox.list(10)).slice(0, 2).map((m) => m.messageId)).toEqual(['om-2', 'om-1']);
      expect([...first!, ...second!]).toEqual([{ messageId: 'om-1', status: 'delivered' }]);
      expect((await outbox.list(10)).find((m) => m.messageId === 'om-1')?.receipt).toBe('delivered');
    });
  });
}

import * as z from 'zod';
import { ConflictError } from '../../core/errors.js';
import { type OutboxMessage, OutboxMessageSchema } from '../../core/sending/ports.js';
import type { DynamoTable } from './table.js';

const MESSAGES = 'MESSAGES';
const RECEIPTS = 'RECEIPTS';
const MessageItem = OutboxMessageSchema.extend({ pk: z.string(), sk: z.string() });
const ReceiptItem = z.object({
  pk: z.string(),
  sk: z.string(),
  messageId: z.string(),
  messageAt: z.string(),
  status: z.enum(['delivered', 'failed']),
});

/**
 * The local outbox table (embedded runtime only): every message the local gateway took, newest first by
 * sort key, and the simulated receipts waiting for their moment. Why a table and not memory: the chaos test
 * kills dispatcher processes, and what the "provider" saw must outlive them.
 */
export class DynamoOutboxStore {
  constructor(private readonly table: DynamoTable) {}

  /** Stores a message once per message id. */
  async add(message: OutboxMessage): Promise<void> {
    const parsed = OutboxMessageSchema.parse(message);
    await this.table.put(
      { pk: MESSAGES, sk: `${parsed.at}#${parsed.messageId}`, ...parsed },
      { ifNotExists: true },
    );
  }

  async list(limit = Number.POSITIVE_INFINITY): Promise<OutboxMessage[]> {
    const items = await this.table.query(
      {
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': MESSAGES },
        ScanIndexForward: false,
      },
      MessageItem,
      limit,
    );
    return items.map(({ pk: _pk, sk: _sk, ...m }) => m);
  }

  async setReceipt(messageAt: string, messageId: string, status: 'delivered' | 'failed'): Promise<void> {
    await this.table.update(
      { pk: MESSAGES, sk: `${messageAt}#${messageId}` },
      { UpdateExpression: 'SET receipt = :r', ExpressionAttributeValues: { ':r': status } },
      MessageItem,
    );
  }

  async scheduleReceipt(message: OutboxMessage, status: 'delivered' | 'failed', due: Date): Promise<void> {
    await this.table.put({
      pk: RECEIPTS,
      sk: `${due.toISOString()}#${message.messageId}`,
      messageId: message.messageId,
      messageAt: message.at,
      status,
    });
  }

  /**
   * Deletes every message to one of `e164s` and the receipts still pending for them (the purge). Messages
   * carry no campaign id, so the purge matches them by number before it deletes the numbers themselves.
   */
  async deleteMessagesTo(e164s: ReadonlySet<string>): Promise<{ messages: number; receipts: number }> {
    const messageKeys: { pk: string; sk: string }[] = [];
    const messageIds = new Set<string>();
    for await (const page of this.table.pages({
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': MESSAGES },
      ProjectionExpression: 'pk, sk, #to, messageId',
      ExpressionAttributeNames: { '#to': 'to' },
    })) {
      for (const item of page) {
        if (typeof item.to === 'string' && e164s.has(item.to)) {
          messageKeys.push({ pk: String(item.pk), sk: String(item.sk) });
          messageIds.add(String(item.messageId));
        }
      }
    }
    const receiptKeys: { pk: string; sk: string }[] = [];
    if (messageIds.size > 0) {
      for await (const page of this.table.pages({
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': RECEIPTS },
        ProjectionExpression: 'pk, sk, messageId',
      })) {
        for (const item of page) {
          if (messageIds.has(String(item.messageId))) {
            receiptKeys.push({ pk: String(item.pk), sk: String(item.sk) });
          }
        }
      }
    }
    // Receipts first: a receipt without its message would fail when it falls due.
    await this.table.batchWrite([], receiptKeys);
    await this.table.batchWrite([], messageKeys);
    return { messages: messageKeys.length, receipts: receiptKeys.length };
  }

  /** Receipts due at `now`; each is removed with a conditional delete, so two takers never both get one. */
  async takeDueReceipts(
    now: Date,
    limit: number,
  ): Promise<{ messageId: string; status: 'delivered' | 'failed' }[]> {
    const due = await this.table.query(
      {
        KeyConditionExpression: 'pk = :p AND sk <= :now',
        ExpressionAttributeValues: { ':p': RECEIPTS, ':now': `${now.toISOString()}#~` },
      },
      ReceiptItem,
      limit,
    );
    const taken: { messageId: string; status: 'delivered' | 'failed' }[] = [];
    for (const item of due) {
      try {
        await this.table.delete({ pk: item.pk, sk: item.sk }, { expression: 'attribute_exists(pk)' });
        await this.setReceipt(item.messageAt, item.messageId, item.status);
        taken.push({ messageId: item.messageId, status: item.status });
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
    return taken;
  }
}

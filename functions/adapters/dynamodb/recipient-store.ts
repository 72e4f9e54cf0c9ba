import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { recipientFingerprint } from '../../core/contacts/fingerprint.js';
import { ConflictError } from '../../core/errors.js';
import { type RecipientEntry, RecipientEntrySchema, type RecipientStore } from '../../core/ports.js';
import type { RecipientDispatchRecord, TransitionGuard } from '../../core/sending/ports.js';
import {
  allowedSourceStatuses,
  applyRecipientEvent,
  type RecipientDispatchState,
  RecipientDispatchStateSchema,
  type RecipientEvent,
  type RecipientStatus,
  RecipientStatusSchema,
} from '../../core/sending/recipient-status.js';
import type { DynamoTable, Key } from './table.js';
import { ttlBackstop } from './tables.js';

const pk = (campaignId: string) => `CAMPAIGN#${campaignId}`;
const PREFIX = 'R#';
/** Batch writes in flight at once when a set is (re)written: enough to overlap round trips, few enough not to be throttled. */
const WRITE_LANES = 4;

/**
 * The item the sending module works on: `statusKey` = `<campaign>#<status>` feeds the byStatus index, so
 * the dispatcher can query "pending recipients of this campaign" directly.
 */
const RecipientItem = RecipientEntrySchema.extend({
  pk: z.string(),
  sk: z.string(),
  campaignId: z.string(),
  status: RecipientStatusSchema,
  statusKey: z.string(),
  /** The dispatch state of `status`; absent on items written by `replace` (they are pending). */
  dispatch: RecipientDispatchStateSchema.optional(),
  messageId: z.string().optional(),
});
type RecipientItemType = z.infer<typeof RecipientItem>;

const statusKey = (campaignId: string, status: RecipientStatus) => `${campaignId}#${status}`;

function toRecord(item: RecipientItemType): RecipientDispatchRecord {
  const state: RecipientDispatchState =
    item.dispatch ??
    (item.status === 'pending'
      ? { status: 'pending' }
      : RecipientDispatchStateSchema.parse({ status: item.status }));
  return { campaignId: item.campaignId, id: item.id, e164: item.e164, variantId: item.variantId, state };
}

/**
 * A state in `status` that lets the core's transition function run, so the store writes exactly the state
 * the one transition table produces; the real source state is enforced by the write's condition.
 */
function sourceFor(status: RecipientStatus, event: RecipientEvent, now: Date): RecipientDispatchState {
  const at = now.toISOString();
  const messageId = 'messageId' in event ? event.messageId : 'condition';
  switch (status) {
    case 'pending':
      return { status };
    case 'claimed':
      return { status, claimedBy: 'condition', claimedAt: at };
    case 'sent':
      return { status, messageId, sentAt: at };
    case 'delivered':
      return { status, messageId, deliveredAt: at };
    case 'failed':
      return { status, code: 'provider_refused', reason: '', failedAt: at };
    case 'unknown':
      return { status, reason: '', at };
    case 'resent':
      return { status, decidedBy: 'condition', decidedAt: at, auditEventId: 'condition' };
  }
}

function toItem(campaignId: string, entry: RecipientEntry): Record<string, unknown> {
  const parsed = RecipientEntrySchema.parse(entry);
  return {
    pk: pk(campaignId),
    sk: `${PREFIX}${parsed.id}`,
    campaignId,
    ...parsed,
    status: 'pending',
    statusKey: statusKey(campaignId, 'pending'),
    expiresAt: ttlBackstop(),
  };
}

function toEntry(item: z.infer<typeof RecipientItem>): RecipientEntry {
  return { id: item.id, e164: item.e164, sources: item.sources, variantId: item.variantId };
}

/**
 * The recipient set of a campaign in the recipients table: pk `CAMPAIGN#<id>`, sk `R#<stable id>`.
 * Replacing the set deletes what is no longer in it and (re)writes the rest as pending, in batch writes.
 */
export class DynamoRecipientStore implements RecipientStore {
  constructor(private readonly table: DynamoTable) {}

  /**
   * Makes the stored set exactly `recipients`, all pending. Writes only members that are new or differ from
   * their stored item (number, sources, variant, or no longer pending) and deletes the ones that left. Why:
   * every upload of a phone rebuilds the set, and a case of ten phones would otherwise write the whole growing
   * set ten times over.
   */
  async replace(campaignId: string, recipients: readonly RecipientEntry[]): Promise<void> {
    const next = new Map(recipients.map((r) => [`${PREFIX}${r.id}`, r]));
    const Stored = z.object({
      sk: z.string(),
      e164: z.string(),
      sources: z.number(),
      variantId: z.string().nullable().optional(),
      status: z.string(),
    });
    const stored = new Map<string, z.infer<typeof Stored>>();
    for await (const page of this.table.pages({
      ...this.partition(campaignId),
      ProjectionExpression: 'sk, e164, #src, variantId, #s',
      ExpressionAttributeNames: { '#s': 'status', '#src': 'sources' },
    })) {
      for (const item of page) {
        const row = Stored.parse(item);
        stored.set(row.sk, row);
      }
    }
    const stale = [...stored.keys()].filter((sk) => !next.has(sk)).map((sk) => ({ pk: pk(campaignId), sk }));
    const changed = [...next.entries()]
      .filter(([sk, r]) => {
        const old = stored.get(sk);
        return (
          old === undefined ||
          old.status !== 'pending' ||
          old.e164 !== r.e164 ||
          old.sources !== r.sources ||
          (old.variantId ?? null) !== (r.variantId ?? null)
        );
      })
      .map(([, r]) => toItem(campaignId, r));
    await this.table.batchWrite([], stale, { concurrency: WRITE_LANES });
    await this.table.batchWrite(changed, [], { concurrency: WRITE_LANES });
  }

  async list(campaignId: string): Promise<RecipientEntry[]> {
    return (await this.table.query(this.partition(campaignId), RecipientItem)).map(toEntry);
  }

  async count(campaignId: string): Promise<number> {
    return (await this.keys(campaignId)).length;
  }

  async sample(campaignId: string, n: number): Promise<RecipientEntry[]> {
    if (n <= 0) return [];
    return (await this.table.query({ ...this.partition(campaignId), Limit: n }, RecipientItem, n)).map(
      toEntry,
    );
  }

  async fingerprint(campaignId: string): Promise<string | null> {
    const e164s: string[] = [];
    for await (const page of this.table.pages({
      ...this.partition(campaignId),
      ProjectionExpression: 'e164',
    })) {
      for (const item of page) e164s.push(z.string().parse(item.e164));
    }
    return e164s.length === 0 ? null : recipientFingerprint(e164s);
  }

  async listByStatus(
    campaignId: string,
    status: RecipientStatus,
    limit: number,
  ): Promise<RecipientDispatchRecord[]> {
    if (limit <= 0) return [];
    const items = await this.table.query(
      {
        IndexName: 'byStatus',
        KeyConditionExpression: 'statusKey = :k',
        ExpressionAttributeValues: { ':k': statusKey(campaignId, status) },
        Limit: Math.min(limit, 1000),
      },
      RecipientItem,
      limit,
    );
    // The index is eventually consistent: an item may already have moved on; the conditional write decides.
    return items.filter((i) => i.status === status).map(toRecord);
  }

  async countByStatus(
    campaignId: string,
    statuses: readonly RecipientStatus[] = RecipientStatusSchema.options,
  ): Promise<Record<RecipientStatus, number>> {
    const entries = await Promise.all(
      RecipientStatusSchema.options.map(async (status) => {
        let count = 0;
        if (!statuses.includes(status)) return [status, count] as const;
        let startKey: Record<string, unknown> | undefined;
        do {
          const out = await this.table.doc.send(
            new QueryCommand({
              TableName: this.table.tableName,
              IndexName: 'byStatus',
              KeyConditionExpression: 'statusKey = :k',
              ExpressionAttributeValues: { ':k': statusKey(campaignId, status) },
              Select: 'COUNT',
              ExclusiveStartKey: startKey,
            }),
          );
          count += out.Count ?? 0;
          startKey = out.LastEvaluatedKey;
        } while (startKey);
        return [status, count] as const;
      }),
    );
    return Object.fromEntries(entries) as Record<RecipientStatus, number>;
  }

  async summary(
    campaignId: string,
  ): Promise<{ status: RecipientStatus; variantId: string | null; hasMessage: boolean }[]> {
    const rows: { status: RecipientStatus; variantId: string | null; hasMessage: boolean }[] = [];
    const Row = z.object({
      status: RecipientStatusSchema,
      variantId: z.string().nullable().optional(),
      messageId: z.string().optional(),
    });
    for await (const page of this.table.pages({
      ...this.partition(campaignId),
      ProjectionExpression: '#s, variantId, messageId',
      ExpressionAttributeNames: { '#s': 'status' },
    })) {
      for (const item of page) {
        const row = Row.parse(item);
        rows.push({
          status: row.status,
          variantId: row.variantId ?? null,
          hasMessage: row.messageId !== undefined,
        });
      }
    }
    return rows;
  }

  async transition(
    campaignId: string,
    recipientId: string,
    event: RecipientEvent,
    now: Date,
    guard: TransitionGuard = {},
  ): Promise<RecipientDispatchState> {
    const from = allowedSourceStatuses(event.type);
    const next = applyRecipientEvent(sourceFor(from[0]!, event, now), event, now);
    const names: Record<string, string> = { '#s': 'status', '#d': 'dispatch' };
    const values: Record<string, unknown> = {
      ':to': next.status,
      ':key': statusKey(campaignId, next.status),
      ':state': next,
    };
    const conditions = ['attribute_exists(pk)', `#s IN (${from.map((_, i) => `:from${i}`).join(', ')})`];
    from.forEach((status, i) => {
      values[`:from${i}`] = status;
    });
    if (guard.claimedBy !== undefined) {
      names['#by'] = 'claimedBy';
      values[':by'] = guard.claimedBy;
      conditions.push('#d.#by = :by');
    }
    if (guard.claimedAt !== undefined) {
      names['#cat'] = 'claimedAt';
      values[':cat'] = guard.claimedAt;
      conditions.push('#d.#cat = :cat');
    }
    const sets = ['#s = :to', 'statusKey = :key', '#d = :state'];
    if (event.type === 'receipt_delivered' || event.type === 'receipt_failed') {
      values[':mid'] = event.messageId;
      conditions.push('messageId = :mid');
    } else if ('messageId' in next && next.messageId !== undefined) {
      values[':mid'] = next.messageId;
      sets.push('messageId = :mid');
    }
    if (guard.variantId !== undefined) {
      values[':variant'] = guard.variantId;
      sets.push('variantId = :variant');
    }
    // No ReturnValues: the written state is `next`, and skipping the read-back halves the work per send.
    try {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: { pk: pk(campaignId), sk: `${PREFIX}${recipientId}` },
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
    } catch (error) {
      if (
        error instanceof ConditionalCheckFailedException ||
        (error instanceof Error && error.name === 'ConditionalCheckFailedException')
      ) {
        throw new ConflictError('Recipient transition lost its condition', {
          cause: error,
          userMessage: 'Deze ontvanger is intussen al door een andere stap verwerkt.',
          context: { event: event.type, campaignId },
        });
      }
      throw error;
    }
    return next;
  }

  async findByMessageId(messageId: string): Promise<RecipientDispatchRecord | undefined> {
    const [item] = await this.table.query(
      {
        IndexName: 'byMessageId',
        KeyConditionExpression: 'messageId = :m',
        ExpressionAttributeValues: { ':m': messageId },
        Limit: 1,
      },
      RecipientItem,
      1,
    );
    return item === undefined ? undefined : toRecord(item);
  }

  async deleteAll(campaignId: string): Promise<void> {
    await this.table.batchWrite([], await this.keys(campaignId));
  }

  async deleteBatch(campaignId: string, limit: number): Promise<number> {
    const keys: Key[] = [];
    for await (const page of this.table.pages(
      { ...this.partition(campaignId), ProjectionExpression: 'pk, sk', Limit: limit },
      limit,
    )) {
      for (const item of page) keys.push({ pk: String(item.pk), sk: String(item.sk) });
    }
    const batch = keys.slice(0, limit);
    await this.table.batchWrite([], batch);
    return batch.length;
  }

  private partition(campaignId: string) {
    return {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk(campaignId), ':prefix': PREFIX },
    };
  }

  private async keys(campaignId: string): Promise<Key[]> {
    const keys: Key[] = [];
    for await (const page of this.table.pages({
      ...this.partition(campaignId),
      ProjectionExpression: 'pk, sk',
    })) {
      for (const item of page) keys.push({ pk: String(item.pk), sk: String(item.sk) });
    }
    return keys;
  }
}

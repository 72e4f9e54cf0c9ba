import { z } from 'zod';
import { recipientFingerprint } from '../../core/contacts/fingerprint.js';
import { type RecipientEntry, RecipientEntrySchema, type RecipientStore } from '../../core/ports.js';
import type { DynamoTable, Key } from './table.js';

const pk = (campaignId: string) => `CAMPAIGN#${campaignId}`;
const PREFIX = 'R#';

/**
 * The item the sending module works on: `statusKey` = `<campaign>#<status>` feeds the byStatus index, so
 * the dispatcher can query "pending recipients of this campaign" directly.
 */
const RecipientItem = RecipientEntrySchema.extend({
  pk: z.string(),
  sk: z.string(),
  campaignId: z.string(),
  status: z.string(),
  statusKey: z.string(),
});

function toItem(campaignId: string, entry: RecipientEntry): Record<string, unknown> {
  const parsed = RecipientEntrySchema.parse(entry);
  return {
    pk: pk(campaignId),
    sk: `${PREFIX}${parsed.id}`,
    campaignId,
    ...parsed,
    status: 'pending',
    statusKey: `${campaignId}#pending`,
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

  async replace(campaignId: string, recipients: readonly RecipientEntry[]): Promise<void> {
    const next = new Map(recipients.map((r) => [`${PREFIX}${r.id}`, r]));
    const stale = (await this.keys(campaignId)).filter((key) => !next.has(key.sk!));
    await this.table.batchWrite([], stale);
    await this.table.batchWrite([...next.values()].map((r) => toItem(campaignId, r)));
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

  async deleteAll(campaignId: string): Promise<void> {
    await this.table.batchWrite([], await this.keys(campaignId));
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

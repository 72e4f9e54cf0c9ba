import * as z from 'zod';
import type { HashListEntry, HashListName, HashListStore } from '../../core/ports.js';
import type { DynamoTable } from './table.js';

const HashSchema = z.string().regex(/^[0-9a-f]{64}$/);
const HashItem = z.object({
  pk: z.string(),
  sk: HashSchema,
  addedAt: z.iso.datetime(),
  /** Epoch seconds: the AWS TTL backstop reads this attribute. */
  expiresAt: z.number().int().optional(),
  validUntil: z.iso.datetime().optional(),
});

const listKey = (list: HashListName) => `LIST#${list}`;

/**
 * Exclusion lists in the hashes table: one partition per list, one item per keyed hash (HMAC-SHA-256 of the
 * E.164 number with the platform secret). A number is never stored, so the table says nothing about a
 * person without the key. Frequency-cap entries carry an expiry; expired ones no longer count.
 */
export class DynamoHashListStore implements HashListStore {
  constructor(private readonly table: DynamoTable) {}

  async add(list: HashListName, entries: readonly HashListEntry[], at: string): Promise<void> {
    const unique = new Map(entries.map((e) => [HashSchema.parse(e.hash), e]));
    await this.table.batchWrite(
      [...unique.values()].map((entry) => ({
        pk: listKey(list),
        sk: entry.hash,
        addedAt: at,
        ...(entry.expiresAt === undefined
          ? {}
          : {
              validUntil: entry.expiresAt,
              expiresAt: Math.floor(Date.parse(entry.expiresAt) / 1000),
            }),
      })),
    );
  }

  async remove(list: HashListName, hashes: readonly string[]): Promise<void> {
    const unique = [...new Set(hashes.map((h) => HashSchema.parse(h)))];
    await this.table.batchWrite(
      [],
      unique.map((hash) => ({ pk: listKey(list), sk: hash })),
    );
  }

  async purgeExpired(list: HashListName, now: Date): Promise<number> {
    const at = now.getTime();
    const expired: { pk: string; sk: string }[] = [];
    for await (const page of this.table.pages({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': listKey(list) },
      ProjectionExpression: 'pk, sk, validUntil',
    })) {
      for (const item of page) {
        const validUntil = item.validUntil;
        if (typeof validUntil === 'string' && Date.parse(validUntil) <= at) {
          expired.push({ pk: String(item.pk), sk: String(item.sk) });
        }
      }
    }
    await this.table.batchWrite([], expired);
    return expired.length;
  }

  async hashes(list: HashListName, now: Date): Promise<Set<string>> {
    const items = await this.table.query(
      { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': listKey(list) } },
      HashItem,
    );
    const at = now.getTime();
    return new Set(
      items
        .filter((item) => item.validUntil === undefined || Date.parse(item.validUntil) > at)
        .map((item) => item.sk),
    );
  }
}

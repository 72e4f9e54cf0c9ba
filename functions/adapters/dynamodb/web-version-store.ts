import * as z from 'zod';
import { ConflictError } from '../../core/errors.js';
import type { StreetRef } from '../../core/letters/address.schema.js';
import { type WebVersion, WebVersionSchema } from '../../core/letters/letter-records.schema.js';
import type { WebVersionStore } from '../../core/ports.js';
import type { DynamoTable } from './table.js';

const codeKey = (code: string) => ({ pk: `WEB#${code}`, sk: 'WEB' });
const claimPk = (campaignId: string) => `LETTERS#${campaignId}`;
const claimKey = (campaignId: string, street: StreetRef) => ({
  pk: claimPk(campaignId),
  sk: `WEBSTREET#${encodeURIComponent(street.city)}/${encodeURIComponent(street.street)}`,
});
const CodeItem = WebVersionSchema.extend({ pk: z.string(), sk: z.literal('WEB') });
const opensPk = (campaignId: string) => `WEBOPENS#${campaignId}`;
const OpensItem = z.object({
  pk: z.string(),
  sk: z.string(),
  hour: z.string(),
  opens: z.number().int().min(0),
});
const ClaimItem = WebVersionSchema.omit({ opens: true }).extend({ pk: z.string(), sk: z.string() });

function toWebVersion(item: z.infer<typeof CodeItem>): WebVersion {
  const { pk: _pk, sk: _sk, ...version } = item;
  return version;
}

/**
 * Web-version codes per street. A claim item under the campaign makes the code per street unique with one
 * conditional put; the code item carries the open counter, which only ever grows by an atomic ADD.
 */
export class DynamoWebVersionStore implements WebVersionStore {
  constructor(private readonly table: DynamoTable) {}

  async codeFor(campaignId: string, street: StreetRef, newCode: string, now: Date): Promise<WebVersion> {
    const fresh = WebVersionSchema.parse({
      code: newCode,
      campaignId,
      street: street.street,
      city: street.city,
      opens: 0,
      createdAt: now.toISOString(),
    });
    const { opens: _opens, ...claim } = fresh;
    try {
      await this.table.put({ ...claimKey(campaignId, street), ...claim }, { ifNotExists: true });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
    const stored = await this.table.get(claimKey(campaignId, street), ClaimItem);
    if (!stored) throw new Error('Web version claim vanished');
    const { pk: _pk, sk: _sk, ...won } = stored;
    // A crash between the two puts leaves a claim without its code item; any later call repairs it.
    try {
      await this.table.put({ ...codeKey(won.code), ...won, opens: 0 }, { ifNotExists: true });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
    return (await this.get(won.code)) ?? { ...won, opens: 0 };
  }

  async get(code: string): Promise<WebVersion | undefined> {
    if (!WebVersionSchema.shape.code.safeParse(code).success) return undefined;
    const item = await this.table.get(codeKey(code), CodeItem);
    return item ? toWebVersion(item) : undefined;
  }

  async list(campaignId: string): Promise<WebVersion[]> {
    const claims = await this.table.query(
      {
        KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
        ExpressionAttributeValues: { ':p': claimPk(campaignId), ':s': 'WEBSTREET#' },
      },
      ClaimItem,
    );
    const versions = await Promise.all(claims.map((c) => this.get(c.code)));
    return versions.filter((v): v is WebVersion => v !== undefined);
  }

  async recordOpen(code: string, at?: Date): Promise<void> {
    const version = await this.table.update(
      codeKey(code),
      {
        UpdateExpression: 'ADD opens :one',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':one': 1 },
      },
      CodeItem,
    );
    if (at === undefined) return;
    const hour = at.toISOString().slice(0, 13);
    await this.table.update(
      { pk: opensPk(version.campaignId), sk: hour },
      {
        UpdateExpression: 'SET #h = :h ADD opens :one',
        ExpressionAttributeNames: { '#h': 'hour' },
        ExpressionAttributeValues: { ':h': hour, ':one': 1 },
      },
      OpensItem,
    );
  }

  async opensByHour(campaignId: string): Promise<{ hour: string; opens: number }[]> {
    const items = await this.table.query(
      { KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': opensPk(campaignId) } },
      OpensItem,
    );
    return items.map(({ hour, opens }) => ({ hour, opens }));
  }
}

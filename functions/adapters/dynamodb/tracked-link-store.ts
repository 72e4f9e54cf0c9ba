import * as z from 'zod';
import { ConflictError } from '../../core/errors.js';
import {
  type ClickCount,
  ClickCountSchema,
  type TrackedLink,
  TrackedLinkSchema,
  type TrackedLinkStore,
} from '../../core/sending/ports.js';
import type { DynamoTable } from './table.js';

const codeKey = (code: string) => ({ pk: `SMSLINK#${code}`, sk: 'SMSLINK' });
const claimKey = (campaignId: string, variantId: string) => ({
  pk: `SMSLINKS#${campaignId}`,
  sk: `VARIANT#${variantId}`,
});
const clicksPk = (campaignId: string) => `SMSCLICKS#${campaignId}`;

const LinkItem = TrackedLinkSchema.extend({ pk: z.string(), sk: z.string() });
const ClickItem = ClickCountSchema.extend({ pk: z.string(), sk: z.string() });

function toLink(item: z.infer<typeof LinkItem>): TrackedLink {
  const { pk: _pk, sk: _sk, ...link } = item;
  return link;
}

/**
 * Tracked links per campaign variant in the main table. A claim item under the campaign makes the code per
 * variant unique with one conditional put (two dispatchers starting at once agree on one code); click counts
 * are items per variant and hour that only grow by an atomic ADD. Nothing about the clicking person is kept.
 */
export class DynamoTrackedLinkStore implements TrackedLinkStore {
  constructor(private readonly table: DynamoTable) {}

  async codeFor(campaignId: string, variantId: string, newCode: string, now: Date): Promise<TrackedLink> {
    const fresh = TrackedLinkSchema.parse({
      code: newCode,
      campaignId,
      variantId,
      createdAt: now.toISOString(),
    });
    try {
      await this.table.put({ ...claimKey(campaignId, variantId), ...fresh }, { ifNotExists: true });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
    const stored = await this.table.get(claimKey(campaignId, variantId), LinkItem);
    if (!stored) throw new Error('Tracked link claim vanished');
    const won = toLink(stored);
    // A crash between the two puts leaves a claim without its code item; any later call repairs it.
    try {
      await this.table.put({ ...codeKey(won.code), ...won }, { ifNotExists: true });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
    return won;
  }

  async get(code: string): Promise<TrackedLink | undefined> {
    if (!TrackedLinkSchema.shape.code.safeParse(code).success) return undefined;
    const item = await this.table.get(codeKey(code), LinkItem, false);
    return item ? toLink(item) : undefined;
  }

  async recordClick(link: TrackedLink, at: Date): Promise<void> {
    const hour = at.toISOString().slice(0, 13);
    await this.table.update(
      { pk: clicksPk(link.campaignId), sk: `${link.variantId}#${hour}` },
      {
        UpdateExpression: 'SET variantId = :v, #h = :h ADD clicks :one',
        ExpressionAttributeNames: { '#h': 'hour' },
        ExpressionAttributeValues: { ':v': link.variantId, ':h': hour, ':one': 1 },
      },
      ClickItem,
    );
  }

  async clicks(campaignId: string): Promise<ClickCount[]> {
    const items = await this.table.query(
      { KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': clicksPk(campaignId) } },
      ClickItem,
    );
    return items.map(({ variantId, hour, clicks }) => ({ variantId, hour, clicks }));
  }
}

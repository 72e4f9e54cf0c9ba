import * as z from 'zod';
import { type Campaign, CampaignSchema, type CampaignStatus } from '../../core/campaigns/campaign.schema.js';
import type { CampaignStore } from '../../core/ports.js';
import type { DynamoTable } from './table.js';

export const campaignKey = (campaignId: string) => ({ pk: `CAMPAIGN#${campaignId}`, sk: 'CAMPAIGN' });
const caseLinkKey = (caseId: string, campaignId: string) => ({
  pk: `CASE#${caseId}`,
  sk: `CAMPAIGN#${campaignId}`,
});
const statusKey = (status: CampaignStatus) => `CAMPAIGN_STATUS#${status}`;

const LinkItem = z.object({ pk: z.string(), sk: z.string(), campaignId: z.string() });

function toItem(campaign: Campaign): Record<string, unknown> {
  const parsed = CampaignSchema.parse(campaign);
  return {
    ...campaignKey(parsed.id),
    ...parsed,
    gsi1pk: statusKey(parsed.status),
    gsi1sk: `${parsed.updatedAt}#${parsed.id}`,
  };
}

/**
 * Campaigns of both kinds in the main table. The item carries `version`; `save` is a conditional put on
 * the version that was read, so of two concurrent edits or a double-clicked transition exactly one wins and
 * the other gets ConflictError. gsi1 lists campaigns by status (the OM liaison's queue); a link item per
 * case lists a case's campaigns.
 */
export class DynamoCampaignStore implements CampaignStore {
  constructor(private readonly table: DynamoTable) {}

  async create(campaign: Campaign): Promise<void> {
    await this.table.put(toItem(campaign), { ifNotExists: true });
    await this.table.put(
      { ...caseLinkKey(campaign.caseId, campaign.id), campaignId: campaign.id },
      { ifNotExists: true },
    );
  }

  async get(campaignId: string): Promise<Campaign | undefined> {
    // CampaignSchema strips the key attributes: zod objects drop unknown keys.
    return this.table.get(campaignKey(campaignId), CampaignSchema);
  }

  async listByCase(caseId: string): Promise<Campaign[]> {
    const links = await this.table.query(
      {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `CASE#${caseId}`, ':prefix': 'CAMPAIGN#' },
      },
      LinkItem,
    );
    const campaigns = await Promise.all(links.map((link) => this.get(link.campaignId)));
    return campaigns
      .filter((c): c is Campaign => c !== undefined)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async listByStatus(status: CampaignStatus): Promise<Campaign[]> {
    return this.table.query(
      {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': statusKey(status) },
        ScanIndexForward: false,
      },
      CampaignSchema,
    );
  }

  async save(campaign: Campaign, expectedVersion: number): Promise<void> {
    await this.table.put(toItem(campaign), {
      condition: {
        expression: 'attribute_exists(pk) AND #version = :expected',
        names: { '#version': 'version' },
        values: { ':expected': expectedVersion },
      },
    });
  }
}

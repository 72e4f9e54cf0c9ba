import * as z from 'zod';
import { type LetterBatch, LetterBatchSchema } from '../../core/letters/letter-records.schema.js';
import type { LetterBatchStore } from '../../core/ports.js';
import type { DynamoTable } from './table.js';

const pk = (campaignId: string) => `LETTERS#${campaignId}`;
const key = (campaignId: string, batchId: string) => ({ pk: pk(campaignId), sk: `BATCH#${batchId}` });
const BatchItem = LetterBatchSchema.extend({ pk: z.string(), sk: z.string() });

function toBatch(item: z.infer<typeof BatchItem>): LetterBatch {
  const { pk: _pk, sk: _sk, ...batch } = item;
  return batch;
}

/** Rendered letter runs of a campaign: the snapshot a PDF is rendered from again, and a download counter. */
export class DynamoLetterBatchStore implements LetterBatchStore {
  constructor(private readonly table: DynamoTable) {}

  async create(batch: LetterBatch): Promise<void> {
    const parsed = LetterBatchSchema.parse(batch);
    await this.table.put({ ...key(parsed.campaignId, parsed.id), ...parsed }, { ifNotExists: true });
  }

  async get(campaignId: string, batchId: string): Promise<LetterBatch | undefined> {
    const item = await this.table.get(key(campaignId, batchId), BatchItem);
    return item ? toBatch(item) : undefined;
  }

  async list(campaignId: string): Promise<LetterBatch[]> {
    const items = await this.table.query(
      {
        KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
        ExpressionAttributeValues: { ':p': pk(campaignId), ':s': 'BATCH#' },
      },
      BatchItem,
    );
    return items
      .map(toBatch)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
  }

  async recordDownload(campaignId: string, batchId: string): Promise<void> {
    await this.table.update(
      key(campaignId, batchId),
      {
        UpdateExpression: 'ADD downloads :one',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':one': 1 },
      },
      BatchItem,
    );
  }
}

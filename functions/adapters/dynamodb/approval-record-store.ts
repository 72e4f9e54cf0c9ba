import * as z from 'zod';
import { type ApprovalRecord, ApprovalRecordSchema, type ApprovalRecordStore } from '../../core/ports.js';
import type { DynamoTable } from './table.js';

const PREFIX = 'APPROVAL_RECORD#';

function seqOf(record: ApprovalRecord): number {
  return record.kind === 'request' ? record.record.seq : record.record.requestSeq;
}

const recordKey = (record: ApprovalRecord) => ({
  pk: `CAMPAIGN#${record.campaignId}`,
  sk: `${PREFIX}${String(seqOf(record)).padStart(6, '0')}#${record.kind}`,
});

const RecordItem = z.object({ pk: z.string(), sk: z.string(), entry: ApprovalRecordSchema });

/**
 * The immutable history of approval requests and decisions, beside the campaign item. One key per request
 * number and kind, written with a conditional put: a second approval of the same request is refused by the
 * store itself, whatever the caller did.
 */
export class DynamoApprovalRecordStore implements ApprovalRecordStore {
  constructor(private readonly table: DynamoTable) {}

  async add(record: ApprovalRecord): Promise<void> {
    const entry = ApprovalRecordSchema.parse(record);
    await this.table.put({ ...recordKey(entry), entry }, { ifNotExists: true });
  }

  async list(campaignId: string): Promise<ApprovalRecord[]> {
    const items = await this.table.query(
      {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `CAMPAIGN#${campaignId}`, ':prefix': PREFIX },
      },
      RecordItem,
    );
    return items.map((item) => item.entry);
  }
}

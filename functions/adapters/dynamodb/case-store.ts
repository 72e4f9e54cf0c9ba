import * as z from 'zod';
import { type Case, CaseSchema } from '../../core/campaigns/case.schema.js';
import type { CaseStore } from '../../core/ports.js';
import type { DynamoTable } from './table.js';

const CaseItem = CaseSchema.extend({ pk: z.string(), sk: z.literal('CASE') });

export const caseKey = (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'CASE' });

/** Cases in the main table; all share gsi1pk=CASES, sorted by creation time, for the case list. */
export class DynamoCaseStore implements CaseStore {
  constructor(private readonly table: DynamoTable) {}

  async create(item: Case): Promise<void> {
    const parsed = CaseSchema.parse(item);
    await this.table.put(
      { ...caseKey(parsed.id), ...parsed, gsi1pk: 'CASES', gsi1sk: `${parsed.createdAt}#${parsed.id}` },
      { ifNotExists: true },
    );
  }

  async get(caseId: string): Promise<Case | undefined> {
    const item = await this.table.get(caseKey(caseId), CaseItem);
    return item ? strip(item) : undefined;
  }

  async list(): Promise<Case[]> {
    const items = await this.table.query(
      {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': 'CASES' },
        ScanIndexForward: false,
      },
      CaseItem,
    );
    return items.map(strip);
  }
}

function strip(item: z.infer<typeof CaseItem>): Case {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return CaseSchema.parse(rest);
}

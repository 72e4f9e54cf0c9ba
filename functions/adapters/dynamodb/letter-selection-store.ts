import * as z from 'zod';
import { type LetterSelection, LetterSelectionSchema } from '../../core/letters/letter-records.schema.js';
import type { LetterSelectionStore } from '../../core/ports.js';
import type { DynamoTable } from './table.js';

const key = (campaignId: string) => ({ pk: `LETTERS#${campaignId}`, sk: 'SELECTION' });
const SelectionItem = LetterSelectionSchema.extend({ pk: z.string(), sk: z.literal('SELECTION') });

/**
 * The area of a letter campaign, one item beside the campaign's other letter items. Points, radius, ticked
 * streets and counts only: never the addresses.
 */
export class DynamoLetterSelectionStore implements LetterSelectionStore {
  constructor(private readonly table: DynamoTable) {}

  async get(campaignId: string): Promise<LetterSelection | undefined> {
    const item = await this.table.get(key(campaignId), SelectionItem);
    if (!item) return undefined;
    const { pk: _pk, sk: _sk, ...selection } = item;
    return selection;
  }

  async save(selection: LetterSelection, expectedVersion: number | null): Promise<void> {
    const parsed = LetterSelectionSchema.parse(selection);
    await this.table.put(
      { ...key(parsed.campaignId), ...parsed },
      {
        condition:
          expectedVersion === null
            ? { expression: 'attribute_not_exists(pk)' }
            : { expression: 'version = :v', values: { ':v': expectedVersion } },
      },
    );
  }
}

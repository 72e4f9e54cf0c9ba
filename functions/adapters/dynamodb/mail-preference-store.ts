import * as z from 'zod';
import type { MailPreferenceStore } from '../../core/ports.js';
import { type MailPreference, MailPreferenceSchema } from '../../core/tasks/mail.js';
import type { DynamoTable } from './table.js';

const LIST = 'MAILPREFS';
const PreferenceItem = MailPreferenceSchema.extend({
  pk: z.string(),
  sk: z.string(),
  gsi1pk: z.string(),
  gsi1sk: z.string(),
});

const keyOf = (userId: string) => ({ pk: `MAILPREF#${userId}`, sk: 'MAILPREF' });

/**
 * Each person's choice about task notifications, one item per person in the main table, all of them in one
 * gsi1 partition so the notifier reads who to mail with a single Query (staff numbers stay small).
 */
export class DynamoMailPreferenceStore implements MailPreferenceStore {
  constructor(private readonly table: DynamoTable) {}

  async get(userId: string): Promise<MailPreference | undefined> {
    const item = await this.table.get(keyOf(userId), PreferenceItem);
    if (!item) return undefined;
    const { pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _s, ...preference } = item;
    return preference;
  }

  async put(preference: MailPreference): Promise<void> {
    const parsed = MailPreferenceSchema.parse(preference);
    await this.table.put({ ...keyOf(parsed.userId), gsi1pk: LIST, gsi1sk: parsed.userId, ...parsed });
  }

  async listNotified(): Promise<MailPreference[]> {
    const items = await this.table.query(
      {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': LIST },
      },
      PreferenceItem,
    );
    return items
      .map(({ pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _s, ...preference }) => preference)
      .filter((p) => p.notify && p.email !== null);
  }
}

import * as z from 'zod';
import { type OutboxMail, OutboxMailSchema } from '../../core/tasks/mail.js';
import type { DynamoTable } from './table.js';

const MAILS = 'MAILS';
const MailItem = OutboxMailSchema.extend({ pk: z.string(), sk: z.string() });

/**
 * The local mail outbox (embedded runtime only), in the local outbox table next to the SMS messages: every
 * mail the local Mailer took, newest first by sort key.
 */
export class DynamoMailOutboxStore {
  constructor(private readonly table: DynamoTable) {}

  /** Stores a mail once per message id. */
  async add(mail: OutboxMail): Promise<void> {
    const parsed = OutboxMailSchema.parse(mail);
    await this.table.put(
      { pk: MAILS, sk: `${parsed.at}#${parsed.messageId}`, ...parsed },
      { ifNotExists: true },
    );
  }

  async list(limit = Number.POSITIVE_INFINITY): Promise<OutboxMail[]> {
    const items = await this.table.query(
      {
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': MAILS },
        ScanIndexForward: false,
      },
      MailItem,
      limit,
    );
    return items.map(({ pk: _pk, sk: _sk, ...mail }) => mail);
  }
}

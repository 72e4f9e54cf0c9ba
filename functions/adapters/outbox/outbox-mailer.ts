import type { Clock, Ids } from '../../core/clock.js';
import { ValidationError } from '../../core/errors.js';
import type { LocalMailOutbox, Mailer } from '../../core/ports.js';
import { type MailMessage, MailMessageSchema, type OutboxMail } from '../../core/tasks/mail.js';
import type { DynamoMailOutboxStore } from '../dynamodb/mail-outbox-store.js';

export interface OutboxMailerOptions {
  clock: Clock;
  ids: Ids;
  /** The sender the mails show, as SES's verified identity would be in AWS. */
  from: string;
}

/**
 * The embedded default's mail provider: every mail it takes is stored in the local outbox table instead of
 * reaching a mailbox, and listed on the local mail outbox page. It refuses what SES refuses before sending
 * (a malformed message or address), with the same domain error.
 */
export class OutboxMailer implements Mailer, LocalMailOutbox {
  readonly #store: DynamoMailOutboxStore;
  readonly #options: OutboxMailerOptions;

  constructor(store: DynamoMailOutboxStore, options: OutboxMailerOptions) {
    this.#store = store;
    this.#options = options;
  }

  async send(message: MailMessage): Promise<{ messageId: string }> {
    const parsed = MailMessageSchema.safeParse(message);
    if (!parsed.success) {
      throw new ValidationError('Mail refused before sending: malformed message', {
        userMessage: 'Deze e-mail kan niet worden verstuurd: het adres of de inhoud is ongeldig.',
        context: { fields: parsed.error.issues.map((i) => i.path.join('.')).join(',') },
      });
    }
    const mail: OutboxMail = {
      ...parsed.data,
      messageId: `local-mail-${this.#options.ids.next()}`,
      from: this.#options.from,
      at: this.#options.clock.now().toISOString(),
    };
    await this.#store.add(mail);
    return { messageId: mail.messageId };
  }

  list(limit: number): Promise<OutboxMail[]> {
    return this.#store.list(limit);
  }
}

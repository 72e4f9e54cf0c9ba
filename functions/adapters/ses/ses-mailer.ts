import type { SESv2Client, SESv2ClientConfig } from '@aws-sdk/client-sesv2';
import { ValidationError } from '../../core/errors.js';
import type { Mailer } from '../../core/ports.js';
import { type MailMessage, MailMessageSchema } from '../../core/tasks/mail.js';
import { mailErrorOf } from './ses-errors.js';

export interface SesClientOptions {
  region: string;
  /** A different endpoint, for tests against a local server. */
  endpoint?: string;
  credentials?: SESv2ClientConfig['credentials'];
}

/**
 * The SESv2 client for notifications, loaded on first use (the web function starts without it); two attempts
 * at most, a notification is not worth waiting for.
 */
export async function createSesClient(options: SesClientOptions): Promise<SESv2Client> {
  const { SESv2Client } = await import('@aws-sdk/client-sesv2');
  return new SESv2Client({
    region: options.region,
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 10_000, throwOnRequestTimeout: true },
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
  });
}

/**
 * The Mailer over Amazon SES (API v2 `SendEmail`): plain text, UTF-8, from the verified sender identity
 * the stack configures. The client is made on first use, so a web function that never mails never loads it.
 */
export class SesMailer implements Mailer {
  readonly #client: () => Promise<SESv2Client>;
  readonly #from: string;

  constructor(options: { client: () => Promise<SESv2Client>; from: string }) {
    this.#client = options.client;
    this.#from = options.from;
  }

  async send(message: MailMessage): Promise<{ messageId: string }> {
    const parsed = MailMessageSchema.safeParse(message);
    if (!parsed.success) {
      throw new ValidationError('Mail refused before sending: malformed message', {
        userMessage: 'Deze e-mail kan niet worden verstuurd: het adres of de inhoud is ongeldig.',
        context: { fields: parsed.error.issues.map((i) => i.path.join('.')).join(',') },
      });
    }
    const { to, subject, text } = parsed.data;
    let answer: { MessageId?: string | undefined };
    try {
      const { SendEmailCommand } = await import('@aws-sdk/client-sesv2');
      answer = await (await this.#client()).send(
        new SendEmailCommand({
          FromEmailAddress: this.#from,
          Destination: { ToAddresses: [to] },
          Content: {
            Simple: {
              Subject: { Data: subject, Charset: 'UTF-8' },
              Body: { Text: { Data: text, Charset: 'UTF-8' } },
            },
          },
        }),
      );
    } catch (error) {
      throw mailErrorOf(error);
    }
    if (!answer.MessageId) throw mailErrorOf({ name: 'MissingMessageId' });
    return { messageId: answer.MessageId };
  }
}

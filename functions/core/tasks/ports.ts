import type { MailMessage, MailPreference, OutboxMail } from './mail.js';

/**
 * Sends one plain-text mail from the platform's verified sender (SES in AWS, the local mail outbox in the
 * embedded default). Resolves with the provider's message id; a refusal is a ValidationError (bad address,
 * unverified sender), a provider that cannot be reached or throttles an UnavailableError. Never retried
 * here: a notification is a courtesy, and the task itself stays on the overview.
 */
export interface Mailer {
  send(message: MailMessage): Promise<{ messageId: string }>;
}

/** The embedded default's mail outbox: what the local Mailer "sent", newest first, for its page. */
export interface LocalMailOutbox {
  list(limit: number): Promise<OutboxMail[]>;
}

/** Task notifications by mail: the provider, who wants them, and (embedded default only) the outbox. */
export interface NotificationDeps {
  mailer: Mailer;
  preferences: MailPreferenceStore;
  /** Only in the embedded runtime: the mails the local Mailer took, for its page. */
  outbox?: LocalMailOutbox;
}

/** Who wants to be mailed about new tasks, and at which address (one record per person). */
export interface MailPreferenceStore {
  get(userId: string): Promise<MailPreference | undefined>;
  put(preference: MailPreference): Promise<void>;
  /** Everyone who switched notifications on and gave an address. */
  listNotified(): Promise<MailPreference[]>;
}

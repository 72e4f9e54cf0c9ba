import * as z from 'zod';
import { TASK_KIND_LABELS, type TaskKind } from './my-tasks.js';

/** A staff member's e-mail address, as far as a mail provider accepts it. */
export const EmailAddressSchema = z
  .string()
  .trim()
  .max(254, 'Een e-mailadres heeft hoogstens 254 tekens.')
  .pipe(z.email('Vul een geldig e-mailadres in, zoals naam@gemeente.nl.'));

/** One plain-text notification mail. */
export const MailMessageSchema = z.strictObject({
  to: EmailAddressSchema,
  subject: z.string().min(1).max(200),
  text: z.string().min(1).max(10_000),
});
export type MailMessage = z.infer<typeof MailMessageSchema>;

/** A mail the local mail outbox holds (embedded default only), as its page shows it. */
export const OutboxMailSchema = MailMessageSchema.extend({
  messageId: z.string().min(1),
  from: z.string().min(1),
  at: z.iso.datetime(),
});
export type OutboxMail = z.infer<typeof OutboxMailSchema>;

/** A person's choice to be mailed about new tasks, with the address to mail. */
export const MailPreferenceSchema = z.object({
  userId: z.string().min(1),
  email: EmailAddressSchema.nullable(),
  notify: z.boolean(),
  updatedAt: z.iso.datetime(),
});
export type MailPreference = z.infer<typeof MailPreferenceSchema>;

/**
 * The notification of a new task: its kind and where to sign in, nothing else. Why so little: mail leaves
 * the platform's control (forwarded, kept in mailboxes), so it holds no campaign or case name, no number,
 * no name and no address: whoever reads it learns only that work waits in Perspectief.
 */
export function taskNotification(to: string, kind: TaskKind, baseUrl: string): MailMessage {
  return MailMessageSchema.parse({
    to,
    subject: 'Er wacht een taak voor u in Perspectief',
    text: [
      `Er wacht een taak voor u in Perspectief: ${TASK_KIND_LABELS[kind]}.`,
      '',
      `Log in: ${baseUrl}/`,
      '',
      'U krijgt deze e-mail omdat u meldingen van nieuwe taken hebt aangezet. Uitzetten kan in Perspectief onder E-mailmeldingen.',
    ].join('\n'),
  });
}

import { ValidationError } from '../core/errors.js';
import { EmailAddressSchema, type MailPreference } from '../core/tasks/mail.js';
import { type Acting, audit } from './audit.js';
import type { AppDeps } from './deps.js';

/** What the notification settings use. */
export type MailPreferenceDeps = Pick<AppDeps, 'notifications' | 'audit' | 'clock'>;

/** The signed-in person's own notification settings (off, without an address, until they choose). */
export async function myMailPreference(
  deps: Pick<AppDeps, 'notifications'>,
  acting: Acting,
): Promise<MailPreference> {
  const stored = await deps.notifications.preferences.get(acting.actor.userId);
  return (
    stored ?? {
      userId: acting.actor.userId,
      email: null,
      notify: false,
      updatedAt: new Date(0).toISOString(),
    }
  );
}

/**
 * A person switches mails about new tasks on or off for themselves, with the address to use. Only the
 * person decides (it is their own mailbox); audited as `user.changed` with the changed field names only,
 * never the address.
 */
export async function setMyMailPreference(
  deps: MailPreferenceDeps,
  acting: Acting,
  input: { email: string; notify: boolean },
): Promise<MailPreference> {
  const typed = input.email.trim();
  let email: string | null = null;
  if (typed !== '') {
    const parsed = EmailAddressSchema.safeParse(typed);
    if (!parsed.success) {
      throw new ValidationError('Invalid e-mail address for notifications', {
        userMessage: parsed.error.issues[0]?.message ?? 'Vul een geldig e-mailadres in.',
        context: { field: 'email' },
      });
    }
    email = parsed.data;
  }
  if (input.notify && email === null) {
    throw new ValidationError('Notifications without an address', {
      userMessage: 'Vul uw e-mailadres in om meldingen te ontvangen.',
      context: { field: 'email' },
    });
  }
  const before = await myMailPreference(deps, acting);
  const after: MailPreference = {
    userId: acting.actor.userId,
    email,
    notify: input.notify,
    updatedAt: deps.clock.now().toISOString(),
  };
  const changedFields = [
    ...(before.email !== after.email ? ['email'] : []),
    ...(before.notify !== after.notify ? ['notify_by_email'] : []),
  ];
  if (changedFields.length === 0) return before;
  await deps.notifications.preferences.put(after);
  await audit(deps, acting, {
    action: 'user.changed',
    subjectType: 'user',
    subjectId: acting.actor.userId,
    details: { changedFields, toStatus: after.notify ? 'notifications_on' : 'notifications_off' },
  });
  return after;
}

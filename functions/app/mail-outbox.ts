import { holds } from '../core/auth/permissions.js';
import type { OutboxMail } from '../core/tasks/mail.js';
import type { Acting } from './audit.js';
import type { AppDeps } from './deps.js';

/** How many of the newest mails the page shows. */
const SHOWN = 200;

export interface LocalMailOutboxModel {
  mails: OutboxMail[];
  /** Whether the page lists every mail (the admin) or only those to the person's own address. */
  all: boolean;
}

/**
 * The embedded default's mail outbox as its page shows it, newest first; undefined where there is none (AWS).
 * Each person sees the mails sent to their own address; whoever manages the installation sees all of them.
 */
export async function localMailOutboxModel(
  deps: Pick<AppDeps, 'notifications'>,
  acting: Acting,
): Promise<LocalMailOutboxModel | undefined> {
  const outbox = deps.notifications.outbox;
  if (!outbox) return undefined;
  const all = holds(acting.actor.roles, 'admin.manage');
  const mails = await outbox.list(all ? SHOWN : Number.POSITIVE_INFINITY);
  if (all) return { mails, all };
  const own = (await deps.notifications.preferences.get(acting.actor.userId))?.email ?? null;
  return { mails: own === null ? [] : mails.filter((m) => m.to === own).slice(0, SHOWN), all };
}

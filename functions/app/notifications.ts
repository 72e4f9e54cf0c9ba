import type { Campaign } from '../core/campaigns/campaign.schema.js';
import type { Round } from '../core/letters/distribution.schema.js';
import type { SendingDeps } from '../core/ports.js';
import { taskNotification } from '../core/tasks/mail.js';
import { amsterdamDate, myTasks, type TaskKind, type TaskSources } from '../core/tasks/my-tasks.js';
import { type Acting, audit } from './audit.js';
import type { AppDeps } from './deps.js';

/** What notifying about a new task uses. */
export type NotifyDeps = Pick<AppDeps, 'notifications' | 'users' | 'cases' | 'audit' | 'clock' | 'logger'> & {
  sending: Pick<SendingDeps, 'publicBaseUrl'>;
};

/** A task that has just come into being: its kind and the campaign (and round) it is about. */
export type NewTask =
  | { kind: Exclude<TaskKind, 'round_today'>; campaign: Campaign }
  | { kind: 'round_today'; campaign: Campaign; round: Round };

function errorName(error: unknown): string {
  const name = error instanceof Error ? error.name : 'error';
  return /^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(name) ? name : 'error';
}

/**
 * Mails everyone who opted in and now has this task on their overview (the same derivation as "Mijn
 * taken", applied to this one campaign or round), except the person whose action made it. The mail names
 * only the kind of task. Each send is audited (`notification.sent` or `notification.failed`, the recipient
 * by user id); a failure is logged and never fails the action that caused it: the task stays on the overview.
 */
export async function notifyNewTask(deps: NotifyDeps, acting: Acting, task: NewTask): Promise<number> {
  let sent = 0;
  try {
    const [preferences, responsible] = await Promise.all([
      deps.notifications.preferences.listNotified(),
      task.campaign.kind === 'letter'
        ? deps.cases.get(task.campaign.caseId).then((c) => c?.responsibleUserId)
        : Promise.resolve(undefined),
    ]);
    const sources: TaskSources = {
      campaigns: [task.campaign],
      responsibleByCase: new Map(responsible ? [[task.campaign.caseId, responsible]] : []),
      rounds: task.kind === 'round_today' ? [task.round] : [],
      unknownOutcomes: new Map(),
    };
    const subjectId = task.kind === 'round_today' ? task.round.id : task.campaign.id;
    const now = deps.clock.now();
    for (const preference of preferences) {
      if (preference.userId === acting.actor.userId || preference.email === null) continue;
      const user = await deps.users.get(preference.userId);
      if (!user || user.disabled) continue;
      const gets = myTasks({ id: user.id, roles: user.roles }, sources, now).some(
        (t) => t.kind === task.kind && t.subjectId === subjectId,
      );
      if (!gets) continue;
      if (await mailOne(deps, acting, task, user.id, preference.email)) sent++;
    }
  } catch (error) {
    deps.logger.warn('task notifications could not be prepared', {
      taskKind: task.kind,
      campaignId: task.campaign.id,
      error: errorName(error),
    });
  }
  return sent;
}

async function mailOne(
  deps: NotifyDeps,
  acting: Acting,
  task: NewTask,
  userId: string,
  email: string,
): Promise<boolean> {
  const event = {
    subjectType: 'user' as const,
    subjectId: userId,
    caseId: task.campaign.caseId,
    campaignId: task.campaign.id,
    details: { taskKind: task.kind },
  };
  try {
    const { messageId } = await deps.notifications.mailer.send(
      taskNotification(email, task.kind, deps.sending.publicBaseUrl),
    );
    deps.logger.info('task notification sent', { taskKind: task.kind, userId, messageId });
    await audit(deps, acting, { action: 'notification.sent', ...event }).catch(() => undefined);
    return true;
  } catch (error) {
    deps.logger.warn('task notification not sent', { taskKind: task.kind, userId, error: errorName(error) });
    await audit(deps, acting, { action: 'notification.failed', ...event }).catch((auditError: unknown) =>
      deps.logger.error('failed notification could not be audited', { userId, error: errorName(auditError) }),
    );
    return false;
  }
}

/** A round planned for today (Europe/Amsterdam) is a task today; one planned for later is not yet. */
export function isToday(round: Round, now: Date): boolean {
  return round.date === amsterdamDate(now);
}

import type { CampaignStatus } from '../core/campaigns/campaign.schema.js';
import { myTasks, type Task, type TaskSources } from '../core/tasks/my-tasks.js';
import type { User } from '../core/users/user.schema.js';
import type { AppDeps } from './deps.js';

/** What `tasksOf` reads. */
export type TasksDeps = Pick<AppDeps, 'campaigns' | 'cases' | 'rounds' | 'recipients' | 'clock'>;

/** The statuses in which a campaign can hold a task for someone. */
const TASK_STATUSES: readonly CampaignStatus[] = [
  'ready_for_approval',
  'rejected',
  'approved',
  'scheduled',
  'sending',
  'paused',
];

/** Letter campaigns whose rounds may be today's work: every one not cancelled, expired or purged. */
const DISTRIBUTING_STATUSES: readonly CampaignStatus[] = [
  'draft',
  'ready_for_approval',
  'rejected',
  'approved',
  'scheduled',
  'sending',
  'paused',
  'completed',
];

/**
 * Everything tasks are derived from, read from the stores: the campaigns that can hold a task, the
 * responsible manager of their cases, the rounds of letter campaigns being distributed and the unknown
 * outcomes of running SMS campaigns.
 */
export async function taskSources(deps: TasksDeps): Promise<TaskSources> {
  const statuses = [...new Set([...TASK_STATUSES, ...DISTRIBUTING_STATUSES])];
  const campaigns = (await Promise.all(statuses.map((s) => deps.campaigns.listByStatus(s)))).flat();
  const caseIds = [...new Set(campaigns.filter((c) => c.kind === 'letter').map((c) => c.caseId))];
  const cases = await Promise.all(caseIds.map((id) => deps.cases.get(id)));
  const responsibleByCase = new Map(cases.flatMap((c) => (c ? [[c.id, c.responsibleUserId] as const] : [])));
  const letters = campaigns.filter((c) => c.kind === 'letter' && DISTRIBUTING_STATUSES.includes(c.status));
  const rounds = (await Promise.all(letters.map((c) => deps.rounds.listByCampaign(c.id)))).flat();
  const running = campaigns.filter(
    (c) => c.kind === 'sms' && (c.status === 'sending' || c.status === 'paused'),
  );
  const unknown = await Promise.all(
    running.map(
      async (c) => [c.id, (await deps.recipients.countByStatus(c.id, ['unknown'])).unknown] as const,
    ),
  );
  return {
    campaigns: campaigns.filter((c) => TASK_STATUSES.includes(c.status) || c.kind === 'letter'),
    responsibleByCase,
    rounds,
    unknownOutcomes: new Map(unknown.filter(([, n]) => n > 0)),
  };
}

/** The signed-in person's tasks for "Mijn taken" on the overview. */
export async function tasksOf(deps: TasksDeps, user: User): Promise<Task[]> {
  return myTasks({ id: user.id, roles: user.roles }, await taskSources(deps), deps.clock.now());
}

import type { SendingDeps } from '../core/ports.js';
import type { AppDeps } from './deps.js';

/** What the lag reading uses: due campaigns, their dispatch status and pending counts. */
export type DispatchLagDeps = Pick<AppDeps, 'clock' | 'campaigns' | 'recipients'> & {
  sending: Pick<SendingDeps, 'dispatchStatus'>;
};

/**
 * How far the dispatcher is behind, in seconds: for every SMS campaign that is due (scheduled or sending,
 * start time passed) and still has pending recipients, the time since the dispatcher last reported progress
 * on it, unless it is knowingly waiting (outside the send window, scheduled later); the largest of these, 0
 * when nothing waits. A dispatcher that stops running makes this grow minute by minute, which is what the
 * dispatcher-lag alarm watches.
 */
export async function dispatchLagSeconds(deps: DispatchLagDeps): Promise<number> {
  const now = deps.clock.now();
  const campaigns = (
    await Promise.all([deps.campaigns.listByStatus('scheduled'), deps.campaigns.listByStatus('sending')])
  ).flat();
  let lagMs = 0;
  for (const campaign of campaigns) {
    if (campaign.kind !== 'sms' || campaign.scheduledAt === null) continue;
    const dueSince = Date.parse(campaign.scheduledAt);
    if (dueSince > now.getTime()) continue;
    const status = await deps.sending.dispatchStatus.get(campaign.id);
    if (status?.until && Date.parse(status.until) > now.getTime()) continue;
    const { pending } = await deps.recipients.countByStatus(campaign.id, ['pending']);
    if (pending === 0) continue;
    const lastProgress = Math.max(dueSince, status ? Date.parse(status.at) : dueSince);
    lagMs = Math.max(lagMs, now.getTime() - lastProgress);
  }
  return Math.round(lagMs / 1000);
}

import type { CampaignStatus } from './campaign.schema.js';
import type { CampaignAction } from './campaign-action.js';

/**
 * An edit is `content` when it touches anything the approval covers (recipients, variants, letter, sender,
 * link, countries, planned window) and `settings` otherwise (name, quiet hours, rate).
 */
export type EditScope = 'content' | 'settings';

export interface CampaignTransition {
  from: CampaignStatus;
  action: CampaignAction;
  to: CampaignStatus;
  /** Only for `edit`: the row applies to this scope only; absent means any edit. */
  editScope?: EditScope;
}

/**
 * THE table of allowed transitions. Nothing changes a campaign's status except a row of this table.
 *
 * A content edit after submission voids the request or approval and returns to draft; a settings edit keeps
 * the status. During sending only settings may change: to change content, cancel and start over.
 */
export const CAMPAIGN_TRANSITIONS: readonly CampaignTransition[] = [
  { from: 'draft', action: 'edit', to: 'draft' },
  { from: 'draft', action: 'submit', to: 'ready_for_approval' },
  { from: 'draft', action: 'cancel', to: 'cancelled' },
  { from: 'draft', action: 'purge', to: 'purged' },

  { from: 'ready_for_approval', action: 'edit', editScope: 'content', to: 'draft' },
  { from: 'ready_for_approval', action: 'edit', editScope: 'settings', to: 'ready_for_approval' },
  { from: 'ready_for_approval', action: 'approve', to: 'approved' },
  { from: 'ready_for_approval', action: 'reject', to: 'rejected' },
  { from: 'ready_for_approval', action: 'cancel', to: 'cancelled' },

  { from: 'approved', action: 'edit', editScope: 'content', to: 'draft' },
  { from: 'approved', action: 'edit', editScope: 'settings', to: 'approved' },
  { from: 'approved', action: 'schedule', to: 'scheduled' },
  { from: 'approved', action: 'withdraw', to: 'draft' },
  { from: 'approved', action: 'expire', to: 'expired' },
  { from: 'approved', action: 'cancel', to: 'cancelled' },

  { from: 'scheduled', action: 'edit', editScope: 'content', to: 'draft' },
  { from: 'scheduled', action: 'edit', editScope: 'settings', to: 'scheduled' },
  { from: 'scheduled', action: 'schedule', to: 'scheduled' },
  { from: 'scheduled', action: 'start', to: 'sending' },
  { from: 'scheduled', action: 'withdraw', to: 'draft' },
  { from: 'scheduled', action: 'expire', to: 'expired' },
  { from: 'scheduled', action: 'cancel', to: 'cancelled' },

  { from: 'sending', action: 'edit', editScope: 'settings', to: 'sending' },
  { from: 'sending', action: 'pause', to: 'paused' },
  { from: 'sending', action: 'complete', to: 'completed' },
  { from: 'sending', action: 'withdraw', to: 'cancelled' },
  { from: 'sending', action: 'expire', to: 'expired' },
  { from: 'sending', action: 'cancel', to: 'cancelled' },

  { from: 'paused', action: 'edit', editScope: 'settings', to: 'paused' },
  { from: 'paused', action: 'resume', to: 'sending' },
  { from: 'paused', action: 'withdraw', to: 'cancelled' },
  { from: 'paused', action: 'expire', to: 'expired' },
  { from: 'paused', action: 'cancel', to: 'cancelled' },

  { from: 'rejected', action: 'edit', to: 'draft' },
  { from: 'rejected', action: 'submit', to: 'ready_for_approval' },
  { from: 'rejected', action: 'cancel', to: 'cancelled' },
  { from: 'rejected', action: 'purge', to: 'purged' },

  { from: 'expired', action: 'edit', to: 'draft' },
  { from: 'expired', action: 'submit', to: 'ready_for_approval' },
  { from: 'expired', action: 'cancel', to: 'cancelled' },
  { from: 'expired', action: 'purge', to: 'purged' },

  { from: 'completed', action: 'purge', to: 'purged' },
  { from: 'cancelled', action: 'purge', to: 'purged' },
];

/** The row for this status, action and (for edits) scope, if the table has one. */
export function findTransition(
  from: CampaignStatus,
  action: CampaignAction,
  editScope?: EditScope,
): CampaignTransition | undefined {
  return CAMPAIGN_TRANSITIONS.find(
    (t) => t.from === from && t.action === action && (t.editScope === undefined || t.editScope === editScope),
  );
}

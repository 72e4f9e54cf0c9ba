import * as z from 'zod';

/** Everything that can be done to a campaign; the transition table and the role table are keyed on it. */
export const CampaignActionSchema = z.enum([
  'edit',
  'submit',
  'approve',
  'reject',
  'withdraw',
  'schedule',
  'start',
  'pause',
  'resume',
  'complete',
  'cancel',
  'expire',
  'purge',
]);
export type CampaignAction = z.infer<typeof CampaignActionSchema>;

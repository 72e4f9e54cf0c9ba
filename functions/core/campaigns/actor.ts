import * as z from 'zod';
import type { Actor } from '../auth/roles.js';

/** Who acts: a person in one of their roles, or a scheduled job. */
export const SystemActorSchema = z.object({
  system: z.enum(['dispatcher', 'scheduler', 'retention', 'settings']),
});
export type SystemActor = z.infer<typeof SystemActorSchema>;
export type CampaignActor = Actor | SystemActor;

export function isSystem(actor: CampaignActor): actor is SystemActor {
  return 'system' in actor;
}

/** The user id the audit trail and `updatedBy` record for an actor. */
export function actorUserId(actor: CampaignActor): string {
  return isSystem(actor) ? `system:${actor.system}` : actor.userId;
}

import {
  type AuditAction,
  type AuditActorRole,
  type AuditDetails,
  type AuditEvent,
  type AuditSubjectType,
  systemActorUserId,
} from '../core/audit/audit-event.schema.js';
import type { Actor } from '../core/auth/roles.js';
import type { AppDeps } from './deps.js';

/** Who acts in a use case: the person and the role they act in right now. */
export interface Acting {
  actor: Actor;
  role: AuditActorRole;
}

/** A scheduled job or the installer acting on its own (seeding, dispatch, purge). */
export function systemActing(job: string): Acting {
  return { actor: { userId: systemActorUserId(job), username: job, roles: ['admin'] }, role: 'system' };
}

export type AuditDeps = Pick<AppDeps, 'audit' | 'clock'>;

/** Appends one audit event for a state change made by `acting`. */
export async function audit(
  deps: AuditDeps,
  acting: Acting,
  event: {
    action: AuditAction;
    subjectType: AuditSubjectType;
    subjectId: string;
    caseId?: string | null;
    campaignId?: string | null;
    fingerprint?: string | null;
    details?: AuditDetails;
  },
): Promise<AuditEvent> {
  return deps.audit.append({
    at: deps.clock.now().toISOString(),
    actorUserId: acting.actor.userId,
    actorRole: acting.role,
    action: event.action,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    caseId: event.caseId ?? null,
    campaignId: event.campaignId ?? null,
    fingerprint: event.fingerprint ?? null,
    details: event.details ?? {},
  });
}

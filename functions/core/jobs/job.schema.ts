import * as z from 'zod';
import { AuditActorRoleSchema } from '../audit/audit-event.schema.js';
import { ActorSchema } from '../auth/roles.js';
import { ConflictError } from '../errors.js';

/**
 * A job: work that takes longer than a request may (a print view or PDF of a letter run, reading contact
 * files). The request creates the job and answers at once; a worker (the Lambda function the job was
 * handed to, or the web process in the background locally) runs it and records its progress here, and the
 * job page shows it until the result is ready.
 */
export const JobKindSchema = z.enum(['letters_print', 'letters_pdf', 'contacts']);
export type JobKind = z.infer<typeof JobKindSchema>;

export const JobStatusSchema = z.enum(['queued', 'running', 'done', 'failed']);
export type JobStatus = z.infer<typeof JobStatusSchema>;

/** The allowed status changes, in one place. `failed → queued` is a retry; so is a dead job's restart. */
export const JOB_TRANSITIONS: Record<JobStatus, readonly JobStatus[]> = {
  queued: ['running', 'failed'],
  running: ['running', 'done', 'failed'],
  done: [],
  failed: ['queued'],
};

/** A file the job produced, in the files storage (the bucket in AWS), handed out through a short-lived link. */
export const JobFileSchema = z.object({
  key: z.string().min(1),
  fileName: z.string().min(1),
  contentType: z.string().min(1),
  bytes: z.number().int().nonnegative(),
});
export type JobFile = z.infer<typeof JobFileSchema>;

/** What the job needs to run (again): never a phone number or file content, only references. */
export const JobInputSchema = z.object({
  /** Origin for the web-version links printed in letters. */
  baseUrl: z.string().optional(),
  /** Staged contact files (one key per file); they stay in staging until their reading is recorded. */
  stagedKeys: z.array(z.string()).optional(),
});
export type JobInput = z.infer<typeof JobInputSchema>;

export const JobSchema = z.object({
  id: z.string().min(1),
  kind: JobKindSchema,
  status: JobStatusSchema,
  campaignId: z.string().min(1),
  /** The letter run of a letters job; empty for contacts. */
  subjectId: z.string(),
  /** Who started it: only they see the job and its result; the worker acts on their behalf. */
  acting: z.object({ actor: ActorSchema, role: AuditActorRoleSchema }),
  input: JobInputSchema,
  progress: z.object({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }),
  /** 1 for the first run, one more for every retry. */
  attempt: z.number().int().positive(),
  /** Bumped by every write; each write is conditional on the version read (optimistic locking). */
  version: z.number().int().nonnegative(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** The worker's last sign of life: a job whose heartbeat is older than its deadline is dead. */
  heartbeatAt: z.iso.datetime(),
  result: JobFileSchema.optional(),
  error: z.object({ name: z.string(), userMessage: z.string() }).optional(),
});
export type Job = z.infer<typeof JobSchema>;

/** What the page shows: the stored status, or `dead` when the worker stopped giving signs of life. */
export type JobState = JobStatus | 'dead';

/**
 * How long a job may go without a heartbeat: a queued job waits for the worker to start (Lambda's queue for
 * asynchronous calls), a running one heartbeats at least every `JOB_HEARTBEAT_MS` while it works.
 */
export const JOB_DEADLINE_MS: Record<'queued' | 'running', number> = {
  queued: 5 * 60_000,
  running: 2 * 60_000,
};
export const JOB_HEARTBEAT_MS = 20_000;

export function jobState(job: Job, now: Date): JobState {
  if (job.status === 'queued' || job.status === 'running') {
    const silentMs = now.getTime() - Date.parse(job.heartbeatAt);
    if (silentMs > JOB_DEADLINE_MS[job.status]) return 'dead';
  }
  return job.status;
}

export function canRetry(job: Job, now: Date): boolean {
  const state = jobState(job, now);
  return state === 'failed' || state === 'dead';
}

/** The job after one allowed status change (with its version bumped); ConflictError for any other. */
export function transition(job: Job, to: JobStatus, now: Date, changes: Partial<Job> = {}): Job {
  if (!JOB_TRANSITIONS[job.status].includes(to)) {
    throw new ConflictError(`Job cannot go from ${job.status} to ${to}`, {
      userMessage: 'Deze taak is intussen veranderd. Vernieuw de pagina.',
      context: { jobId: job.id, from: job.status, to },
    });
  }
  const at = now.toISOString();
  return { ...job, ...changes, status: to, version: job.version + 1, updatedAt: at, heartbeatAt: at };
}

/** A failed or dead job queued again as a new attempt, its old result and error gone. */
export function retried(job: Job, now: Date): Job {
  if (!canRetry(job, now)) {
    throw new ConflictError('Only a failed or stopped job can be retried', {
      userMessage: 'Deze taak loopt nog of is klaar; opnieuw proberen is niet nodig.',
      context: { jobId: job.id, status: job.status },
    });
  }
  const { result: _result, error: _error, ...rest } = job;
  const at = now.toISOString();
  return {
    ...rest,
    status: 'queued',
    attempt: job.attempt + 1,
    progress: { done: 0, total: job.progress.total },
    version: job.version + 1,
    updatedAt: at,
    heartbeatAt: at,
  };
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../../functions/core/errors.js';
import {
  canRetry,
  JOB_DEADLINE_MS,
  JOB_TRANSITIONS,
  type Job,
  JobStatusSchema,
  jobState,
  retried,
  transition,
} from '../../../functions/core/jobs/job.schema.js';
import { aJob } from '../../fixtures/job-builders.js';

type Step = { kind: 'to'; status: Job['status'] } | { kind: 'retry' } | { kind: 'wait'; ms: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.constantFrom(...JobStatusSchema.options).map((status): Step => ({ kind: 'to', status })),
  fc.constant<Step>({ kind: 'retry' }),
  fc.integer({ min: 0, max: 10 * 60_000 }).map((ms): Step => ({ kind: 'wait', ms })),
);

describe('the job state machine', () => {
  it('changes status only along its table, bumps the version by one per change, and retries only failed or silent jobs', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        let job = aJob();
        let now = new Date(job.createdAt);
        for (const s of steps) {
          if (s.kind === 'wait') {
            now = new Date(now.getTime() + s.ms);
            continue;
          }
          const before = job;
          const allowed =
            s.kind === 'to' ? JOB_TRANSITIONS[before.status].includes(s.status) : canRetry(before, now);
          try {
            job = s.kind === 'to' ? transition(before, s.status, now) : retried(before, now);
          } catch (error) {
            expect(error).toBeInstanceOf(ConflictError);
            expect(allowed).toBe(false);
            continue;
          }
          expect(allowed).toBe(true);
          expect(job.version).toBe(before.version + 1);
          expect(job.heartbeatAt).toBe(now.toISOString());
          if (s.kind === 'retry') {
            expect(['failed', 'dead']).toContain(jobState(before, now));
            expect(job.status).toBe('queued');
            expect(job.attempt).toBe(before.attempt + 1);
            expect(job.result).toBeUndefined();
            expect(job.error).toBeUndefined();
          } else {
            expect(job.attempt).toBe(before.attempt);
          }
        }
      }),
    );
  });

  it('judges a queued or running job dead only after its deadline without a heartbeat, with the given clock', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('queued' as const, 'running' as const, 'done' as const, 'failed' as const),
        fc.integer({ min: 0, max: 60 * 60_000 }),
        (status, silentMs) => {
          const job = aJob({ status });
          const now = new Date(Date.parse(job.heartbeatAt) + silentMs);
          const dead = (status === 'queued' || status === 'running') && silentMs > JOB_DEADLINE_MS[status];
          expect(jobState(job, now)).toBe(dead ? 'dead' : status);
          expect(canRetry(job, now)).toBe(dead || status === 'failed');
        },
      ),
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Acting } from '../../../functions/app/audit.js';
import { contactJobWorkers } from '../../../functions/app/contact-reading.js';
import { stagedUploadKey, startContactJob } from '../../../functions/app/contact-uploads.js';
import type { AppDeps } from '../../../functions/app/deps.js';
import { getJob, jobView, retryJob, runJob, startJob } from '../../../functions/app/jobs.js';
import type { StagedFile } from '../../../functions/core/contacts/ports.js';
import { UnavailableError } from '../../../functions/core/errors.js';
import { JOB_DEADLINE_MS } from '../../../functions/core/jobs/job.schema.js';
import type { JobRunner, UploadStaging } from '../../../functions/core/ports.js';
import { csvOf, mobile } from '../../fixtures/sms-builders.js';
import { draftCampaign, personWith, runtimeWithClock } from './sms-support.js';

/** A staging store in memory that keeps versions like S3: what the contact job reads and discards. */
function memoryStaging(): UploadStaging & { files: Map<string, StagedFile> } {
  const files = new Map<string, StagedFile>();
  return {
    files,
    origin: 'https://staging.example',
    uploadForm: () => Promise.reject(new Error('not used')),
    take: () => Promise.reject(new Error('not used')),
    read: async (key) => files.get(key),
    discard: async (key, version) => {
      if (files.get(key)?.version === version) files.delete(key);
    },
  };
}

/** A runner that only records what it was handed: the test runs the worker itself, step by step. */
function handOnly(): JobRunner & { handed: string[] } {
  const handed: string[] = [];
  return { handed, start: async (job) => void handed.push(job.id) };
}

describe('jobs', () => {
  let t: Awaited<ReturnType<typeof runtimeWithClock>>;
  let deps: AppDeps;
  let adviser: Acting;
  let runner: ReturnType<typeof handOnly>;

  beforeAll(async () => {
    t = await runtimeWithClock(Date.parse('2026-03-02T09:00:00.000Z'));
    runner = handOnly();
    deps = { ...t.deps, jobRunner: runner };
    adviser = await personWith(deps, 'adviseur', ['adviser']);
  });
  afterAll(async () => t.close());

  it('runs a job once however often its event arrives, and reports progress on the way', async () => {
    // Prepare
    const seen: number[] = [];
    let runs = 0;
    const job = await startJob(deps, adviser, {
      kind: 'letters_print',
      campaignId: 'c1',
      input: {},
      total: 2,
    });
    const workers = {
      letters_print: async (
        _d: AppDeps,
        _j: unknown,
        context: { progress(d: number, t: number): Promise<void> },
      ) => {
        runs += 1;
        await context.progress(1, 2);
        seen.push((await deps.jobs.get(job.id))!.progress.done);
        return { key: 'letters/job-x-1.html', fileName: 'w.html', contentType: 'text/html', bytes: 10 };
      },
    };

    // Act
    await Promise.all([runJob(deps, job.id, workers), runJob(deps, job.id, workers)]);
    await runJob(deps, job.id, workers);

    // Assess
    expect(runner.handed).toContain(job.id);
    expect(runs).toBe(1);
    expect(seen).toEqual([1]);
    const done = await getJob(deps, adviser, job.id);
    expect(done.status).toBe('done');
    expect(done.result?.bytes).toBe(10);
  });

  it('judges a silent job dead by the injected clock, retries it, and the old worker can no longer write', async () => {
    // Prepare: a worker that claims the job and then hangs until the test lets it go
    const job = await startJob(deps, adviser, {
      kind: 'letters_print',
      campaignId: 'c1',
      input: {},
      total: 1,
    });
    let release!: () => void;
    let claimed!: () => void;
    const isClaimed = new Promise<void>((resolve) => {
      claimed = resolve;
    });
    const hanging = runJob(deps, job.id, {
      letters_print: async () => {
        claimed();
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        return { key: 'letters/old.html', fileName: 'oud.html', contentType: 'text/html', bytes: 1 };
      },
    });
    await isClaimed;
    expect(jobView(deps, await getJob(deps, adviser, job.id)).state).toBe('running');

    // Act
    t.advance(JOB_DEADLINE_MS.running + 1);
    const view = jobView(deps, await getJob(deps, adviser, job.id));
    await retryJob(deps, adviser, job.id);
    release();
    await hanging;
    await runJob(deps, job.id, {
      letters_print: async () => ({
        key: 'letters/new.html',
        fileName: 'nieuw.html',
        contentType: 'text/html',
        bytes: 2,
      }),
    });

    // Assess
    expect(view).toEqual({ state: 'dead', retry: true });
    const after = await getJob(deps, adviser, job.id);
    expect(after.status).toBe('done');
    expect(after.attempt).toBe(2);
    expect(after.result?.key).toBe('letters/new.html');
  });

  it('records a failure with its Dutch message, or a generic one for anything else, and offers a retry', async () => {
    // Prepare
    const known = await startJob(deps, adviser, { kind: 'letters_pdf', campaignId: 'c1', input: {} });
    const unknown = await startJob(deps, adviser, { kind: 'letters_pdf', campaignId: 'c1', input: {} });

    // Act
    await runJob(deps, known.id, {
      letters_pdf: async () => {
        throw new UnavailableError('PDF function down', {
          userMessage: 'De PDF kon nu niet worden gemaakt.',
        });
      },
    });
    await runJob(deps, unknown.id, {
      letters_pdf: async () => {
        throw new Error('socket hang up at 10.0.0.1');
      },
    });

    // Assess
    const a = await getJob(deps, adviser, known.id);
    const b = await getJob(deps, adviser, unknown.id);
    expect(a.error?.userMessage).toBe('De PDF kon nu niet worden gemaakt.');
    expect(b.error?.userMessage).toMatch(/^Deze taak is mislukt door een storing/);
    expect(b.error?.userMessage).not.toContain('10.0.0.1');
    expect(jobView(deps, b).retry).toBe(true);
    const other = await personWith(deps, 'andere-adviseur', ['adviser']);
    await expect(getJob(deps, other, a.id)).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('keeps a staged contact file until its reading is recorded, so a failed job is retried without losing it', async () => {
    // Prepare: a file in staging, and a store that fails the first time it records a file
    const staging = memoryStaging();
    const campaignId = await draftCampaign(deps, adviser);
    const key = stagedUploadKey({ kind: 'campaign', campaignId }, adviser.actor.userId, 'abc123');
    staging.files.set(key, {
      bytes: new TextEncoder().encode(csvOf([mobile(1), mobile(2)])),
      fields: { telefoon: 'telefoon 1', bestandsnaam: 'a.csv' },
      version: 'v1',
    });
    let failures = 1;
    const real = deps.contactUploads;
    const flakyUploads: typeof real = Object.assign(Object.create(real) as typeof real, {
      add: async (...args: Parameters<typeof real.add>) => {
        if (failures-- > 0) throw new UnavailableError('DynamoDB throttled', { userMessage: 'Even niet.' });
        return real.add(...args);
      },
    });
    const flaky: AppDeps = { ...deps, contactUploads: flakyUploads };
    const job = await startContactJob(flaky, adviser, campaignId, { stagedKeys: [key] });

    // Act
    await runJob(flaky, job.id, contactJobWorkers(staging));
    const failed = await getJob(deps, adviser, job.id);
    const keptAfterFailure = staging.files.has(key);
    await retryJob(flaky, adviser, job.id);
    await runJob(flaky, job.id, contactJobWorkers(staging));

    // Assess
    expect(failed.status).toBe('failed');
    expect(keptAfterFailure).toBe(true);
    const done = await getJob(deps, adviser, job.id);
    expect(done.status).toBe('done');
    expect(staging.files.has(key)).toBe(false);
    const uploads = await deps.contactUploads.list(campaignId);
    expect(uploads).toHaveLength(1);
    expect(uploads[0]!.valid).toBe(2);
  });
});

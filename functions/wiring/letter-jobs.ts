import type { JobEvent } from '../adapters/lambda-jobs/job-event.js';
import type { AppDeps } from '../app/deps.js';
import { letterJobWorkers, runJob } from '../app/jobs.js';

/**
 * A letter job (print view or PDF) the web function handed to itself asynchronously: run outside any
 * request, with its progress and outcome in the job record the person's page shows. It runs on the web
 * function's own dependencies.
 */
export async function handleLetterJob(deps: AppDeps, event: JobEvent): Promise<void> {
  await runJob(deps, event.perspectiefJob.id, letterJobWorkers);
}

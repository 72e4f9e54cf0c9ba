import { ConflictError, isDomainError, NotFoundError, UnavailableError } from '../core/errors.js';
import {
  canRetry,
  JOB_HEARTBEAT_MS,
  type Job,
  type JobFile,
  type JobInput,
  type JobKind,
  jobState,
  retried,
  transition,
} from '../core/jobs/job.schema.js';
import type { FileLink, JobAttachments, JobRunner } from '../core/jobs/ports.js';
import { type Acting, audit } from './audit.js';
import type { AppDeps } from './deps.js';
import { letterDocument, letterDocumentParts, recordLetterExport, requireLetterRun } from './letters.js';

/** What a worker gets besides the job: a progress report (which is also its heartbeat) and any attachments. */
export interface JobContext {
  /** Records progress; throws JobAbandonedError when the job was retried or changed by someone else. */
  progress(done: number, total: number): Promise<void>;
  attachments?: JobAttachments;
}

/** The work of one kind of job; a file it returns is the job's result. */
export type JobWork<D = AppDeps> = (deps: D, job: Job, context: JobContext) => Promise<JobFile | undefined>;

/** The kinds of job a process can run: the web function runs letters, the contact reader contacts. */
export type JobWorkers<D = AppDeps> = Partial<Record<JobKind, JobWork<D>>>;

/** What running a job uses besides its worker's own needs: the job records and the audit log. */
export type RunJobDeps = Pick<AppDeps, 'jobs' | 'clock' | 'logger' | 'audit'>;

/** The job was taken over (a retry after it was judged dead): this worker must stop and write nothing. */
export class JobAbandonedError extends Error {}

const FAILED_MESSAGE = 'Deze taak is mislukt door een storing. Probeer het opnieuw.';

/** What `startJob` uses. */
export type StartJobDeps = Pick<AppDeps, 'audit' | 'clock' | 'ids' | 'jobRunner' | 'jobs' | 'logger'>;

/**
 * Records a new job and hands it to its worker, then returns at once: the request never waits for the work.
 * When the worker cannot be reached, the job is recorded as failed with a Dutch message, so the page can
 * offer a retry and nothing is lost.
 */
export async function startJob(
  deps: StartJobDeps,
  acting: Acting,
  draft: { kind: JobKind; campaignId: string; subjectId?: string; input: JobInput; total?: number },
  attachments?: JobAttachments,
): Promise<Job> {
  const at = deps.clock.now().toISOString();
  const job: Job = {
    id: deps.ids.next(),
    kind: draft.kind,
    status: 'queued',
    campaignId: draft.campaignId,
    subjectId: draft.subjectId ?? '',
    acting: {
      actor: {
        userId: acting.actor.userId,
        username: acting.actor.username,
        roles: [...acting.actor.roles],
      },
      role: acting.role,
    },
    input: draft.input,
    progress: { done: 0, total: draft.total ?? 0 },
    attempt: 1,
    version: 0,
    createdAt: at,
    updatedAt: at,
    heartbeatAt: at,
  };
  await deps.jobs.create(job);
  await audit(deps, acting, {
    action: 'job.started',
    subjectType: 'job',
    subjectId: job.id,
    campaignId: job.campaignId,
    details: { toStatus: job.kind },
  });
  return hand(deps, job, attachments);
}

async function hand(
  deps: Pick<AppDeps, 'clock' | 'jobRunner' | 'jobs' | 'logger'>,
  job: Job,
  attachments?: JobAttachments,
): Promise<Job> {
  try {
    await deps.jobRunner.start(job, attachments);
    return job;
  } catch (error) {
    deps.logger.error('job could not be handed to its worker', {
      jobId: job.id,
      kind: job.kind,
      error: error instanceof Error ? error.name : 'unknown',
    });
    const userMessage = isDomainError(error)
      ? error.userMessage
      : 'De taak kon niet worden gestart. Probeer het over een paar minuten opnieuw.';
    const failed = transition(job, 'failed', deps.clock.now(), {
      error: { name: 'NotStarted', userMessage },
    });
    await deps.jobs.save(failed);
    return failed;
  }
}

/** What `getJob` uses. */
export type GetJobDeps = Pick<AppDeps, 'jobs'>;

/** A job of the acting person; anyone else's (or an unknown id) is "not found", never "forbidden". */
export async function getJob(deps: GetJobDeps, acting: Acting, jobId: string): Promise<Job> {
  const job = await deps.jobs.get(jobId);
  if (!job || job.acting.actor.userId !== acting.actor.userId) {
    throw new NotFoundError('Job not found', {
      userMessage: 'Deze taak bestaat niet (meer), of is van iemand anders.',
      context: { jobId },
    });
  }
  return job;
}

/** What `retryJob` uses. */
export type RetryJobDeps = Pick<AppDeps, 'audit' | 'clock' | 'jobRunner' | 'jobs' | 'logger'>;

/** Queues a failed or dead job again, as a new attempt, and hands it to its worker. */
export async function retryJob(deps: RetryJobDeps, acting: Acting, jobId: string): Promise<Job> {
  const job = await getJob(deps, acting, jobId);
  const next = retried(job, deps.clock.now());
  await deps.jobs.save(next);
  await audit(deps, acting, {
    action: 'job.retried',
    subjectType: 'job',
    subjectId: job.id,
    campaignId: job.campaignId,
    details: { toStatus: job.kind, counts: { attempt: next.attempt } },
  });
  return hand(deps, next);
}

/** What `jobFileLink` uses. */
export type JobFileLinkDeps = Pick<AppDeps, 'files' | 'jobs'>;

/** A short-lived link to a finished job's file, signed anew at every request. */
export async function jobFileLink(deps: JobFileLinkDeps, acting: Acting, jobId: string): Promise<FileLink> {
  const job = await getJob(deps, acting, jobId);
  if (job.status !== 'done' || !job.result) {
    throw new ConflictError('Job has no file (yet)', {
      userMessage: 'Dit bestand is nog niet klaar.',
      context: { jobId },
    });
  }
  return deps.files.link(job.result.key, job.result);
}

/**
 * The worker's side: claims a queued job (a second delivery of the same event finds it running and does
 * nothing), runs its work with a heartbeat, and records the result or a Dutch reason. A domain error's
 * message is the person's; anything else is logged in English and shown as a generic failure. A worker
 * whose job was retried meanwhile stops without writing.
 */
export async function runJob<D extends RunJobDeps>(
  deps: D,
  jobId: string,
  workers: JobWorkers<D>,
  attachments?: JobAttachments,
): Promise<Job | undefined> {
  const found = await deps.jobs.get(jobId);
  if (found?.status !== 'queued') return found;
  let job = transition(found, 'running', deps.clock.now());
  try {
    await deps.jobs.save(job);
  } catch (error) {
    if (error instanceof ConflictError) return deps.jobs.get(jobId);
    throw error;
  }
  // Writes of this worker, one after another, each on the version the previous one wrote.
  let chain: Promise<void> = Promise.resolve();
  let abandoned = false;
  const write = (change: (current: Job) => Job): Promise<void> => {
    chain = chain.then(async () => {
      if (abandoned) throw new JobAbandonedError(jobId);
      const next = change(job);
      try {
        await deps.jobs.save(next);
        job = next;
      } catch (error) {
        if (error instanceof ConflictError) abandoned = true;
        throw abandoned ? new JobAbandonedError(jobId) : error;
      }
    });
    return chain;
  };
  const beat = () => write((current) => transition(current, 'running', deps.clock.now()));
  const timer = setInterval(() => beat().catch(() => undefined), JOB_HEARTBEAT_MS);
  timer.unref?.();
  const context: JobContext = {
    progress: (done, total) =>
      write((current) => transition(current, 'running', deps.clock.now(), { progress: { done, total } })),
    ...(attachments ? { attachments } : {}),
  };
  try {
    const work = workers[job.kind];
    if (!work) throw new Error(`This process runs no ${job.kind} jobs`);
    const result = await work(deps, job, context);
    clearInterval(timer);
    await write((current) =>
      transition(current, 'done', deps.clock.now(), {
        progress: { done: current.progress.total, total: current.progress.total },
        ...(result ? { result } : {}),
      }),
    );
  } catch (error) {
    clearInterval(timer);
    if (error instanceof JobAbandonedError || abandoned) return deps.jobs.get(jobId);
    const userMessage = isDomainError(error) ? error.userMessage : FAILED_MESSAGE;
    deps.logger.error('job failed', {
      jobId,
      kind: job.kind,
      attempt: job.attempt,
      error: error instanceof Error ? error.name : 'unknown',
      // Only a domain error's message is known to be free of content; another error's could quote a file.
      ...(isDomainError(error) ? { message: error.message } : {}),
    });
    try {
      await write((current) =>
        transition(current, 'failed', deps.clock.now(), {
          error: { name: error instanceof Error ? error.name : 'Error', userMessage },
        }),
      );
      await audit(deps, job.acting, {
        action: 'job.failed',
        subjectType: 'job',
        subjectId: job.id,
        campaignId: job.campaignId,
        details: { toStatus: job.kind, counts: { attempt: job.attempt } },
      });
    } catch (writeError) {
      if (!(writeError instanceof JobAbandonedError)) throw writeError;
    }
  }
  return job;
}

/** How many letters are composed between two progress reports (and heartbeats). */
const LETTERS_PER_STEP = 500;

/** Key of a job's file below `letters/`, the only prefix the web and PDF functions may write. */
function fileKey(job: Job, extension: string): string {
  return `letters/job-${job.id}-${job.attempt}.${extension}`;
}

/**
 * The print view of a letter run, written page by page into the files storage: 10,000 letters are about
 * 230 MB of HTML, far more than a response may carry and more than is wise to hold as one string.
 */
const lettersPrint: JobWork = async (deps, job, context) => {
  const { batch, parts, pages } = await letterDocumentParts(deps, lettersInput(job));
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [encoder.encode(parts.start)];
  let batchText = '';
  let done = 0;
  await context.progress(0, pages);
  for (const body of parts.bodies()) {
    batchText += body;
    done += 1;
    if (done % LETTERS_PER_STEP === 0) {
      chunks.push(encoder.encode(batchText));
      batchText = '';
      await context.progress(done, pages);
    }
  }
  chunks.push(encoder.encode(batchText + parts.end));
  const contentType = 'text/html; charset=utf-8';
  const key = fileKey(job, 'html');
  const bytes = await deps.files.put(key, chunks, contentType);
  return { key, fileName: `wijkberichten-${batch.createdAt.slice(0, 10)}.html`, contentType, bytes };
};

/** The print-ready PDF of a letter run, stored for a short-lived download link; counted and audited as an export. */
const lettersPdf: JobWork = async (deps, job, context) => {
  const { batch, html, pages } = await letterDocument(deps, lettersInput(job));
  await context.progress(1, 3);
  const key = fileKey(job, 'pdf');
  const contentType = 'application/pdf';
  const bytes = deps.pdf.renderToFile
    ? (await deps.pdf.renderToFile({ html, pages }, key)).bytes
    : await deps.files.put(key, await deps.pdf.render({ html, pages }), contentType);
  await context.progress(2, 3);
  await recordLetterExport(deps, job.acting, batch, pages);
  return { key, fileName: `wijkberichten-${batch.createdAt.slice(0, 10)}.pdf`, contentType, bytes };
};

function lettersInput(job: Job): { campaignId: string; batchId: string; baseUrl: string } {
  if (!job.input.baseUrl)
    throw new UnavailableError('Letters job without a base URL', { userMessage: FAILED_MESSAGE });
  return { campaignId: job.campaignId, batchId: job.subjectId, baseUrl: job.input.baseUrl };
}

/** The letter jobs, run by the web function (in AWS through an asynchronous call to itself). */
export const letterJobWorkers: JobWorkers = { letters_print: lettersPrint, letters_pdf: lettersPdf };

/** Starts the print view or the PDF of a letter run as a job. */
export async function startLetterJob(
  deps: Parameters<typeof requireLetterRun>[0] & Parameters<typeof startJob>[0],
  acting: Acting,
  input: { campaignId: string; batchId: string; kind: 'letters_print' | 'letters_pdf'; baseUrl: string },
): Promise<Job> {
  const batch = await requireLetterRun(deps, acting, input.campaignId, input.batchId);
  return startJob(deps, acting, {
    kind: input.kind,
    campaignId: input.campaignId,
    subjectId: batch.id,
    input: { baseUrl: input.baseUrl },
    total: input.kind === 'letters_print' ? batch.pages : 3,
  });
}

/** What `jobView` uses. */
export type JobViewDeps = Pick<AppDeps, 'clock'>;

/** What the job page needs to know besides the job: its state now, and whether it may be retried. */
export function jobView(deps: JobViewDeps, job: Job): { state: ReturnType<typeof jobState>; retry: boolean } {
  const now = deps.clock.now();
  return { state: jobState(job, now), retry: canRetry(job, now) };
}

/**
 * The embedded runtime's runner: the job runs in this process, in the background, after the request has
 * been answered. `settled()` lets tests wait for every started job explicitly instead of for some time.
 */
export function inProcessJobRunner(
  deps: () => AppDeps,
  workers: JobWorkers,
): JobRunner & { settled(): Promise<void> } {
  const running = new Set<Promise<unknown>>();
  return {
    async start(job: Job, attachments?: JobAttachments) {
      const run = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => runJob(deps(), job.id, workers, attachments))
        .catch((error: unknown) =>
          deps().logger.error('background job crashed', {
            jobId: job.id,
            error: error instanceof Error ? error.name : 'unknown',
          }),
        )
        .finally(() => running.delete(run));
      running.add(run);
    },
    async settled() {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}

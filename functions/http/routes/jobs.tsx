import type { Context, Hono } from 'hono';
import type { AppDeps } from '../../app/deps.js';
import { openSignedFile } from '../../app/file-links.js';
import { getJob, jobFileLink, jobView, retryJob } from '../../app/jobs.js';
import type { Job, JobState } from '../../core/jobs/job.schema.js';
import { actingOf, route } from '../access.js';
import type { AppEnv } from '../env.js';
import { page } from '../responses.js';
import { backLink, JobPage, TITLES } from '../views/jobs.js';
import { param } from './sms-http.js';

/** How often the progress page reloads itself while the job runs. */
const REFRESH_SECONDS = 3;

/**
 * The job pages: progress (reloading itself, no script needed), the result when ready, and a retry for a
 * failed or stopped job. Only the person who started a job sees it. Files are never answered here: the
 * download is a 303 to a short-lived link (presigned S3 in AWS).
 */
export function jobRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  route(app, 'get', '/taken/:jobId', 'jobs.follow', async (c) => {
    const job = await getJob(deps, actingOf(c), param(c, 'jobId'));
    const { state, retry } = jobView(deps, job);
    // A finished upload goes straight back to the campaign, where its report is.
    if (state === 'done' && job.kind === 'contacts') return c.redirect(backLink(job).href, 303);
    return jobPage(c, job, state, retry);
  });

  route(app, 'get', '/taken/:jobId/bestand', 'jobs.follow', async (c) => {
    const link = await jobFileLink(deps, actingOf(c), param(c, 'jobId'));
    c.header('cache-control', 'no-store');
    return c.redirect(link.url, 303);
  });

  route(app, 'post', '/taken/:jobId/opnieuw', 'jobs.follow', async (c) => {
    const job = await retryJob(deps, actingOf(c), param(c, 'jobId'));
    return c.redirect(`/taken/${job.id}`, 303);
  });

  // The embedded runtime serves its own signed file links; in AWS the links point at the bucket.
  route(app, 'get', '/bestanden', 'public', async (c) => {
    const file = await openSignedFile(deps, new URL(c.req.url).searchParams);
    if (!file) {
      return page(
        c,
        'Link verlopen',
        <>
          <h1 class="utrecht-heading-1">Link verlopen</h1>
          <p class="utrecht-paragraph">
            Deze downloadlink is verlopen of ongeldig. Open de taak opnieuw om een nieuwe link te krijgen.
          </p>
        </>,
        404,
      );
    }
    const inline = file.contentType.startsWith('text/html');
    return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': file.contentType,
      'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${file.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
      'cache-control': 'no-store',
    });
  });
}

function jobPage(c: Context<AppEnv>, job: Job, state: JobState, retry: boolean) {
  const busy = state === 'queued' || state === 'running';
  return page(
    c,
    TITLES[job.kind],
    <JobPage job={job} state={state} retry={retry} csrf={c.get('csrfToken')} />,
    200,
    busy ? { to: `/taken/${job.id}`, seconds: REFRESH_SECONDS } : undefined,
  );
}

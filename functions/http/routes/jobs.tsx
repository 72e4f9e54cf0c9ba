import type { Context, Hono } from 'hono';
import type { AppDeps } from '../../app/deps.js';
import { getJob, jobFileLink, jobView, retryJob } from '../../app/jobs.js';
import type { Job, JobState } from '../../core/jobs/job.schema.js';
import { actingOf, route } from '../access.js';
import type { AppEnv } from '../env.js';
import { page } from '../responses.js';
import { CsrfField } from '../views/layout.js';
import { param } from './sms-http.js';

/** The roles that start jobs (letters: area manager and adviser; contact files: adviser). */

/** How often the progress page reloads itself while the job runs. */
const REFRESH_SECONDS = 3;

const TITLES: Record<Job['kind'], string> = {
  letters_print: 'Printweergave van de brieven',
  letters_pdf: 'PDF van de brieven',
  contacts: 'Contactbestanden inlezen',
};

const STATE_TEXT: Record<JobState, string> = {
  queued: 'In de wachtrij. De taak begint zo.',
  running: 'Bezig.',
  done: 'Klaar.',
  failed: 'Mislukt.',
  dead: 'Deze taak is gestopt: er kwam te lang geen teken van leven. Er is niets verloren; probeer het opnieuw.',
};

function backLink(job: Job): { href: string; label: string } {
  return job.kind === 'contacts'
    ? { href: `/campagnes/${job.campaignId}#contactlijsten`, label: 'Terug naar de campagne' }
    : { href: `/wijkberichten/${job.campaignId}/brieven`, label: 'Terug naar de brieven' };
}

function progressText(job: Job): string {
  const { done, total } = job.progress;
  if (total === 0) return '';
  if (job.kind === 'letters_print') return `${done} van ${total} brieven opgemaakt.`;
  if (job.kind === 'contacts') return `${done} van ${total} bestanden ingelezen.`;
  return `Stap ${Math.min(done + 1, total)} van ${total}.`;
}

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
    const file = await deps.files.open?.(new URL(c.req.url).searchParams);
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
  const back = backLink(job);
  const busy = state === 'queued' || state === 'running';
  const { done, total } = job.progress;
  return page(
    c,
    TITLES[job.kind],
    <>
      <h1 class="utrecht-heading-1">{TITLES[job.kind]}</h1>
      <div role="status" data-job-state={state}>
        <p class="utrecht-paragraph">{STATE_TEXT[state]}</p>
        {busy && total > 0 ? (
          <p class="utrecht-paragraph">
            <progress max={total} value={done}>
              {done} van {total}
            </progress>{' '}
            {progressText(job)}
          </p>
        ) : null}
        {busy ? (
          <p class="utrecht-paragraph muted">
            Deze pagina ververst zichzelf. U kunt haar ook sluiten en later terugkomen via{' '}
            <a class="utrecht-link" href={back.href}>
              {back.label.toLowerCase()}
            </a>
            .
          </p>
        ) : null}
      </div>
      {state === 'failed' && job.error ? (
        <p class="utrecht-paragraph" role="alert">
          {job.error.userMessage}
        </p>
      ) : null}
      {state === 'done' && job.result ? (
        <p class="utrecht-paragraph">
          <a
            class="utrecht-button-link utrecht-button-link--primary-action"
            href={`/taken/${job.id}/bestand`}
          >
            {job.kind === 'letters_pdf' ? 'PDF downloaden' : 'Printweergave openen'}
          </a>{' '}
          <span class="muted">({formatBytes(job.result.bytes)}; de link werkt steeds een paar minuten)</span>
        </p>
      ) : null}
      {retry ? (
        <form method="post" action={`/taken/${job.id}/opnieuw`}>
          <CsrfField token={c.get('csrfToken')} />
          <button type="submit" class="utrecht-button utrecht-button--primary-action">
            Opnieuw proberen
          </button>
        </form>
      ) : null}
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={back.href}>
          {back.label}
        </a>
      </p>
    </>,
    200,
    busy ? { to: `/taken/${job.id}`, seconds: REFRESH_SECONDS } : undefined,
  );
}

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} kB`;
  return `${(Math.round((bytes / (1024 * 1024)) * 10) / 10).toString().replace('.', ',')} MB`;
}

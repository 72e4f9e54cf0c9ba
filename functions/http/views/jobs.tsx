import type { Job, JobState } from '../../core/jobs/job.schema.js';
import { CsrfField } from './layout.js';

export const TITLES: Record<Job['kind'], string> = {
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

export function backLink(job: Job): { href: string; label: string } {
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

/** A job's page: its state and progress, the result when ready, and a retry when it failed or stopped. */
export function JobPage(props: { job: Job; state: JobState; retry: boolean; csrf: string }) {
  const { job, state, retry, csrf } = props;
  const back = backLink(job);
  const busy = state === 'queued' || state === 'running';
  const { done, total } = job.progress;
  return (
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
          <CsrfField token={csrf} />
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
    </>
  );
}

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} kB`;
  return `${(Math.round((bytes / (1024 * 1024)) * 10) / 10).toString().replace('.', ',')} MB`;
}

import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppDeps } from '../../../app/deps.js';
import { startLetterJob } from '../../../app/jobs.js';
import { letterBatchesModel } from '../../../app/letter-pages.js';
import { renderLetters } from '../../../app/letters.js';
import { actingOf, route } from '../../access.js';
import type { AppEnv } from '../../env.js';
import { formAction } from '../../form-action.js';
import { page } from '../../responses.js';
import { LetterBatchesPage } from '../../views/letters/batches.js';
import { letterNotice } from '../../views/letters/notices.js';
import { origin, param, postedFields, RenderLettersForm } from './forms.js';

/** The letters of a campaign: making them from the approved text, and the print view and PDF of a batch. */
export function letterBatchRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  const lettersPage = async (
    c: Context<AppEnv>,
    error?: string,
    status: ContentfulStatusCode = 200,
    caseText = '',
  ) =>
    page(
      c,
      'Brieven',
      <LetterBatchesPage
        model={await letterBatchesModel(deps, actingOf(c), param(c, 'id'))}
        csrf={c.get('csrfToken')}
        error={error}
        notice={letterNotice(c.req.query('klaar'))}
        caseText={caseText}
      />,
      status,
    );

  route(app, 'get', '/wijkberichten/:id/brieven', 'letters.prepare', (c) => lettersPage(c));
  route(
    app,
    'post',
    '/wijkberichten/:id/brieven',
    'letters.prepare',
    ...formAction(RenderLettersForm, {
      run: async (c, form) => {
        const id = param(c, 'id');
        await renderLetters(deps, actingOf(c), {
          campaignId: id,
          mode: form.modus,
          ...(form.zaaktekst === undefined ? {} : { caseText: form.zaaktekst }),
          baseUrl: origin(c),
        });
        return `/wijkberichten/${id}/brieven?klaar=gemaakt`;
      },
      rerender: async (c, message, status) =>
        lettersPage(c, message, status, (await postedFields(c)).zaaktekst?.[0] ?? ''),
    }),
  );
  // The print view and the PDF are jobs: thousands of letters take longer than a request may, and are
  // larger than a response may be. The page of the job shows its progress and then offers the file.
  for (const [path, kind] of [
    ['print', 'letters_print'],
    ['pdf', 'letters_pdf'],
  ] as const) {
    route(app, 'post', `/wijkberichten/:id/brieven/:batchId/${path}`, 'letters.prepare', async (c) => {
      const job = await startLetterJob(deps, actingOf(c), {
        campaignId: param(c, 'id'),
        batchId: param(c, 'batchId'),
        kind,
        baseUrl: origin(c),
      });
      return c.redirect(`/taken/${job.id}`, 303);
    });
  }
}

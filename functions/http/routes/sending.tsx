import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as z from 'zod';
import type { AppDeps } from '../../app/deps.js';
import { configureLocalOutbox, localOutboxModel } from '../../app/local-outbox.js';
import {
  cancelSending,
  pauseSending,
  resendUnknown,
  resumeSending,
  scheduleSending,
  sendingDashboard,
} from '../../app/sending.js';
import { actingOf, route } from '../access.js';
import type { AppEnv } from '../env.js';
import { formAction } from '../form-action.js';
import { notFoundPage, page } from '../responses.js';
import type { FieldError } from '../views/form-errors.js';
import { OutboxView } from '../views/local-outbox.js';
import { CancelSendingConfirm, SendingDashboardView } from '../views/sending.js';
import { DASHBOARD_SCRIPT } from '../views/sending-script.js';
import { amsterdamLocalToIso } from '../views/sms-format.js';
import { formOf } from './sms-http.js';

type C = Context<AppEnv>;

const NOTICES: Record<string, string> = {
  ingepland: 'De verzending is ingepland.',
  gepauzeerd: 'De verzending is gepauzeerd.',
  hervat: 'De verzending is hervat.',
  geannuleerd: 'De campagne is geannuleerd.',
  opnieuw: 'De ontvangers met een onbekende uitkomst worden opnieuw verstuurd.',
};

async function dashboardPage(c: C, deps: AppDeps, error?: string, status: ContentfulStatusCode = 200) {
  const d = await sendingDashboard(deps, actingOf(c), c.req.param('id') ?? '');
  return page(
    c,
    `Verzending ${d.campaign.name}`,
    <SendingDashboardView
      d={d}
      csrf={c.get('csrfToken')}
      error={error}
      notice={NOTICES[c.req.query('klaar') ?? '']}
    />,
    status,
  );
}

/** The confirmation before cancelling, with the reason typed and the error beside its field. */
async function cancelPage(
  c: C,
  deps: AppDeps,
  state: { errors?: FieldError[]; reason?: string } = {},
  status: ContentfulStatusCode = 200,
) {
  const d = await sendingDashboard(deps, actingOf(c), c.req.param('id') ?? '');
  return page(
    c,
    `Annuleren: ${d.campaign.name}`,
    <CancelSendingConfirm d={d} csrf={c.get('csrfToken')} state={state} />,
    status,
  );
}

/** Scheduling: now (`nu=nu`) or at a local time; an unreadable time is refused by the use case in Dutch. */
export const ScheduleFormSchema = z
  .object({ nu: z.string().optional(), startAt: z.string().default('') })
  .transform((form) => (form.nu === 'nu' ? 'nu' : (amsterdamLocalToIso(form.startAt) ?? 'ongeldig')));

/** Cancelling: the reason, required by the use case. */
export const CancelFormSchema = z.object({ reden: z.string().default('') });

/** Sending again to recipients with an unknown outcome: two explicit confirmations. */
export const ResendFormSchema = z.object({
  bevestig1: z.string().optional(),
  bevestig2: z.string().optional(),
});

/**
 * The adviser's live dashboard of a campaign's sending (`/campagnes/:id/verzending`, its JSON for polling and
 * the script that polls), the schedule / pause / resume / cancel / resend actions, and the local outbox page.
 */
export function sendingRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  route(app, 'get', '/assets/verzending.js', 'public', (c) =>
    c.body(DASHBOARD_SCRIPT, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=300',
    }),
  );
  route(app, 'get', '/campagnes/:id/verzending', 'sending.view', (c) => dashboardPage(c, deps));
  route(app, 'get', '/campagnes/:id/verzending.json', 'sending.view', async (c) =>
    c.json(await sendingDashboard(deps, actingOf(c), c.req.param('id') ?? ''), 200, {
      'cache-control': 'no-store',
    }),
  );

  /** A dashboard action: done shows the dashboard with a notice, a refusal shows it with the message. */
  const action = <S extends z.ZodType>(
    path: string,
    done: string,
    schema: S,
    run: (c: C, id: string, input: z.output<S>) => Promise<unknown>,
  ) =>
    route(
      app,
      'post',
      `/campagnes/:id/verzending/${path}`,
      'sending.act',
      ...formAction(schema, {
        run: async (c, input) => {
          const id = c.req.param('id') ?? '';
          await run(c, id, input);
          return `/campagnes/${id}/verzending?klaar=${done}`;
        },
        rerender: (c, message, status, error) => {
          if (error && (error.kind === 'not_found' || error.kind === 'forbidden')) throw error;
          return dashboardPage(c, deps, message, status);
        },
      }),
    );

  action('inplannen', 'ingepland', ScheduleFormSchema, (c, id, startAt) =>
    scheduleSending(deps, actingOf(c), id, startAt),
  );
  action('pauzeren', 'gepauzeerd', z.object({}), (c, id) => pauseSending(deps, actingOf(c), id));
  action('hervatten', 'hervat', z.object({}), (c, id) => resumeSending(deps, actingOf(c), id));
  route(app, 'get', '/campagnes/:id/verzending/annuleren', 'sending.act', (c) => cancelPage(c, deps));
  route(
    app,
    'post',
    '/campagnes/:id/verzending/annuleren',
    'sending.act',
    ...formAction(CancelFormSchema, {
      run: async (c, form) => {
        const id = c.req.param('id') ?? '';
        await cancelSending(deps, actingOf(c), id, form.reden);
        return `/campagnes/${id}/verzending?klaar=geannuleerd`;
      },
      rerender: async (c, message, status, error) => {
        if (error && ![409, 422].includes(status)) throw error;
        const field = error?.context.field === 'reason' ? 'reden' : 'bevestigen';
        const reason = (await formOf(c)).reden ?? '';
        return cancelPage(c, deps, { errors: [{ field, message }], reason }, status);
      },
    }),
  );
  action('opnieuw', 'opnieuw', ResendFormSchema, (c, id, form) =>
    resendUnknown(deps, actingOf(c), id, [form.bevestig1 === 'ja', form.bevestig2 === 'ja']),
  );

  route(app, 'get', '/lokaal/uitgaande-berichten', 'sending.act', async (c) => {
    const outbox = await localOutboxModel(deps, c.req.query('campagne') || undefined);
    if (!outbox) return notFoundPage(c);
    return page(
      c,
      'Uitgaande berichten (lokaal)',
      <OutboxView
        {...outbox}
        csrf={c.get('csrfToken')}
        notice={c.req.query('klaar') === 'opgeslagen' ? 'De instellingen zijn opgeslagen.' : undefined}
      />,
    );
  });
  route(app, 'post', '/lokaal/uitgaande-berichten/instellingen', 'sending.act', async (c) => {
    const outcome = configureLocalOutbox(deps, await formOf(c));
    if (outcome === 'absent') return notFoundPage(c);
    if (outcome === 'saved') return c.redirect('/lokaal/uitgaande-berichten?klaar=opgeslagen', 303);
    const outbox = await localOutboxModel(deps, c.req.query('campagne') || undefined);
    if (!outbox) return notFoundPage(c);
    return page(c, 'Uitgaande berichten (lokaal)', <OutboxView {...outbox} csrf={c.get('csrfToken')} />, 422);
  });
}

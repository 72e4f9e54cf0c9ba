import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppDeps } from '../../app/deps.js';
import {
  cancelSending,
  pauseSending,
  resendUnknown,
  resumeSending,
  scheduleSending,
  sendingDashboard,
} from '../../app/sending.js';
import { isDomainError } from '../../core/errors.js';
import { OutboxSettingsSchema } from '../../core/sending/ports.js';
import { actingOf, route } from '../access.js';
import type { AppEnv } from '../env.js';
import { statusOf } from '../errors.js';
import { notFoundPage, page } from '../responses.js';
import { ConfirmPage } from '../views/confirm.js';
import type { FieldError } from '../views/form-errors.js';
import { OutboxView, SendingDashboardView } from '../views/sending.js';
import { amsterdamLocalToIso, formatCount } from '../views/sms-format.js';

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

/** The confirmation before cancelling: what stops, a required reason, and a way back. */
async function cancelPage(
  c: C,
  deps: AppDeps,
  state: { errors?: FieldError[]; reason?: string } = {},
  status: ContentfulStatusCode = 200,
) {
  const d = await sendingDashboard(deps, actingOf(c), c.req.param('id') ?? '');
  const back = `/campagnes/${d.campaign.id}/verzending`;
  const handed = d.funnel.sent + d.funnel.delivered + d.funnel.failed + d.funnel.unknown;
  return page(
    c,
    `Annuleren: ${d.campaign.name}`,
    <ConfirmPage
      title={`Campagne „${d.campaign.name}” annuleren?`}
      action={`${back}/annuleren`}
      csrf={c.get('csrfToken')}
      confirmLabel="Ja, campagne annuleren"
      backHref={back}
      backLabel="Nee, terug naar de verzending"
      reason={{
        label: 'Reden van de annulering',
        hint: 'Komt in de audittrail. Noem geen namen of telefoonnummers.',
        value: state.reason,
      }}
      errors={state.errors}
    >
      <p class="utrecht-paragraph" id="bevestigen">
        Annuleren kan niet ongedaan worden gemaakt. Er worden geen berichten meer verstuurd: van de{' '}
        {formatCount(d.funnel.approved)} goedgekeurde ontvangers is aan {formatCount(handed)} al een bericht
        verstuurd; de overige {formatCount(Math.max(0, d.funnel.approved - handed))} krijgen er geen. Om
        alsnog te versturen is een nieuwe campagne met een nieuwe goedkeuring nodig.
      </p>
    </ConfirmPage>,
    status,
  );
}

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

  const action = (path: string, done: string, run: (c: C, id: string) => Promise<unknown>) =>
    route(app, 'post', `/campagnes/:id/verzending/${path}`, 'sending.act', async (c) => {
      const id = c.req.param('id') ?? '';
      try {
        await run(c, id);
      } catch (error) {
        if (isDomainError(error) && error.kind !== 'not_found' && error.kind !== 'forbidden') {
          return dashboardPage(c, deps, error.userMessage, statusOf(error));
        }
        throw error;
      }
      return c.redirect(`/campagnes/${id}/verzending?klaar=${done}`, 303);
    });

  action('inplannen', 'ingepland', async (c, id) => {
    const form = await c.req.parseBody();
    const now = form.nu === 'nu';
    const local = typeof form.startAt === 'string' ? form.startAt : '';
    const startAt = now ? 'nu' : (amsterdamLocalToIso(local) ?? 'ongeldig');
    return scheduleSending(deps, actingOf(c), id, startAt);
  });
  action('pauzeren', 'gepauzeerd', (c, id) => pauseSending(deps, actingOf(c), id));
  action('hervatten', 'hervat', (c, id) => resumeSending(deps, actingOf(c), id));
  route(app, 'get', '/campagnes/:id/verzending/annuleren', 'sending.act', (c) => cancelPage(c, deps));
  route(app, 'post', '/campagnes/:id/verzending/annuleren', 'sending.act', async (c) => {
    const id = c.req.param('id') ?? '';
    const form = await c.req.parseBody();
    const reason = typeof form.reden === 'string' ? form.reden : '';
    try {
      await cancelSending(deps, actingOf(c), id, reason);
    } catch (error) {
      if (isDomainError(error) && [409, 422].includes(statusOf(error))) {
        const field = error.context.field === 'reason' ? 'reden' : 'bevestigen';
        return cancelPage(
          c,
          deps,
          { errors: [{ field, message: error.userMessage }], reason },
          statusOf(error),
        );
      }
      throw error;
    }
    return c.redirect(`/campagnes/${id}/verzending?klaar=geannuleerd`, 303);
  });
  action('opnieuw', 'opnieuw', async (c, id) => {
    const form = await c.req.parseBody();
    return resendUnknown(deps, actingOf(c), id, [form.bevestig1 === 'ja', form.bevestig2 === 'ja']);
  });

  route(app, 'get', '/lokaal/uitgaande-berichten', 'sending.act', async (c) => {
    const outbox = deps.sending.outbox;
    if (!outbox) return notFoundPage(c);
    return page(
      c,
      'Uitgaande berichten (lokaal)',
      <OutboxView
        messages={await outbox.list(500)}
        settings={outbox.settings()}
        csrf={c.get('csrfToken')}
        notice={c.req.query('klaar') === 'opgeslagen' ? 'De instellingen zijn opgeslagen.' : undefined}
      />,
    );
  });
  route(app, 'post', '/lokaal/uitgaande-berichten/instellingen', 'sending.act', async (c) => {
    const outbox = deps.sending.outbox;
    if (!outbox) return notFoundPage(c);
    const form = await c.req.parseBody();
    const value = (name: string) => Number(String(form[name] ?? '').replace(',', '.'));
    const parsed = OutboxSettingsSchema.safeParse({
      ...Object.fromEntries(Object.keys(outbox.settings()).map((k) => [k, value(k)])),
      simulateReceipts: form.simulateReceipts === 'ja',
    });
    if (!parsed.success) {
      return page(
        c,
        'Uitgaande berichten (lokaal)',
        <OutboxView
          messages={await outbox.list(500)}
          settings={outbox.settings()}
          csrf={c.get('csrfToken')}
        />,
        422,
      );
    }
    outbox.configure(parsed.data);
    return c.redirect('/lokaal/uitgaande-berichten?klaar=opgeslagen', 303);
  });
}

/** Polls the dashboard's JSON every few seconds and updates the figures in place (progressive enhancement). */
const DASHBOARD_SCRIPT = `(() => {
  const root = document.querySelector('[data-dashboard]');
  if (!root) return;
  const url = root.getAttribute('data-dashboard');
  const nf = new Intl.NumberFormat('nl-NL');
  const dt = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });
  const pf = new Intl.NumberFormat('nl-NL', { style: 'percent', maximumFractionDigits: 1 });
  const df = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 });
  const pct = (s) => pf.format(s);
  const eur = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 4 });
  const set = (field, text) => {
    const el = root.querySelector('[data-veld="' + field + '"]');
    if (el && el.tagName !== 'PROGRESS' && el.textContent !== text) el.textContent = text;
  };
  const update = (d) => {
    set('campaign.statusLabel', d.campaign.statusLabel);
    set('message', d.message || '');
    set('nextWindow', d.nextWindow ? 'Volgende verzendmoment: ' + dt.format(new Date(d.nextWindow)) : '');
    const bar = root.querySelector('progress[data-veld="progress.share"]');
    if (bar) bar.value = Math.round(d.progress.share * 100);
    set('progress.percent', pct(d.progress.share));
    set('progress.settled', nf.format(d.progress.settled));
    set('progress.ratePerSecond', df.format(d.progress.ratePerSecond));
    set('progress.eta', d.progress.eta ? dt.format(new Date(d.progress.eta)) : '—');
    set('cost.soFar', eur.format(d.cost.soFar));
    const max = Math.max(1, d.funnel.approved);
    for (const key of Object.keys(d.funnel)) {
      set('funnel.' + key, nf.format(d.funnel[key]));
      const b = root.querySelector('[data-balk="funnel.' + key + '"]');
      if (b) b.style.width = Math.min(100, Math.round((d.funnel[key] / max) * 100)) + '%';
    }
    for (const v of d.variants) {
      set('variant.' + v.id + '.sends', nf.format(v.sends));
      set('variant.' + v.id + '.deliveries', nf.format(v.deliveries));
      set('variant.' + v.id + '.clicks', nf.format(v.clicks));
      set('variant.' + v.id + '.ctr', pct(v.ctr));
    }
    return d.campaign.status;
  };
  const tick = async () => {
    try {
      const res = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
      if (res.ok) {
        const status = update(await res.json());
        if (status === 'completed' || status === 'cancelled') return;
      }
    } catch (e) {}
    setTimeout(tick, 3000);
  };
  setTimeout(tick, 3000);
})();
`;

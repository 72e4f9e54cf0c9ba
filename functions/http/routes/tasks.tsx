import type { Hono } from 'hono';
import * as z from 'zod';
import type { AppDeps } from '../../app/deps.js';
import { localMailOutboxModel } from '../../app/mail-outbox.js';
import { myMailPreference, setMyMailPreference } from '../../app/mail-preferences.js';
import { actingOf, route } from '../access.js';
import type { AppEnv } from '../env.js';
import { formAction } from '../form-action.js';
import { notFoundPage, page } from '../responses.js';
import { fieldErrorsOf } from '../views/form-errors.js';
import { MailOutboxPage, MailPreferencePage } from '../views/tasks.js';

const MailPreferenceFormSchema = z.object({
  email: z.string().max(1000).default(''),
  notify: z.literal('ja').optional(),
});

/**
 * A person's own e-mail notifications of new tasks (`/meldingen`), and the embedded default's local mail
 * outbox (`/lokaal/uitgaande-mail`), where those mails land instead of a mailbox.
 */
export function taskRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  route(app, 'get', '/meldingen', 'authenticated', async (c) => {
    const preference = await myMailPreference(deps, actingOf(c));
    return page(
      c,
      'E-mailmeldingen',
      <MailPreferencePage
        preference={preference}
        csrf={c.get('csrfToken')}
        saved={c.req.query('klaar') === 'opgeslagen'}
      />,
    );
  });
  route(
    app,
    'post',
    '/meldingen',
    'authenticated',
    ...formAction(MailPreferenceFormSchema, {
      run: async (c, form) => {
        await setMyMailPreference(deps, actingOf(c), { email: form.email, notify: form.notify === 'ja' });
        return '/meldingen?klaar=opgeslagen';
      },
      rerender: async (c, message, status, error) => {
        const form = await c.req.parseBody();
        const typed = { email: String(form.email ?? ''), notify: form.notify === 'ja' };
        const errors = error
          ? fieldErrorsOf(error, { email: 'email' }, 'email')
          : [{ field: 'email', message }];
        return page(
          c,
          'E-mailmeldingen',
          <MailPreferencePage
            preference={await myMailPreference(deps, actingOf(c))}
            csrf={c.get('csrfToken')}
            errors={errors}
            typed={typed}
          />,
          status,
        );
      },
    }),
  );
  route(app, 'get', '/lokaal/uitgaande-mail', 'authenticated', async (c) => {
    const model = await localMailOutboxModel(deps, actingOf(c));
    if (!model) return notFoundPage(c);
    return page(c, 'Uitgaande e-mail (lokaal)', <MailOutboxPage {...model} />);
  });
}

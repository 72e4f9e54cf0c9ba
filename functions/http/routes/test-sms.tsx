import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as z from 'zod';
import { getCampaign } from '../../app/campaigns.js';
import type { AppDeps } from '../../app/deps.js';
import {
  addTestNumber,
  getTestNumber,
  listTestNumbers,
  recentTestSms,
  removeTestNumber,
  requestTestSms,
} from '../../app/test-sms.js';
import { actingOf, route } from '../access.js';
import type { AppEnv } from '../env.js';
import { formAction } from '../form-action.js';
import { page } from '../responses.js';
import { ConfirmPage } from '../views/confirm.js';
import { type FieldError, fieldErrorsOf } from '../views/form-errors.js';
import { TestNumbersPage, TestSmsPage } from '../views/test-sms.js';
import { param } from './sms-http.js';

type C = Context<AppEnv>;

const TestNumberForm = z.object({ nummer: z.string().default(''), naam: z.string().default('') });
const TestSmsForm = z.object({ variant: z.string().default(''), testnummer: z.string().default('') });
const ConfirmForm = z.object({});

async function numbersPage(
  c: C,
  deps: AppDeps,
  props: { errors?: FieldError[]; typed?: { nummer: string; naam: string }; added?: string } = {},
  status: ContentfulStatusCode = 200,
) {
  return page(
    c,
    'Testnummers',
    <TestNumbersPage numbers={await listTestNumbers(deps)} csrf={c.get('csrfToken')} {...props} />,
    status,
  );
}

async function testSmsPage(
  c: C,
  deps: AppDeps,
  props: {
    errors?: FieldError[];
    chosen?: { variant: string; testnummer: string };
    requested?: boolean;
  } = {},
  status: ContentfulStatusCode = 200,
) {
  const campaign = await getCampaign(deps, actingOf(c), param(c, 'id'));
  return page(
    c,
    `Test-sms: ${campaign.name}`,
    <TestSmsPage
      campaign={campaign}
      numbers={await listTestNumbers(deps)}
      history={await recentTestSms(deps, campaign.id)}
      csrf={c.get('csrfToken')}
      {...props}
    />,
    status,
  );
}

/** The admin's test numbers and the test-SMS form of an SMS campaign. */
export function testSmsRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  route(app, 'get', '/beheer/testnummers', 'admin.manage', (c) =>
    numbersPage(c, deps, { ...(c.req.query('toegevoegd') ? { added: c.req.query('toegevoegd') } : {}) }),
  );

  route(
    app,
    'post',
    '/beheer/testnummers',
    'admin.manage',
    ...formAction(TestNumberForm, {
      run: async (c, input) => {
        const added = await addTestNumber(deps, actingOf(c), input);
        return `/beheer/testnummers?toegevoegd=${encodeURIComponent(added.label)}`;
      },
      rerender: async (c, message, status, error) => {
        const form = await c.req.parseBody();
        const typed = { nummer: String(form.nummer ?? ''), naam: String(form.naam ?? '') };
        const errors = error
          ? fieldErrorsOf(error, { nummer: 'nummer', naam: 'naam' }, 'nummer')
          : [{ field: 'nummer', message }];
        return numbersPage(c, deps, { errors, typed }, status);
      },
    }),
  );

  route(app, 'get', '/beheer/testnummers/:id/verwijderen', 'admin.manage', async (c) => {
    const number = await getTestNumber(deps, param(c, 'id'));
    return page(
      c,
      'Testnummer verwijderen',
      <ConfirmPage
        title={`Testnummer "${number.label}" verwijderen?`}
        action={`/beheer/testnummers/${number.id}/verwijderen`}
        csrf={c.get('csrfToken')}
        confirmLabel="Testnummer verwijderen"
        backHref="/beheer/testnummers"
        backLabel="Niet verwijderen, terug naar de testnummers"
      >
        <p class="utrecht-paragraph">
          Het nummer {number.masked} gaat van de lijst. Test-sms'en die nog wachten, gaan er dan niet meer
          heen.
        </p>
      </ConfirmPage>,
    );
  });

  route(
    app,
    'post',
    '/beheer/testnummers/:id/verwijderen',
    'admin.manage',
    ...formAction(ConfirmForm, {
      run: async (c) => {
        await removeTestNumber(deps, actingOf(c), param(c, 'id'));
        return '/beheer/testnummers';
      },
      rerender: (c, message, status) =>
        numbersPage(c, deps, { errors: [{ field: 'nummer', message }] }, status),
    }),
  );

  route(app, 'get', '/campagnes/:id/test-sms', 'sms.prepare', (c) =>
    testSmsPage(c, deps, c.req.query('verstuurd') === 'ja' ? { requested: true } : {}),
  );

  route(
    app,
    'post',
    '/campagnes/:id/test-sms',
    'sms.prepare',
    ...formAction(TestSmsForm, {
      run: async (c, input) => {
        const id = param(c, 'id');
        await requestTestSms(deps, actingOf(c), id, input);
        return `/campagnes/${id}/test-sms?verstuurd=ja`;
      },
      rerender: async (c, message, status, error) => {
        const form = await c.req.parseBody();
        const chosen = { variant: String(form.variant ?? ''), testnummer: String(form.testnummer ?? '') };
        const errors = error
          ? fieldErrorsOf(error, { variant: 'variant', testnummer: 'testnummer' }, 'testnummer')
          : [{ field: 'testnummer', message }];
        return testSmsPage(c, deps, { errors, chosen }, status);
      },
    }),
  );
}

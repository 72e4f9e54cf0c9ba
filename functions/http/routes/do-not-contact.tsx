import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppDeps } from '../../app/deps.js';
import { changeDoNotContact, doNotContactPageModel, listPath } from '../../app/do-not-contact-page.js';
import { isDomainError } from '../../core/errors.js';
import { actingOf, route } from '../access.js';
import type { AppEnv } from '../env.js';
import { statusOf } from '../errors.js';
import { page, stagedReturnPage } from '../responses.js';
import { DoNotContactPage, type DoNotContactState } from '../views/do-not-contact.js';
import { formatCount } from '../views/sms-format.js';
import { origin } from './sms-http.js';

async function listPage(
  c: Context<AppEnv>,
  deps: AppDeps,
  state: DoNotContactState = {},
  status: ContentfulStatusCode = 200,
) {
  const model = await doNotContactPageModel(deps, actingOf(c), origin(c));
  return page(
    c,
    'Niet-benaderen-lijst',
    <DoNotContactPage model={model} state={state} csrf={c.get('csrfToken')} />,
    status,
  );
}

/** How many pasted lines held no number, said in full so it is never lost in a list of line numbers. */
function skippedLines(count: number): string {
  return `Regels zonder nummer: ${formatCount(count)}.`;
}

/** Pasted numbers and, without staging storage, a file: multipart, so outside the form helper. */
async function inputOf(c: Context<AppEnv>) {
  const body = await c.req.parseBody();
  const text = typeof body.nummers === 'string' ? body.nummers : '';
  const file = body.bestand;
  return {
    text,
    file:
      typeof file === 'object' && file !== null && file.size > 0
        ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }
        : undefined,
  };
}

/** The admin's page for the do-not-contact list: paste or upload numbers, stored as keyed hashes only. */
export function doNotContactRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  route(app, 'get', '/beheer/niet-benaderen', 'admin.manage', (c) => listPage(c, deps));
  for (const mode of ['add', 'remove'] as const) {
    const path = listPath(mode);
    route(app, 'post', path, 'admin.manage', async (c) => {
      const input = await inputOf(c);
      try {
        const change = await changeDoNotContact(deps, actingOf(c), mode, input);
        return listPage(c, deps, { result: { mode, change } });
      } catch (error) {
        if (isDomainError(error) && [413, 422].includes(statusOf(error))) {
          const field =
            error.context.field === 'nummers' || !input.file ? `${mode}-tekst` : `${mode}-bestand`;
          const skipped = error.context.ignoredLines;
          const message =
            typeof skipped === 'number' && skipped > 0
              ? `${error.userMessage} ${skippedLines(skipped)}`
              : error.userMessage;
          return listPage(
            c,
            deps,
            { errors: [{ field, message }], typed: { mode, text: input.text } },
            statusOf(error),
          );
        }
        throw error;
      }
    });
    /** Where staging storage sends the browser after storing a list file (see the campaign upload). */
    route(app, 'get', `${path}/ontvangen`, 'public', (c) => stagedReturnPage(c, `${path}/verwerken`));
    route(app, 'get', `${path}/verwerken`, 'admin.manage', async (c) => {
      try {
        const change = await changeDoNotContact(deps, actingOf(c), mode, {
          stagedKey: c.req.query('key') ?? '',
        });
        return listPage(c, deps, { result: { mode, change } });
      } catch (error) {
        if (isDomainError(error) && [404, 413, 422].includes(statusOf(error))) {
          return listPage(
            c,
            deps,
            { errors: [{ field: `${mode}-bestand`, message: error.userMessage }] },
            statusOf(error),
          );
        }
        throw error;
      }
    });
  }
}

import { zValidator } from '@hono/zod-validator';
import type { Context, Handler, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type * as z from 'zod';
import { type DomainError, isDomainError } from '../core/errors.js';
import type { AppEnv } from './env.js';
import { statusOf } from './errors.js';

type C = Context<AppEnv>;

/**
 * Re-renders the form's page with a Dutch message and a status (422 for a form that does not parse). The
 * domain error comes along when there is one, for pages that point the message at the field it names.
 */
export type Rerender = (
  c: C,
  message: string,
  status: ContentfulStatusCode,
  error?: DomainError,
) => Response | Promise<Response>;

/** The Dutch message of a failed form: the first issue's own message (schemas give Dutch ones). */
export function formProblem(error: { issues: readonly { code: string; message: string }[] }): string {
  const issue = error.issues[0];
  if (issue && issue.code === 'custom') return issue.message;
  if (issue && !/^(Invalid|Expected|Required|Too )/.test(issue.message)) return issue.message;
  return 'Het formulier is niet volledig of niet goed ingevuld. Controleer de velden en probeer het opnieuw.';
}

/**
 * The one way a page handles a form post: the form is parsed by its zod schema (through
 * `@hono/zod-validator`), the use case runs, success redirects (303) to the address `run` returns, and a
 * domain error or a form that does not parse re-renders the page with the Dutch message. Any other error
 * propagates to the error page. Returns the validator and the handler, for `route(…, ...formAction(…))`.
 */
export function formAction<S extends z.ZodType>(
  schema: S,
  options: {
    run: (c: C, input: z.output<S>) => Promise<string | Response>;
    rerender: Rerender;
  },
): [MiddlewareHandler<AppEnv>, Handler<AppEnv>] {
  const validator = zValidator('form', schema, (result, c) => {
    if (!result.success) return options.rerender(c as C, formProblem(result.error), 422);
  }) as unknown as MiddlewareHandler<AppEnv>;
  const handler: Handler<AppEnv> = async (c) => {
    const input = (c.req as unknown as { valid(target: 'form'): z.output<S> }).valid('form');
    try {
      const outcome = await options.run(c, input);
      return typeof outcome === 'string' ? c.redirect(outcome, 303) : outcome;
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return options.rerender(c, error.userMessage, statusOf(error), error);
    }
  };
  return [validator, handler];
}

import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as z from 'zod';
import { approveCampaign, getCampaign, rejectCampaign, withdrawApproval } from '../../../app/campaigns.js';
import type { AppDeps } from '../../../app/deps.js';
import { approvalQueueModel, approvalRequestModel, hasApprovalRequest } from '../../../app/sms-pages.js';
import { actingOf, route } from '../../access.js';
import type { AppEnv } from '../../env.js';
import { formAction, type Rerender } from '../../form-action.js';
import { errorPage, page } from '../../responses.js';
import { ApprovalQueue, ApprovalRequestPage } from '../../views/sms/approvals.js';
import { formOf, origin, param } from '../sms-http.js';

type C = Context<AppEnv>;

const text = z.string().default('');

/** Approving: the fingerprint of the request as shown, the legal reference and the explicit confirmation. */
export const ApproveFormSchema = z.object({
  requestFingerprint: text,
  legalReference: text,
  confirmed: z
    .string()
    .optional()
    .transform((v) => v === 'ja'),
});

/** Rejecting: the fingerprint of the request as shown and the reason. */
export const RejectFormSchema = z.object({ requestFingerprint: text, reason: text });

/** Withdrawing an approval: the reason. */
export const WithdrawFormSchema = z.object({ reason: text });

async function requestPage(
  c: C,
  deps: AppDeps,
  state: { error?: string; values?: Record<string, string> } = {},
  status: ContentfulStatusCode = 200,
) {
  const model = await approvalRequestModel(deps, actingOf(c), param(c, 'id'));
  return page(
    c,
    `Goedkeuring ${model.campaign.name}`,
    <ApprovalRequestPage
      model={model}
      csrf={c.get('csrfToken')}
      origin={origin(c)}
      error={state.error}
      values={state.values}
    />,
    status,
  );
}

/**
 * A refused decision shows the request again with the message and what was typed; when the request is gone
 * meanwhile (withdrawn, voided) there is nothing to show but the message.
 */
function rerenderDecision(deps: AppDeps): Rerender {
  return async (c, message, status, error) => {
    if (error && ![403, 409, 422].includes(status)) throw error;
    if (!(await hasApprovalRequest(deps, param(c, 'id')))) {
      return errorPage(c, status, 'Verzoek gewijzigd', message);
    }
    return requestPage(c, deps, { error: message, values: await formOf(c) }, status);
  };
}

/** The OM liaison's queue, the request page, and the approve / reject / withdraw actions. */
export function approvalRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  route(app, 'get', '/goedkeuringen', 'sms.decide', async (c) =>
    page(c, 'Goedkeuringen', <ApprovalQueue model={await approvalQueueModel(deps, actingOf(c))} />),
  );
  route(app, 'get', '/goedkeuringen/:id', 'sms.decide', (c) => requestPage(c, deps));

  /** Every decision: the campaign must be visible first; success shows the request with its new state. */
  const decision = <S extends z.ZodType>(
    schema: S,
    decide: (c: C, id: string, input: z.output<S>) => Promise<unknown>,
  ) =>
    formAction(schema, {
      run: async (c, input) => {
        const id = param(c, 'id');
        await getCampaign(deps, actingOf(c), id);
        await decide(c, id, input);
        return `/goedkeuringen/${id}`;
      },
      rerender: rerenderDecision(deps),
    });

  route(
    app,
    'post',
    '/goedkeuringen/:id/goedkeuren',
    'sms.decide',
    ...decision(ApproveFormSchema, (c, id, form) => approveCampaign(deps, actingOf(c), id, form)),
  );
  route(
    app,
    'post',
    '/goedkeuringen/:id/afwijzen',
    'sms.decide',
    ...decision(RejectFormSchema, (c, id, form) => rejectCampaign(deps, actingOf(c), id, form)),
  );
  route(
    app,
    'post',
    '/goedkeuringen/:id/intrekken',
    'sms.decide',
    ...decision(WithdrawFormSchema, (c, id, form) => withdrawApproval(deps, actingOf(c), id, form)),
  );
}

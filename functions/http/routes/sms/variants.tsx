import type { Hono } from 'hono';
import * as z from 'zod';
import { assertMayPerform } from '../../../app/campaign-access.js';
import { editCampaign, getCampaign } from '../../../app/campaigns.js';
import type { AppDeps } from '../../../app/deps.js';
import { analyseCampaignVariants } from '../../../app/variant-feedback.js';
import { editWouldVoid } from '../../../app/void-check.js';
import type { Variant } from '../../../core/campaigns/campaign.schema.js';
import { suggestGsmText } from '../../../core/campaigns/sms-text.js';
import { MAX_VARIANTS } from '../../../core/campaigns/variants.js';
import { actingOf, route } from '../../access.js';
import type { AppEnv } from '../../env.js';
import { formAction } from '../../form-action.js';
import { page } from '../../responses.js';
import { renderFeedback } from '../../views/sms/variant-editor.js';
import { CostEstimate } from '../../views/sms-views.js';
import { VoidConfirmation } from '../../views/void-confirmation.js';
import { formOf, origin, param } from '../sms-http.js';
import { renderCampaignPage, rerenderIn } from './campaign-page.js';

/**
 * The variant editor as posted: `variant-<i>-id|label|text` per variant and the button pressed (`actie`):
 * save, check, add, remove or replace characters. A field posted twice counts with its last value.
 */
export const VariantsFormSchema = z
  .record(z.string(), z.union([z.string(), z.array(z.string())]))
  .transform((form) =>
    Object.fromEntries(
      Object.entries(form).map(([name, value]) => [
        name,
        Array.isArray(value) ? (value.at(-1) ?? '') : value,
      ]),
    ),
  );

/** The variants as the form posted them (indexes 0..n-1, stopping at the first gap). */
function variantsFromForm(form: Record<string, string>): Variant[] {
  const out: Variant[] = [];
  for (let i = 0; i < MAX_VARIANTS + 1; i++) {
    const id = form[`variant-${i}-id`];
    if (id === undefined) break;
    out.push({
      id,
      label: (form[`variant-${i}-label`] ?? '').trim(),
      text: (form[`variant-${i}-text`] ?? '').replace(/\r\n/g, '\n'),
    });
  }
  return out;
}

function newVariantId(variants: readonly Variant[]): string {
  for (let n = variants.length + 1; ; n++) {
    const id = `variant-${n}`;
    if (!variants.some((v) => v.id === id)) return id;
  }
}

/** The texts typed in the analyse request, cut to the sizes the form allows. */
function variantsFromJson(body: unknown): Variant[] {
  const raw = typeof body === 'object' && body !== null && 'variants' in body ? body.variants : [];
  return (Array.isArray(raw) ? raw : []).slice(0, MAX_VARIANTS + 1).map((v: unknown, i) => {
    const o = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
    const s = (x: unknown) => (typeof x === 'string' ? x.slice(0, 5000) : '');
    return { id: s(o.id) || `variant-${i + 1}`, label: s(o.label).slice(0, 60), text: s(o.text) };
  });
}

/** Editing the variants without JavaScript (add, remove, replace, check, save) and the live analysis. */
export function campaignVariantRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  route(
    app,
    'post',
    '/campagnes/:id/varianten',
    'sms.prepare',
    ...formAction(VariantsFormSchema, {
      run: async (c, form) => {
        const id = param(c, 'id');
        const acting = actingOf(c);
        const campaign = await getCampaign(deps, acting, id);
        assertMayPerform(acting, 'edit', campaign.kind);
        const variants = variantsFromForm(form);
        const action = form.actie ?? 'opslaan';
        if (action === 'toevoegen') {
          if (variants.length < MAX_VARIANTS)
            variants.push({ id: newVariantId(variants), label: '', text: '{link}' });
          return renderCampaignPage(c, deps, { variants });
        }
        const remove = /^verwijder-(\d+)$/.exec(action);
        if (remove) {
          variants.splice(Number(remove[1]), 1);
          return renderCampaignPage(c, deps, { variants });
        }
        const replace = /^vervang-(\d+)$/.exec(action);
        if (replace) {
          const target = variants[Number(replace[1])];
          if (target) target.text = suggestGsmText(target.text);
          return renderCampaignPage(c, deps, { variants });
        }
        if (action === 'controleer') return renderCampaignPage(c, deps, { variants });
        const voids = form.bevestig === '1' ? null : await editWouldVoid(deps, acting, id, { variants });
        if (voids !== null) {
          const { _csrf: _token, bevestig: _confirmed, ...fields } = form;
          return page(
            c,
            'Wijziging bevestigen',
            <VoidConfirmation
              csrf={c.get('csrfToken')}
              action={`/campagnes/${id}/varianten`}
              cancel={`/campagnes/${id}#varianten`}
              what={voids === 'approval' ? 'de goedkeuring' : 'de aanvraag tot goedkeuring'}
              name={campaign.name}
              fields={{ ...fields, actie: 'opslaan' }}
            />,
            409,
          );
        }
        await editCampaign(deps, acting, id, { variants });
        return `/campagnes/${id}#varianten`;
      },
      rerender: rerenderIn(deps, 'variants', async (c) => ({ variants: variantsFromForm(await formOf(c)) })),
    }),
  );

  route(app, 'post', '/campagnes/:id/varianten/analyse', 'sms.prepare', async (c) => {
    const variants = variantsFromJson(await c.req.json<unknown>().catch(() => ({})));
    const { campaign, feedback } = await analyseCampaignVariants(deps, actingOf(c), param(c, 'id'), variants);
    const panels = renderFeedback(feedback, variants, campaign, origin(c), true);
    return c.json({
      ok: feedback.report.ok,
      variants: await Promise.all(
        feedback.report.variants.map(async (report, i) => ({
          id: report.variantId,
          encoding: report.analysis.encoding,
          segments: report.analysis.segments,
          issues: report.issues.map((issue) => ({
            level: issue.level,
            code: issue.code,
            message: issue.message,
          })),
          suggested: suggestGsmText(variants[i]?.text ?? ''),
          html: String(await panels[i]!.toString()),
        })),
      ),
      estimate: feedback.estimate,
      estimateHtml: String(await (<CostEstimate feedback={feedback} />).toString()),
    });
  });
}

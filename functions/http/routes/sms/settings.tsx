import type { Context, Hono } from 'hono';
import * as z from 'zod';
import { editCampaign, getCampaign } from '../../../app/campaigns.js';
import type { AppDeps } from '../../../app/deps.js';
import { editWouldVoid } from '../../../app/void-check.js';
import type { CampaignChanges } from '../../../core/campaigns/campaign-command.schema.js';
import { ValidationError } from '../../../core/errors.js';
import { actingOf, route } from '../../access.js';
import type { AppEnv } from '../../env.js';
import { formAction } from '../../form-action.js';
import { page } from '../../responses.js';
import { amsterdamLocalToIso } from '../../views/sms-format.js';
import { VoidConfirmation } from '../../views/void-confirmation.js';
import { param } from '../sms-http.js';
import { rerenderIn } from './campaign-page.js';

const text = z.string().default('');

/** The settings form as posted; the domain checks the values themselves when it applies the change. */
export const SettingsFormSchema = z.object({
  name: text,
  helpLink: text,
  senderName: text,
  ratePerSecond: text,
  allowedCountries: text,
  quietStart: text,
  quietEnd: text,
  quietDays: z
    .union([z.string(), z.array(z.string())])
    .default([])
    .transform((days) => [days].flat().map(Number)),
  windowFrom: text,
  windowUntil: text,
  /** '1' once the person confirmed that the change voids the approval or the open request. */
  bevestig: z.string().optional(),
});
type SettingsForm = z.output<typeof SettingsFormSchema>;

function invalid(userMessage: string, field: string): never {
  throw new ValidationError(`Invalid ${field}`, { userMessage, context: { field } });
}

/** The change the form asks for, refused with the field it concerns when a value cannot be read at all. */
function settingsChanges(form: SettingsForm): CampaignChanges {
  const rate = Number(form.ratePerSecond.replace(',', '.'));
  if (!Number.isFinite(rate)) invalid('Vul bij snelheid een getal in.', 'ratePerSecond');
  let plannedWindow: CampaignChanges['plannedWindow'] = null;
  if (form.windowFrom !== '' || form.windowUntil !== '') {
    const fromIso = amsterdamLocalToIso(form.windowFrom);
    const untilIso = amsterdamLocalToIso(form.windowUntil);
    if (!fromIso || !untilIso)
      invalid('Vul zowel het begin als het einde van de verzendperiode in.', 'plannedWindow');
    plannedWindow = { from: fromIso, until: untilIso };
  }
  return {
    name: form.name,
    helpLink: form.helpLink,
    senderName: form.senderName.trim(),
    ratePerSecond: rate,
    allowedCountries: form.allowedCountries
      .split(/[\s,;]+/)
      .map((s) => s.trim().toUpperCase())
      .filter((s) => s !== ''),
    quietHours: {
      start: form.quietStart.trim(),
      end: form.quietEnd.trim(),
      days: form.quietDays,
      timeZone: 'Europe/Amsterdam',
    },
    plannedWindow,
  };
}

/** The fields as typed (every value a list of strings), to show again or to post again after confirming. */
async function typedFields(c: Context<AppEnv>): Promise<Record<string, string[]>> {
  const body = await c.req.parseBody({ all: true });
  const fields: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(body)) {
    if (name === '_csrf' || name === 'bevestig') continue;
    fields[name] = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
  }
  return fields;
}

/** What the person typed, to show again beside an error (a single value as a string). */
async function typedSettings(c: Context<AppEnv>): Promise<Record<string, string | string[]>> {
  const body = await c.req.parseBody({ all: true });
  return Object.fromEntries(
    Object.entries(body).flatMap(([k, v]) =>
      k === '_csrf' || k === 'bevestig'
        ? []
        : [
            [
              k,
              Array.isArray(v)
                ? v.filter((x): x is string => typeof x === 'string')
                : typeof v === 'string'
                  ? v
                  : '',
            ],
          ],
    ),
  );
}

/** Saving a campaign's settings, after confirming when the change voids its approval or request. */
export function campaignSettingsRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  route(
    app,
    'post',
    '/campagnes/:id/instellingen',
    'sms.prepare',
    ...formAction(SettingsFormSchema, {
      run: async (c, form) => {
        const id = param(c, 'id');
        const acting = actingOf(c);
        const campaign = await getCampaign(deps, acting, id);
        const changes = settingsChanges(form);
        const voids = form.bevestig === '1' ? null : await editWouldVoid(deps, acting, id, changes);
        if (voids !== null) {
          return page(
            c,
            'Wijziging bevestigen',
            <VoidConfirmation
              csrf={c.get('csrfToken')}
              action={`/campagnes/${id}/instellingen`}
              cancel={`/campagnes/${id}#instellingen`}
              what={voids === 'approval' ? 'de goedkeuring' : 'de aanvraag tot goedkeuring'}
              name={campaign.name}
              fields={await typedFields(c)}
            />,
            409,
          );
        }
        await editCampaign(deps, acting, id, changes);
        return `/campagnes/${id}#instellingen`;
      },
      rerender: rerenderIn(deps, 'settings', async (c) => ({ typedSettings: await typedSettings(c) })),
    }),
  );
}

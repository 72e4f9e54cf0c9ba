import type { Hono } from 'hono';
import * as z from 'zod';
import type { AppDeps } from '../../app/deps.js';
import { lettersVoidedBySettings, voidLettersAfterSettingsChange } from '../../app/letter-content.js';
import { getSettings, SETTING_LABELS, updateSettings } from '../../app/settings.js';
import { SettingsSchema } from '../../core/settings/settings.schema.js';
import { actingOf, route } from '../access.js';
import type { AppEnv } from '../env.js';
import { formAction } from '../form-action.js';
import { page } from '../responses.js';
import { SettingsPage } from '../views/admin/settings.js';
import { fieldErrorsOf } from '../views/form-errors.js';
import { VoidConfirmation } from '../views/void-confirmation.js';
import { logoRoutes } from './settings-logo.js';

const text = z
  .string()
  .default('')
  .transform((s) => s.trim());
/** A number as typed, a decimal comma allowed; what is not a number fails the settings' own schema. */
const num = text.transform((s) => Number(s.replace(',', '.')));

/** The municipality settings form; the settings' own schema checks the values when they are saved. */
export const SettingsFormSchema = z.object({
  municipality: text,
  primaryColor: text,
  senderLine: text,
  signatureTitle: text,
  generalContact: text,
  allowedLinkDomains: text.transform((s) =>
    s
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((d) => d.toLowerCase()),
  ),
  maxRatePerSecond: num,
  frequencyCapDays: num,
  approvalValidityDays: num,
  retentionDays: num,
  maxRadiusMetres: num,
  pricePerSegmentEur: num,
  /** '1' when the send-window fields were on the page (no ticked day then means no day at all). */
  quietForm: text,
  quietStart: text,
  quietEnd: text,
  quietDays: z
    .union([z.string(), z.array(z.string())])
    .default([])
    .transform((days) => [days].flat().map(Number)),
  /** '1' once the administrator confirmed that the change voids letters' approvals or requests. */
  bevestig: text,
});

/** The municipality settings: a change that alters an approved or submitted letter asks first, then voids it. */
export function settingsRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  logoRoutes(app, deps);
  route(app, 'get', '/beheer/instellingen', 'admin.manage', async (c) =>
    page(c, 'Instellingen', <SettingsPage settings={await getSettings(deps)} csrf={c.get('csrfToken')} />),
  );

  route(
    app,
    'post',
    '/beheer/instellingen',
    'admin.manage',
    ...formAction(SettingsFormSchema, {
      run: async (c, form) => {
        const { bevestig, quietForm, quietStart, quietEnd, quietDays, ...fields } = form;
        const input = {
          ...(await getSettings(deps)),
          ...fields,
          ...(quietForm === '1' ? { quietHours: { start: quietStart, end: quietEnd, days: quietDays } } : {}),
        };
        const parsed = SettingsSchema.safeParse(input);
        const affected = parsed.success ? await lettersVoidedBySettings(deps, parsed.data) : [];
        if (affected.length > 0 && bevestig !== '1') {
          const typed: Record<string, string | string[]> = {};
          for (const [name, value] of Object.entries(await c.req.parseBody({ all: true }))) {
            const values = [value].flat().filter((v): v is string => typeof v === 'string');
            if (name !== '_csrf' && name !== 'bevestig')
              typed[name] = values.length === 1 && values[0] !== undefined ? values[0] : values;
          }
          const kinds = new Set(affected.map((a) => a.voids));
          return page(
            c,
            'Wijziging bevestigen',
            <VoidConfirmation
              csrf={c.get('csrfToken')}
              action="/beheer/instellingen"
              cancel="/beheer/instellingen"
              what={
                kinds.size > 1
                  ? 'de goedkeuring of aanvraag tot goedkeuring'
                  : kinds.has('approval')
                    ? 'de goedkeuring'
                    : 'de aanvraag tot goedkeuring'
              }
              name={affected.map((a) => a.campaign.name).join('”, „')}
              fields={typed}
            />,
            409,
          );
        }
        const saved = await updateSettings(deps, actingOf(c), input);
        await voidLettersAfterSettingsChange(deps, await lettersVoidedBySettings(deps, saved));
        c.set('settings', saved);
        return page(c, 'Instellingen', <SettingsPage settings={saved} csrf={c.get('csrfToken')} saved />);
      },
      rerender: async (c, message, status, error) => {
        const typed: Record<string, string> = {};
        for (const [name, value] of Object.entries(await c.req.parseBody({ all: true }))) {
          const values = [value].flat().filter((v): v is string => typeof v === 'string');
          if (name === 'quietDays') typed[name] = values.join(',');
          else if (
            (name in SETTING_LABELS || name === 'quietStart' || name === 'quietEnd') &&
            values[0] !== undefined
          )
            typed[name] = values[0];
        }
        if (typed.quietStart !== undefined && typed.quietDays === undefined) typed.quietDays = '';
        const fields = Object.fromEntries(Object.keys(SETTING_LABELS).map((name) => [name, `s-${name}`]));
        const named = error && typeof error.context.field === 'string' && error.context.field in fields;
        return page(
          c,
          'Instellingen',
          <SettingsPage
            settings={await getSettings(deps)}
            csrf={c.get('csrfToken')}
            error={message}
            typed={typed}
            {...(named ? { fieldErrors: fieldErrorsOf(error, fields, '') } : {})}
          />,
          status,
        );
      },
    }),
  );
}

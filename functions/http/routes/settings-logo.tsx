import type { Hono } from 'hono';
import * as z from 'zod';
import type { AppDeps } from '../../app/deps.js';
import { lettersVoidedBySettings, voidLettersAfterSettingsChange } from '../../app/letter-content.js';
import { changeLogo, checkLogo } from '../../app/logo.js';
import { getSettings } from '../../app/settings.js';
import type { AcceptedLogo } from '../../core/settings/logo.js';
import { actingOf, route } from '../access.js';
import type { AppEnv } from '../env.js';
import { formAction } from '../form-action.js';
import { page } from '../responses.js';
import { SettingsPage } from '../views/admin/settings.js';
import { ConfirmPage } from '../views/confirm.js';
import { fieldErrorsOf } from '../views/form-errors.js';
import { VoidConfirmation } from '../views/void-confirmation.js';

/**
 * The logo form: a file (multipart), or after the void confirmation the checked logo sent back as a data
 * URL, which is decoded and checked again like a file.
 */
const LogoFormSchema = z.object({
  logo: z.unknown().optional(),
  logoData: z.string().optional(),
  bevestig: z.string().optional(),
});

async function logoInput(form: z.output<typeof LogoFormSchema>): Promise<Uint8Array | string> {
  if (form.logo instanceof Blob && form.logo.size > 0) return new Uint8Array(await form.logo.arrayBuffer());
  return form.logoData ?? new Uint8Array();
}

/** Upload, replace and remove the municipality's logo; each asks first when it voids letters' approvals. */
export function logoRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  route(
    app,
    'post',
    '/beheer/instellingen/logo',
    'admin.manage',
    ...formAction(LogoFormSchema, {
      run: async (c, form) => {
        const logo: AcceptedLogo = await checkLogo(deps, await logoInput(form));
        const affected = await lettersVoidedBySettings(deps, {
          ...(await getSettings(deps)),
          logoUrl: logo.dataUrl,
        });
        if (affected.length > 0 && form.bevestig !== '1') {
          return page(
            c,
            'Wijziging bevestigen',
            <VoidConfirmation
              csrf={c.get('csrfToken')}
              action="/beheer/instellingen/logo"
              cancel="/beheer/instellingen"
              what={
                affected.some((a) => a.voids === 'approval')
                  ? 'de goedkeuring'
                  : 'de aanvraag tot goedkeuring'
              }
              name={affected.map((a) => a.campaign.name).join('”, „')}
              fields={{ logoData: logo.dataUrl }}
            />,
            409,
          );
        }
        const saved = await changeLogo(deps, actingOf(c), logo);
        await voidLettersAfterSettingsChange(deps, await lettersVoidedBySettings(deps, saved));
        c.set('settings', saved);
        return page(
          c,
          'Instellingen',
          <SettingsPage settings={saved} csrf={c.get('csrfToken')} savedLogo="changed" />,
        );
      },
      rerender: async (c, message, status, error) =>
        page(
          c,
          'Instellingen',
          <SettingsPage
            settings={await getSettings(deps)}
            csrf={c.get('csrfToken')}
            error={message}
            fieldErrors={
              error ? fieldErrorsOf(error, { logo: 's-logo' }, 's-logo') : [{ field: 's-logo', message }]
            }
          />,
          status,
        ),
    }),
  );

  route(app, 'get', '/beheer/instellingen/logo/verwijderen', 'admin.manage', async (c) => {
    const settings = await getSettings(deps);
    const { logoUrl: _logo, ...without } = settings;
    const affected = settings.logoUrl ? await lettersVoidedBySettings(deps, without) : [];
    return page(
      c,
      'Logo verwijderen',
      <ConfirmPage
        title="Logo verwijderen?"
        action="/beheer/instellingen/logo/verwijderen"
        csrf={c.get('csrfToken')}
        confirmLabel="Ja, logo verwijderen"
        backHref="/beheer/instellingen"
        backLabel="Nee, terug naar de instellingen"
      >
        <p class="utrecht-paragraph">
          Het logo verdwijnt uit de kop van de pagina’s en van de wijkberichten; daar komt een vlak in de
          huisstijlkleur. U kunt later een nieuw logo opladen.
        </p>
        {affected.length > 0 ? (
          <p class="utrecht-paragraph void-warning">
            Dit maakt de goedkeuring of aanvraag tot goedkeuring van „
            {affected.map((a) => a.campaign.name).join('”, „')}” ongeldig: die moeten opnieuw worden
            aangeboden en goedgekeurd.
          </p>
        ) : null}
      </ConfirmPage>,
    );
  });

  route(app, 'post', '/beheer/instellingen/logo/verwijderen', 'admin.manage', async (c) => {
    const body = await c.req.parseBody();
    if (body.bevestig !== 'ja') return c.redirect('/beheer/instellingen/logo/verwijderen', 303);
    const saved = await changeLogo(deps, actingOf(c), null);
    await voidLettersAfterSettingsChange(deps, await lettersVoidedBySettings(deps, saved));
    c.set('settings', saved);
    return page(
      c,
      'Instellingen',
      <SettingsPage settings={saved} csrf={c.get('csrfToken')} savedLogo="removed" />,
    );
  });
}

import { createHash } from 'node:crypto';
import { type AcceptedLogo, acceptLogo, LogoRefusedError, logoBytesOf } from '../core/settings/logo.js';
import type { Settings } from '../core/settings/settings.schema.js';
import { type Acting, audit } from './audit.js';
import type { AppDeps } from './deps.js';
import { getSettings } from './settings.js';

/** What checking a logo file uses: only the SVG sanitiser. */
export type CheckLogoDeps = Pick<AppDeps, 'svgSanitizer'>;

/**
 * Checks an uploaded logo file, or a logo this app made earlier and sent back through a confirmation page
 * (a data URL: decoded and checked again, never trusted). PNG by its signature and chunks, SVG sanitised.
 */
export async function checkLogo(deps: CheckLogoDeps, input: Uint8Array | string): Promise<AcceptedLogo> {
  const bytes = typeof input === 'string' ? logoBytesOf(input) : input;
  if (bytes === undefined) {
    throw new LogoRefusedError('Logo data URL not readable', {
      userMessage: 'Kies een bestand met het logo (PNG of SVG).',
      context: { field: 'logo' },
    });
  }
  return acceptLogo(bytes, deps.svgSanitizer);
}

/** What storing or removing the logo uses. */
export type ChangeLogoDeps = Pick<AppDeps, 'audit' | 'clock' | 'settings'>;

/**
 * Stores a checked logo (or removes it with `null`) in the municipality settings; audited as
 * `settings.changed` with the field `logo_url`, the format, its size and the SHA-256 of the stored image,
 * never the image itself.
 */
export async function changeLogo(
  deps: ChangeLogoDeps,
  acting: Acting,
  logo: AcceptedLogo | null,
): Promise<Settings> {
  const { logoUrl: _previous, ...rest } = await getSettings(deps);
  const next: Settings = logo === null ? rest : { ...rest, logoUrl: logo.dataUrl };
  await deps.settings.put(next);
  await audit(deps, acting, {
    action: 'settings.changed',
    subjectType: 'settings',
    subjectId: 'municipality',
    fingerprint:
      logo === null ? null : `sha256:${createHash('sha256').update(logo.dataUrl, 'utf8').digest('hex')}`,
    details: {
      changedFields: ['logo_url', logo === null ? 'removed' : logo.kind],
      ...(logo === null
        ? {}
        : {
            counts: {
              bytes: logo.bytes,
              ...(logo.width === undefined ? {} : { width: logo.width }),
              ...(logo.height === undefined ? {} : { height: logo.height }),
            },
          }),
    },
  });
  return next;
}

import type { Role } from '../functions/core/auth/roles.js';
import type { DemoWorld } from '../test/e2e/demo-world.js';

/** One picture of the README: a page as one role sees it, at each width. */
export interface ScreenshotPage {
  /** File name stem under docs/screenshots/. */
  name: string;
  /** What the picture shows (its alt text in the README). */
  title: string;
  role: Role;
  path(world: DemoWorld): string;
  /** The heading to scroll to the top first, where the subject sits below the fold. */
  focus?: string;
}

export const SCREENSHOT_DIR = 'docs/screenshots';
export const SCREENSHOT_WIDTHS = [1280, 390] as const;

/** The main pages of both flows, in the order a case goes. */
export const SCREENSHOT_PAGES: readonly ScreenshotPage[] = [
  { name: 'overzicht', title: 'Overzicht van de communicatieadviseur', role: 'adviser', path: () => '/' },
  {
    name: 'sms-campagne',
    title: 'Een SMS-campagne: varianten, contactbestanden en indienen bij het OM',
    role: 'adviser',
    path: (w) => `/campagnes/${w.draftId}`,
  },
  {
    name: 'goedkeuring',
    title: 'De goedkeuringspagina van de OM-contactpersoon',
    role: 'om_liaison',
    path: (w) => `/goedkeuringen/${w.draftId}`,
  },
  {
    name: 'verzending',
    title: 'Het verzenddashboard van een verstuurde campagne',
    role: 'adviser',
    path: (w) => `/campagnes/${w.sentId}/verzending`,
  },
  {
    name: 'wijkbericht-kaart',
    title: 'Een wijkbericht: het gebied op de kaart en de straten',
    role: 'area_manager',
    path: (w) => `/wijkberichten/${w.letterId}/gebied`,
    focus: 'Kaart',
  },
  {
    name: 'bezorging',
    title: 'De bezorgpagina op de telefoon van de bezorger',
    role: 'distributor',
    path: (w) => `/bezorging/${w.roundId}`,
  },
  {
    name: 'audittrail',
    title: 'De audittrail voor de beheerder',
    role: 'admin',
    path: () => '/beheer/audit',
  },
];

export function screenshotFile(page: ScreenshotPage, width: number): string {
  return `${SCREENSHOT_DIR}/${page.name}-${width}.jpg`;
}

import type { Role } from '../../core/auth/roles.js';

export interface NavItem {
  href: string;
  label: string;
  roles: readonly Role[];
}

/** The main menu: each entry names the roles that see it; the route guards enforce the same roles. */
export const NAVIGATION: readonly NavItem[] = [
  { href: '/', label: 'Overzicht', roles: ['adviser', 'om_liaison', 'area_manager', 'distributor', 'admin'] },
  { href: '/zaken', label: 'Zaken', roles: ['adviser', 'om_liaison', 'area_manager', 'admin'] },
  { href: '/goedkeuringen', label: 'Goedkeuringen', roles: ['om_liaison'] },
  { href: '/wijkberichten', label: 'Wijkberichten', roles: ['area_manager', 'adviser'] },
  { href: '/bezorging', label: 'Mijn bezorging', roles: ['distributor'] },
  { href: '/resultaten/varianten', label: 'Wat werkte', roles: ['adviser', 'admin'] },
  { href: '/beheer/gebruikers', label: 'Gebruikers', roles: ['admin'] },
  { href: '/beheer/instellingen', label: 'Instellingen', roles: ['admin'] },
  { href: '/beheer/audit', label: 'Audittrail', roles: ['admin'] },
  { href: '/beheer/niet-benaderen', label: 'Niet benaderen', roles: ['admin'] },
];

export function navigationFor(roles: readonly Role[]): NavItem[] {
  return NAVIGATION.filter((item) => item.roles.some((r) => roles.includes(r)));
}

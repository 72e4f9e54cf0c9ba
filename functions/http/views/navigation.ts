import { holds, type Permission } from '../../core/auth/permissions.js';
import type { Role } from '../../core/auth/roles.js';

export interface NavItem {
  href: string;
  label: string;
  /** The permission of the page's route guard: whoever may open the page sees the entry. */
  permission: Permission;
  /** Only where the page exists: the local SMS and mail outboxes of the embedded default (absent in AWS). */
  localOnly?: true;
}

/** What the running system offers beyond the roles: the local outboxes exist only in the embedded default. */
export interface NavigationContext {
  localOutbox: boolean;
}

/** The main menu: each entry names the permission its page's route guard checks. */
export const NAVIGATION: readonly NavItem[] = [
  { href: '/', label: 'Overzicht', permission: 'overview.view' },
  { href: '/zaken', label: 'Zaken', permission: 'cases.view' },
  { href: '/goedkeuringen', label: 'Goedkeuringen', permission: 'sms.decide' },
  { href: '/wijkberichten', label: 'Wijkberichten', permission: 'letters.prepare' },
  { href: '/bezorging', label: 'Mijn bezorging', permission: 'distribution.carry' },
  { href: '/resultaten/varianten', label: 'Wat werkte', permission: 'results.variants' },
  { href: '/beheer/gebruikers', label: 'Gebruikers', permission: 'admin.manage' },
  { href: '/beheer/instellingen', label: 'Instellingen', permission: 'admin.manage' },
  { href: '/beheer/audit', label: 'Audittrail', permission: 'admin.manage' },
  { href: '/beheer/niet-benaderen', label: 'Niet benaderen', permission: 'admin.manage' },
  { href: '/beheer/testnummers', label: 'Testnummers', permission: 'admin.manage' },
  {
    href: '/lokaal/uitgaande-berichten',
    label: 'Uitgaande berichten (lokaal)',
    permission: 'sending.act',
    localOnly: true,
  },
  {
    href: '/lokaal/uitgaande-mail',
    label: 'Uitgaande e-mail (lokaal)',
    permission: 'overview.view',
    localOnly: true,
  },
];

export function navigationFor(
  roles: readonly Role[],
  context: NavigationContext = { localOutbox: true },
): NavItem[] {
  return NAVIGATION.filter(
    (item) => holds(roles, item.permission) && (!item.localOnly || context.localOutbox),
  );
}

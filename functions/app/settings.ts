import { ValidationError } from '../core/errors.js';
import { defaultSettings, type Settings, SettingsSchema } from '../core/settings/settings.schema.js';
import { type Acting, audit } from './audit.js';
import type { AppDeps } from './deps.js';

export async function getSettings(deps: Pick<AppDeps, 'settings'>): Promise<Settings> {
  return (await deps.settings.get()) ?? defaultSettings('Voorbeeldstad');
}

/** What `updateSettings` uses. */
export type UpdateSettingsDeps = Pick<AppDeps, 'audit' | 'clock' | 'settings'>;

/** Validates and stores the municipality settings; the audit event names the fields that changed. */
export async function updateSettings(
  deps: UpdateSettingsDeps,
  acting: Acting,
  input: unknown,
): Promise<Settings> {
  const parsed = SettingsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? 'onbekend');
    /** A message the schema gives in Dutch (such as an allowed range) is added; zod's English ones are not. */
    const own = issue && !/^(Invalid|Expected|Required|Too )/.test(issue.message) ? ` ${issue.message}` : '';
    throw new ValidationError('Invalid settings', {
      userMessage: `Controleer het veld "${SETTING_LABELS[field as keyof Settings] ?? field}".${own}`,
      context: { field },
    });
  }
  const before = await deps.settings.get();
  await deps.settings.put(parsed.data);
  const changed = (Object.keys(parsed.data) as (keyof Settings)[]).filter(
    (key) => JSON.stringify(before?.[key]) !== JSON.stringify(parsed.data[key]),
  );
  await audit(deps, acting, {
    action: 'settings.changed',
    subjectType: 'settings',
    subjectId: 'municipality',
    details: { changedFields: changed.map(toWord) },
  });
  return parsed.data;
}

function toWord(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export const SETTING_LABELS: Partial<Record<keyof Settings, string>> = {
  municipality: 'Naam gemeente',
  primaryColor: 'Huisstijlkleur',
  logoUrl: 'Logo',
  senderLine: 'Afzender',
  signatureTitle: 'Ondertekening (functie)',
  generalContact: 'Algemeen contact',
  allowedLinkDomains: 'Toegestane linkdomeinen',
  defaultRegion: 'Standaardland',
  quietHours: 'Verzendvenster',
  maxRatePerSecond: 'Maximaal tempo (berichten per seconde)',
  frequencyCapDays: 'Frequentielimiet (dagen)',
  approvalValidityDays: 'Geldigheid goedkeuring (dagen)',
  retentionDays: 'Bewaartermijn (dagen)',
  maxRadiusMetres: 'Maximale straal (meter)',
  pricePerSegmentEur: 'Prijs per SMS-deel (euro)',
};

import { SETTING_LABELS } from '../../../app/settings.js';
import type { Settings } from '../../../core/settings/settings.schema.js';
import { TextField } from '../fields.js';
import { Alert, CsrfField } from '../layout.js';

/** The municipality settings form. */
export const SettingsPage = (props: {
  settings: Settings;
  csrf: string;
  error?: string;
  saved?: boolean;
}) => {
  const s = props.settings;
  const field = (name: keyof Settings, value: string, type: 'text' | 'number' | 'color' = 'text') => (
    <TextField
      id={`s-${name}`}
      name={name}
      label={SETTING_LABELS[name]}
      type={type}
      value={value}
      {...(type === 'number' ? { step: 'any' } : {})}
    />
  );

  return (
    <>
      <h1 class="utrecht-heading-1">Gemeente-instellingen</h1>
      {props.error ? <Alert type="error">{props.error}</Alert> : null}
      {props.saved ? <Alert type="ok">De instellingen zijn opgeslagen.</Alert> : null}
      <form method="post" action="/beheer/instellingen" class="utrecht-form">
        <CsrfField token={props.csrf} />
        {field('municipality', s.municipality)}
        {field('primaryColor', s.primaryColor, 'color')}
        {field('senderLine', s.senderLine)}
        {field('signatureTitle', s.signatureTitle)}
        {field('generalContact', s.generalContact)}
        {field('allowedLinkDomains', s.allowedLinkDomains.join(', '))}
        {field('maxRatePerSecond', String(s.maxRatePerSecond), 'number')}
        {field('frequencyCapDays', String(s.frequencyCapDays), 'number')}
        {field('approvalValidityDays', String(s.approvalValidityDays), 'number')}
        {field('retentionDays', String(s.retentionDays), 'number')}
        {field('maxRadiusMetres', String(s.maxRadiusMetres), 'number')}
        {field('pricePerSegmentEur', String(s.pricePerSegmentEur), 'number')}
        <button type="submit" class="utrecht-button utrecht-button--primary-action">
          Opslaan
        </button>
      </form>
    </>
  );
};

import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

const DOTS = '••••';

/**
 * Shows a number the only way the UI may: country code, first national digit and last four digits,
 * e.g. "+31 6 •••• 5678". Short numbers show only their last two digits; anything unparseable shows none.
 */
export function maskE164(e164: string): string {
  const parsed = /^\+\d{3,15}$/.test(e164) ? parsePhoneNumberFromString(e164) : undefined;
  if (!parsed) {
    const digits = e164.replace(/\D/g, '');
    return digits.length >= 8 ? `+${DOTS} ${digits.slice(-2)}` : DOTS;
  }
  const national = parsed.nationalNumber;
  if (national.length < 8) return `+${parsed.countryCallingCode} ${DOTS} ${national.slice(-2)}`;
  return `+${parsed.countryCallingCode} ${national[0]} ${DOTS} ${national.slice(-4)}`;
}

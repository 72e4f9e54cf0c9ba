import { ValidationError } from '../errors.js';

const MAX_URL_LENGTH = 500;

function refuse(reason: string, userMessage: string): never {
  throw new ValidationError(`Help link refused: ${reason}`, {
    userMessage,
    context: { field: 'helpLink', reason },
  });
}

function normaliseDomain(domain: string): string {
  const plain = domain.trim().toLowerCase().replace(/\.+$/, '');
  try {
    return new URL(`https://${plain}`).hostname;
  } catch {
    return '';
  }
}

/**
 * Checks the campaign's help-site link and returns it in normalised form.
 *
 * The link goes to hundreds of phones under the municipality's name: it must be https, on a domain the
 * admin allow-listed (or a subdomain of one), and must not carry credentials or an unusual port that could
 * disguise where it really leads.
 */
export function validateHelpLink(url: string, allowedDomains: readonly string[]): string {
  const trimmed = url.trim();
  if (trimmed.length === 0) refuse('empty', 'Vul de link naar de hulpwebsite in.');
  if (trimmed.length > MAX_URL_LENGTH) {
    refuse('too_long', `De link is te lang: hoogstens ${MAX_URL_LENGTH} tekens.`);
  }
  if (/\s/.test(trimmed)) refuse('whitespace', 'De link mag geen spaties bevatten.');
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    refuse('unparseable', 'Dit is geen geldige link. Begin met https:// gevolgd door het webadres.');
  }
  if (parsed.protocol !== 'https:') {
    refuse('not_https', 'De link moet met https:// beginnen: alleen beveiligde websites zijn toegestaan.');
  }
  if (parsed.username !== '' || parsed.password !== '') {
    refuse('credentials', 'De link mag geen gebruikersnaam of wachtwoord bevatten.');
  }
  if (parsed.port !== '') refuse('port', 'De link mag geen afwijkend poortnummer bevatten.');
  const host = normaliseDomain(parsed.hostname);
  const allowed = allowedDomains.map(normaliseDomain).filter((d) => d.length > 0);
  if (allowed.length === 0) {
    refuse(
      'no_allowed_domains',
      'Er zijn nog geen toegestane domeinen ingesteld. Vraag de beheerder dit in te stellen.',
    );
  }
  if (!allowed.some((domain) => host === domain || host.endsWith(`.${domain}`))) {
    refuse(
      'domain_not_allowed',
      `Deze link verwijst naar een website buiten de toegestane domeinen (${allowed.join(', ')}). Kies een link op een van die domeinen.`,
    );
  }
  parsed.hostname = host;
  return parsed.toString();
}

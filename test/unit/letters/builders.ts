import { type Address, isResidentialPurposes } from '../../../functions/core/letters/address.schema.js';
import { composeLetters } from '../../../functions/core/letters/compose.js';
import type {
  LetterBranding,
  LetterCaseFields,
  LetterContent,
} from '../../../functions/core/letters/letter.schema.js';

let next = 0;

/** An address with defaults around a fictitious street in Amersfoort's RD origin. */
export function anAddress(overrides: Partial<Address> = {}): Address {
  next += 1;
  const purposes = overrides.purposes ?? ['woonfunctie'];
  return {
    id: `adr-${next}`,
    street: 'Oefenstraat',
    houseNumber: 1,
    letter: '',
    addition: '',
    postcode: '0001AA',
    city: 'Proefdorp',
    lat: 52.155174,
    lon: 5.387206,
    purposes,
    residential: isResidentialPurposes(purposes),
    ...overrides,
  };
}

/** A point `north` and `east` metres from a base point (flat approximation, fine at street scale). */
export function offset(base: { lat: number; lon: number }, north: number, east: number) {
  return {
    lat: base.lat + north / 111_250,
    lon: base.lon + east / (111_320 * Math.cos((base.lat * Math.PI) / 180)),
  };
}

export const branding: LetterBranding = {
  municipality: 'Proefdorp',
  senderLine: 'Gemeente Proefdorp',
  logo: 'https://proefdorp.example.nl/logo.png',
  primaryColour: '#00689e',
  signatureTitle: 'Team Openbare Orde en Veiligheid',
  contactLine: 'Vragen? Kijk op proefdorp.example.nl/veilig.',
};

export const content: LetterContent = {
  subject: 'Aanhoudingen in {{gebied}}',
  paragraphs: [
    'Op {{datum}} heeft de politie in {{gebied}} mensen aangehouden. {{zaaktekst}}',
    'De gemeente {{gemeente}} helpt.',
  ],
  helpLinks: [{ label: 'Hulp bij verslaving', url: 'https://hulp.example.nl/verslaving' }],
};

export const caseFields: LetterCaseFields = {
  date: '2025-03-12',
  areaDescription: 'de omgeving van de Oefenstraat',
  caseText: 'Er zijn drugs in beslag genomen.',
};

/** The addressed letters of a run to the given addresses, with the test branding, content and case fields. */
export function addressedLetters(addresses: readonly Address[]) {
  return composeLetters({
    mode: 'addressed',
    addresses: [...addresses],
    content,
    branding,
    caseFields,
    webVersionUrl: () => 'https://proefdorp.example.nl/w/abc123',
  });
}

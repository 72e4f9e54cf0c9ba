import {
  type Address,
  formatHouseNumber,
  formatPostcode,
  type StreetRef,
  streetKey,
} from './address.schema.js';
import {
  type LetterBranding,
  LetterBrandingSchema,
  type LetterCaseFields,
  LetterCaseFieldsSchema,
  type LetterContent,
  LetterContentSchema,
  type LetterMode,
  type TemplateName,
} from './letter.schema.js';
import { expandText, type MergeFields } from './merge.js';
import { qrDataUri } from './qr.js';
import { groupByStreet, houseNumbersInWalkingOrder, walkingOrder } from './walking-order.js';

/** One printed page: which template, with which values, for which street. */
export interface LetterPage {
  template: TemplateName;
  fields: MergeFields;
  street: StreetRef;
}

export interface LetterRunInput {
  mode: LetterMode;
  /** The selected addresses, in any order; they are put in walking order. */
  addresses: readonly Address[];
  content: LetterContent;
  branding: LetterBranding;
  caseFields: LetterCaseFields;
  /** The public web version of the letter for a street (`https://…/w/<code>`). */
  webVersionUrl: (street: StreetRef) => string;
}

const DUTCH_DATE = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "2025-03-12" → "12 maart 2025". */
export function formatDutchDate(isoDate: string): string {
  return DUTCH_DATE.format(new Date(`${isoDate}T00:00:00Z`));
}

function brandingFields(branding: LetterBranding): Record<string, string> {
  return {
    afzender: branding.senderLine,
    gemeente: branding.municipality,
    logo: branding.logo,
    kleur: branding.primaryColour,
    ondertekening: branding.signatureTitle,
    contact: branding.contactLine,
  };
}

/**
 * The values every letter of a run shares: branding, subject, expanded paragraphs, help links.
 * Blueprint paragraphs may use {{datum}} {{gebied}} {{zaaktekst}} {{gemeente}}; others are refused by name.
 */
export function sharedLetterFields(
  contentInput: LetterContent,
  brandingInput: LetterBranding,
  caseInput: LetterCaseFields,
): Record<string, MergeFields[string]> {
  const content = LetterContentSchema.parse(contentInput);
  const branding = LetterBrandingSchema.parse(brandingInput);
  const caseFields = LetterCaseFieldsSchema.parse(caseInput);
  const values = {
    datum: formatDutchDate(caseFields.date),
    gebied: caseFields.areaDescription,
    zaaktekst: caseFields.caseText,
    gemeente: branding.municipality,
  };
  return {
    ...brandingFields(branding),
    onderwerp: expandText(content.subject, values),
    datum: values.datum,
    gebied: values.gebied,
    zaaktekst: values.zaaktekst,
    alineas: content.paragraphs.map((p) => expandText(p, values)),
    hulplinks: content.helpLinks.map((l) => ({ label: l.label, url: l.url })),
  };
}

/**
 * The pages of a letter run, in walking order.
 * Addressed: one letter per address ("Aan de bewoners van Brugstraat 3a"). Unaddressed: per street a cover
 * sheet listing the house numbers, then one identical copy per address ("Aan de bewoners van deze straat").
 */
export function composeLetters(input: LetterRunInput): LetterPage[] {
  const shared = sharedLetterFields(input.content, input.branding, input.caseFields);
  const branding = brandingFields(LetterBrandingSchema.parse(input.branding));
  const pages: LetterPage[] = [];
  const perStreet = new Map<string, { webversie: string; qr: string }>();
  const streetFields = (ref: StreetRef) => {
    const key = streetKey(ref);
    let fields = perStreet.get(key);
    if (!fields) {
      const webversie = input.webVersionUrl(ref);
      fields = { webversie, qr: qrDataUri(webversie) };
      perStreet.set(key, fields);
    }
    return fields;
  };
  if (input.mode === 'addressed') {
    for (const address of walkingOrder(input.addresses)) {
      const ref = { street: address.street, city: address.city };
      pages.push({
        template: 'wijkbericht',
        street: ref,
        fields: {
          ...shared,
          ...streetFields(ref),
          aanhef: `Aan de bewoners van ${address.street} ${formatHouseNumber(address)}`,
          adresregel: `${formatPostcode(address.postcode)} ${address.city.toUpperCase()}`.trim(),
        },
      });
    }
    return pages;
  }
  for (const group of groupByStreet(input.addresses)) {
    const numbers = houseNumbersInWalkingOrder(group.addresses);
    pages.push({
      template: 'dekblad',
      street: group.ref,
      fields: {
        ...branding,
        straat: group.ref.street,
        plaats: group.ref.city,
        aantal: String(numbers.length),
        huisnummers: numbers,
      },
    });
    const letter: MergeFields = {
      ...shared,
      ...streetFields(group.ref),
      aanhef: 'Aan de bewoners van deze straat',
      adresregel: `${group.ref.street}, ${group.ref.city}`,
    };
    for (let i = 0; i < numbers.length; i++)
      pages.push({ template: 'wijkbericht', street: group.ref, fields: letter });
  }
  return pages;
}

/** The fields of a street's public web version: no address, no personal data. */
export function webVersionFields(
  input: Omit<LetterRunInput, 'mode' | 'addresses'>,
  street: StreetRef,
): MergeFields {
  const webversie = input.webVersionUrl(street);
  return {
    ...sharedLetterFields(input.content, input.branding, input.caseFields),
    webversie,
    qr: qrDataUri(webversie),
    aanhef: 'Aan de bewoners van deze straat',
    adresregel: `${street.street}, ${street.city}`,
  };
}

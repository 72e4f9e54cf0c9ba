import { findPhoneNumbersInText } from 'libphonenumber-js/min';
import * as z from 'zod';
import { GENERIC_PHONE_NUMBERS, isGenericNumber } from '../letters/free-text-screen.js';
import {
  CountryCodeSchema,
  HttpsUrlSchema,
  LetterContentSchema,
  QuietHoursSchema,
  SenderNameSchema,
  VariantSchema,
} from './campaign.schema.js';
import { analyseVariantText, DEFAULT_MAX_LINK_LENGTH, validateVariants } from './variants.js';

/**
 * Blueprint variants must fit one GSM-7 part as sent: with the tracked link at the editor's length and the
 * opt-out line with its stop link, so a campaign started from a blueprint costs one part per message.
 */
export const BLUEPRINT_LINK_LENGTH = DEFAULT_MAX_LINK_LENGTH;
export const BLUEPRINT_MAX_SEGMENTS = 1;

/** Merge fields a letter paragraph may use; the letter renderer fills them in per letter. */
export const LETTER_MERGE_FIELDS = ['datum', 'gebied', 'zaaktekst', 'gemeente'] as const;

const MERGE_FIELD = /\{\{\s*([^}]*?)\s*\}\}/g;

/** The merge fields a letter text uses that the letter renderer does not know, by name, in order of use. */
export function unknownMergeFields(texts: readonly string[]): string[] {
  const unknown: string[] = [];
  for (const text of texts) {
    for (const match of text.matchAll(MERGE_FIELD)) {
      const name = match[1] ?? '';
      if (!(LETTER_MERGE_FIELDS as readonly string[]).includes(name) && !unknown.includes(name))
        unknown.push(name);
    }
  }
  return unknown;
}

export { GENERIC_PHONE_NUMBERS };

function personalNumbers(text: string): number {
  return findPhoneNumbersInText(text, 'NL').filter((m) => !isGenericNumber(m.number.nationalNumber)).length;
}

const BlueprintBase = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{2,63}$/),
  title: z.string().trim().min(3).max(100),
  description: z.string().trim().min(10).max(600),
  /** A placeholder on an example domain: the municipality replaces it with its own help site. */
  helpLink: HttpsUrlSchema,
  senderName: SenderNameSchema,
};

export const SmsBlueprintSchema = z
  .object({
    ...BlueprintBase,
    kind: z.literal('sms'),
    quietHours: QuietHoursSchema,
    ratePerSecond: z.number().positive().max(1000),
    allowedCountries: z.array(CountryCodeSchema).min(1),
    variants: z.array(VariantSchema).min(3).max(8),
  })
  .superRefine((blueprint, ctx) => {
    const report = validateVariants(blueprint.variants, { linkLength: BLUEPRINT_LINK_LENGTH });
    for (const issue of report.issues.filter((i) => i.level === 'error')) {
      ctx.addIssue({ code: 'custom', message: issue.message, path: ['variants'] });
    }
    blueprint.variants.forEach((variant, index) => {
      const analysis = analyseVariantText(variant.text, { linkLength: BLUEPRINT_LINK_LENGTH });
      if (analysis.encoding !== 'GSM-7') {
        ctx.addIssue({
          code: 'custom',
          message: `Variant ${variant.id} needs UCS-2 (${analysis.nonGsmCharacters.map((c) => c.codePoint).join(' ')})`,
          path: ['variants', index, 'text'],
        });
      }
      if (analysis.segments > BLUEPRINT_MAX_SEGMENTS) {
        ctx.addIssue({
          code: 'custom',
          message: `Variant ${variant.id} is ${analysis.segments} segments with its link and opt-out line`,
          path: ['variants', index, 'text'],
        });
      }
      if (personalNumbers(variant.text) > 0) {
        ctx.addIssue({
          code: 'custom',
          message: 'A variant contains a phone number',
          path: ['variants', index, 'text'],
        });
      }
    });
  });
export type SmsBlueprint = z.infer<typeof SmsBlueprintSchema>;

export const LetterBlueprintSchema = z
  .object({ ...BlueprintBase, kind: z.literal('letter'), letter: LetterContentSchema })
  .superRefine((blueprint, ctx) => {
    const { subject, paragraphs } = blueprint.letter;
    [subject, ...paragraphs].forEach((text, index) => {
      const path = index === 0 ? ['letter', 'subject'] : ['letter', 'paragraphs', index - 1];
      for (const match of text.matchAll(MERGE_FIELD)) {
        if (!(LETTER_MERGE_FIELDS as readonly string[]).includes(match[1] ?? '')) {
          ctx.addIssue({ code: 'custom', message: `Unknown merge field ${match[0]}`, path });
        }
      }
      if (/\{(?!\{)|(?<!\})\}/.test(text.replace(/\{\{[^}]*\}\}/g, ''))) {
        ctx.addIssue({ code: 'custom', message: 'Unbalanced braces', path });
      }
      if (personalNumbers(text) > 0) {
        ctx.addIssue({ code: 'custom', message: 'Only generic phone numbers may appear in a letter', path });
      }
    });
  });
export type LetterBlueprint = z.infer<typeof LetterBlueprintSchema>;

/** A campaign blueprint from `campaigns/`: the starting texts and defaults an adviser picks from. */
export const BlueprintSchema = z.discriminatedUnion('kind', [SmsBlueprintSchema, LetterBlueprintSchema]);
export type Blueprint = z.infer<typeof BlueprintSchema>;

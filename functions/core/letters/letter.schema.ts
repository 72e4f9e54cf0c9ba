import * as z from 'zod';

const MOBILE_NUMBER = /(\+|00)\s*31[\s-]*\(?0?\)?[\s-]*6[\s-]*\d|(^|\D)06[\s-]*\d{2}/;
const LONG_DIGIT_RUN = /\d[\d\s-]{8,}\d/;

/** Text printed as the sender's identity: never a direct or mobile number (see "Eigen veiligheid"). */
const OfficialText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => !MOBILE_NUMBER.test(v) && !LONG_DIGIT_RUN.test(v), {
      message: 'Geen direct of mobiel telefoonnummer in afzender of ondertekening.',
    });

export const WebUrlSchema = z
  .string()
  .max(2000)
  .refine((v) => /^https?:\/\/[^\s"'<>]+$/i.test(v), { message: 'Gebruik een http(s)-adres.' });

const ImageSchema = z
  .string()
  .max(200_000)
  .refine(
    (v) =>
      /^https?:\/\/[^\s"'<>]+$/i.test(v) ||
      /^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/=]+$/.test(v),
    {
      message: 'Het logo moet een http(s)-adres of een data-URI van een afbeelding zijn.',
    },
  );

/**
 * The municipality's letter branding from settings. The signature is a function title ("Team Veiligheid"),
 * never a person's name or direct number: officials who sign such letters have been threatened.
 */
export const LetterBrandingSchema = z.object({
  /** "Utrecht". */
  municipality: z.string().trim().min(1).max(100),
  /** "Gemeente Utrecht". */
  senderLine: OfficialText(120),
  logo: ImageSchema,
  primaryColour: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Kleur als #rrggbb.'),
  /** "Team Openbare Orde en Veiligheid". */
  signatureTitle: OfficialText(120),
  /** A generic contact line: "Vragen? Bel 14 030 of kijk op utrecht.nl/veilig". */
  contactLine: z
    .string()
    .trim()
    .max(200)
    .refine((v) => !MOBILE_NUMBER.test(v), {
      message: 'Geen mobiel nummer in de contactregel.',
    })
    .default(''),
});
export type LetterBranding = z.infer<typeof LetterBrandingSchema>;

/** Merge fields a blueprint paragraph or subject may use. */
export const CONTENT_FIELDS = ['datum', 'gebied', 'zaaktekst', 'gemeente'] as const;

/** Letter content from a blueprint in `campaigns/` (shape agreed with the campaigns module). */
export const LetterContentSchema = z.object({
  subject: z.string().trim().min(1).max(200),
  paragraphs: z.array(z.string().trim().min(1).max(2000)).min(1).max(12),
  helpLinks: z.array(z.object({ label: z.string().trim().min(1).max(120), url: WebUrlSchema })).max(8),
});
export type LetterContent = z.infer<typeof LetterContentSchema>;

/** What the case contributes to the letter. */
export const LetterCaseFieldsSchema = z.object({
  /** Letter date, ISO `YYYY-MM-DD`; printed as "12 maart 2025". */
  date: z.iso.date(),
  /** "de omgeving van de Brugstraat". */
  areaDescription: z.string().trim().min(1).max(300),
  /** What happened, in the municipality's words. */
  caseText: z.string().trim().min(1).max(2000),
});
export type LetterCaseFields = z.infer<typeof LetterCaseFieldsSchema>;

export const LetterModeSchema = z.enum(['addressed', 'unaddressed']);
export type LetterMode = z.infer<typeof LetterModeSchema>;

/** A template compiled from MJML, ready for per-letter merge. */
export const CompiledTemplateSchema = z.object({
  name: z.string().min(1),
  html: z.string().min(1),
  sourceSha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type CompiledTemplate = z.infer<typeof CompiledTemplateSchema>;

/** The built-in template names. */
export const TemplateNameSchema = z.enum(['wijkbericht', 'dekblad']);
export type TemplateName = z.infer<typeof TemplateNameSchema>;

const BRANDING_FIELDS = ['afzender', 'gemeente', 'logo', 'kleur', 'ondertekening', 'contact'];

/**
 * The merge fields each template may use; a template that uses anything else is refused at save time.
 * Section fields (`{{#alineas}}…{{/alineas}}`) list what may appear inside them.
 */
export const TEMPLATE_FIELDS: Record<string, { fields: string[]; sections: Record<string, string[]> }> = {
  default: {
    fields: [
      ...BRANDING_FIELDS,
      'onderwerp',
      'datum',
      'gebied',
      'zaaktekst',
      'aanhef',
      'adresregel',
      'alineas',
      'hulplinks',
      'webversie',
      'qr',
    ],
    sections: { alineas: ['.'], hulplinks: ['label', 'url'] },
  },
  dekblad: {
    fields: [...BRANDING_FIELDS, 'straat', 'plaats', 'aantal', 'huisnummers'],
    sections: { huisnummers: ['.'] },
  },
};

import * as z from 'zod';

const TIME_MESSAGE = 'Schrijf een tijd als UU:MM, bijvoorbeeld 09:00.';
const Hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, TIME_MESSAGE);
/** An end time may be 24:00, the midnight that ends the day, as a campaign's send window may. */
const EndHhmm = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, `${TIME_MESSAGE} Als eindtijd mag ook 24:00.`);

/**
 * The municipality's send window (Europe/Amsterdam): the default every new SMS campaign starts with.
 * ISO weekdays, 1 = Monday … 7 = Sunday.
 */
export const MunicipalQuietHoursSchema = z
  .object({
    start: Hhmm,
    end: EndHhmm,
    days: z
      .array(z.number().int().min(1).max(7))
      .min(1, 'Kies minstens één dag waarop verstuurd mag worden.'),
  })
  .refine((w) => w.start < w.end, { message: 'De begintijd moet vóór de eindtijd liggen.', path: ['end'] });

/** How long campaign data is kept after a campaign ends, in whole days. */
export const RETENTION_DAYS = { min: 1, max: 90 } as const;
const RETENTION_MESSAGE = `De bewaartermijn is een heel aantal dagen van ${RETENTION_DAYS.min} tot en met ${RETENTION_DAYS.max}.`;

/**
 * Municipality settings, managed by the admin. The letter branding deliberately has no field for a
 * person's name or direct number ("Eigen veiligheid"): only the organisation and a function title.
 */
export const SettingsSchema = z.object({
  municipality: z.string().min(1).max(80),
  primaryColor: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  logoUrl: z.string().max(200_000).optional(),
  senderLine: z.string().min(1).max(120),
  signatureTitle: z.string().min(1).max(120),
  generalContact: z.string().min(1).max(200),
  allowedLinkDomains: z.array(z.string().min(3)).min(1),
  defaultRegion: z.string().length(2),
  quietHours: MunicipalQuietHoursSchema,
  maxRatePerSecond: z.number().positive().max(1000),
  frequencyCapDays: z.number().int().min(0).max(3650),
  approvalValidityDays: z.number().int().min(1).max(90),
  retentionDays: z
    .number(RETENTION_MESSAGE)
    .int(RETENTION_MESSAGE)
    .min(RETENTION_DAYS.min, RETENTION_MESSAGE)
    .max(RETENTION_DAYS.max, RETENTION_MESSAGE),
  maxRadiusMetres: z.number().int().min(10).max(5000),
  pricePerSegmentEur: z.number().min(0),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** What a fresh municipality starts with; every value is one the admin is expected to review. */
export function defaultSettings(municipality: string): Settings {
  return {
    municipality,
    primaryColor: '#c4001a',
    senderLine: `Gemeente ${municipality}`,
    signatureTitle: 'De burgemeester',
    generalContact: `Gemeente ${municipality}, telefoon 14 0XX (vraag naar het team Veiligheid)`,
    allowedLinkDomains: ['hulpnadrugs.example.nl'],
    defaultRegion: 'NL',
    quietHours: { start: '09:00', end: '20:00', days: [1, 2, 3, 4, 5, 6] },
    maxRatePerSecond: 20,
    frequencyCapDays: 180,
    approvalValidityDays: 7,
    retentionDays: 30,
    maxRadiusMetres: 1000,
    pricePerSegmentEur: 0.0765,
  };
}

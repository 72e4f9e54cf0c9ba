import * as z from 'zod';
import {
  CountSchema,
  EntityIdSchema,
  IsoDateSchema,
  IsoDateTimeSchema,
} from '../shared/primitives.schema.js';

/**
 * A case (zaak): one police action, e.g. "Bazooka", that holds the SMS and letter campaigns following it.
 * The code name is what the police and the municipality call it; never a suspect's name.
 */
export const CaseSchema = z.object({
  id: EntityIdSchema,
  name: z
    .string()
    .trim()
    .min(2, 'Geef de zaak een naam van minstens 2 tekens.')
    .max(80, 'De naam van de zaak mag hoogstens 80 tekens lang zijn.'),
  /** The day of the arrests (klapdag). */
  actionDate: IsoDateSchema,
  municipality: z
    .string()
    .trim()
    .min(2, 'Vul de gemeente in.')
    .max(80, 'De naam van de gemeente mag hoogstens 80 tekens lang zijn.'),
  /** How residents know the area, e.g. "Kanaleneiland-Zuid en omgeving Bilthoven-Noord". */
  areaDescription: z
    .string()
    .trim()
    .min(2, 'Beschrijf het gebied in minstens 2 tekens.')
    .max(300, 'De beschrijving van het gebied mag hoogstens 300 tekens lang zijn.'),
  /** The manager who answers for the case inside the municipality. */
  responsibleUserId: EntityIdSchema,
  createdAt: IsoDateTimeSchema,
  createdBy: EntityIdSchema,
  updatedAt: IsoDateTimeSchema,
  version: CountSchema,
});
export type Case = z.infer<typeof CaseSchema>;

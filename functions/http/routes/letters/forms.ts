import type { Context } from 'hono';
import * as z from 'zod';
import type { StreetRef } from '../../../core/letters/address.schema.js';
import type { AppEnv } from '../../env.js';
import { parseStreetValue } from '../../views/letters.js';

/*
 * The forms of the letter pages and the distributor's pages as zod schemas, read through
 * `@hono/zod-validator` (see form-action.ts). A field the browser left out reads as empty, so the use case
 * decides and answers in Dutch; what only the form can get wrong has its Dutch message here.
 */

type C = Context<AppEnv>;

const firstOf = (value: unknown) => (Array.isArray(value) ? value[0] : value);

/** One text field: its (first) value, or '' when absent or a file. */
export const text = z.preprocess((value) => {
  const first = firstOf(value);
  return typeof first === 'string' ? first : '';
}, z.string());

/** A text field that is only passed on when the form has it. */
const optionalText = z.preprocess(
  (value) => (typeof value === 'string' ? value : undefined),
  z.string().optional(),
);

/** A repeated field: every text value, in form order. */
export const texts = z.preprocess(
  (value) =>
    (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
      (v): v is string => typeof v === 'string',
    ),
  z.array(z.string()),
);

/** A checkbox that sends `ja` when ticked. */
const yes = z.preprocess((value) => firstOf(value) === 'ja', z.boolean());

/** A number as people type it: a comma for the decimal point; NaN for an empty field. */
export function parseNumber(value: string): number {
  const normalised = value.trim().replace(',', '.');
  return normalised === '' ? Number.NaN : Number(normalised);
}

const number = text.transform(parseNumber);

const streetRefs = texts.transform((values) => values.map(parseStreetValue));

/** Ticked streets: the unreadable ones left out. */
const tickedStreets = streetRefs.transform((refs) => refs.filter((s): s is StreetRef => s !== undefined));

const isDate = (value: string) => !Number.isNaN(Date.parse(`${value}T00:00:00`));

export const CreateLetterForm = z.object({ caseId: text, blueprintId: text, name: text });

export const CaseForm = z.object({
  name: text,
  actionDate: text,
  areaDescription: text,
  responsibleUserId: text,
});

export const SubmitForm = z
  .object({ from: text, until: text, zaaktekst: optionalText })
  .refine((form) => isDate(form.from) && isDate(form.until), 'Vul de eerste en de laatste bezorgdag in.');

export const ApproveForm = z.object({
  fingerprint: text,
  legalReference: text,
  confirmed: yes,
  namesNobody: yes,
});

export const RejectForm = z.object({ fingerprint: text, reason: text });

export const CaseTextForm = z.object({ zaaktekst: text, bevestig: text });

export const AreaForm = z.object({
  locatie: texts,
  straal: number,
  woonadressen: text,
  bevestig: text,
});

export const MapPointForm = z
  .object({ 'kaart.x': number, 'kaart.y': number })
  .refine(
    (form) => Number.isFinite(form['kaart.x']) && Number.isFinite(form['kaart.y']),
    'Klik op de kaart om een locatie toe te voegen.',
  );

export const StreetsForm = z.object({
  straat: streetRefs
    .refine(
      (refs) => refs.every((s) => s !== undefined),
      'Onbekende straat in het formulier. Laad de pagina opnieuw.',
    )
    .transform((refs) => refs.filter((s): s is StreetRef => s !== undefined)),
  versie: text
    .transform((value) => Number.parseInt(value, 10))
    .refine(Number.isSafeInteger, 'Het formulier is onvolledig verzonden. Laad de pagina opnieuw.'),
  modus: text.transform(
    (value) =>
      (value === 'within_radius' ? 'within_radius' : 'whole_streets') as 'within_radius' | 'whole_streets',
  ),
  bevestig: text,
});

export const RenderLettersForm = z.object({
  modus: text.transform(
    (value) => (value === 'unaddressed' ? 'unaddressed' : 'addressed') as 'unaddressed' | 'addressed',
  ),
  zaaktekst: optionalText,
});

export const RoundForm = z.object({
  datum: text,
  van: text,
  tot: text,
  team: texts,
  straat: tickedStreets,
});

/** The distributor's action on one street of their round. */
export const StreetActionForm = z.object({
  straat: text.transform(parseStreetValue).refine((s) => s !== undefined, 'Kies een straat.'),
  notitie: text,
});

/** The form as posted, every field with all its text values: for re-showing or re-posting what was typed. */
export async function postedFields(c: C): Promise<Record<string, string[]>> {
  const form = await c.req.parseBody({ all: true });
  const fields: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(form)) {
    fields[name] = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
  }
  return fields;
}

export function param(c: C, name: string): string {
  return c.req.param(name) ?? '';
}

export function origin(c: C): string {
  return new URL(c.req.url).origin;
}

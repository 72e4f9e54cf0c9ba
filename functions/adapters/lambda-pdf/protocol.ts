import * as z from 'zod';
import { SerialisedDomainErrorSchema } from '../../core/errors.js';

/** Every object the PDF function reads or writes lives below this prefix, the only one it may touch. */
export const LETTERS_PREFIX = 'letters/';

/**
 * An object key directly below `letters/`, of plain characters and not starting with a dot, so an event
 * cannot point anywhere else in the bucket.
 */
const LetterKeySchema = z.string().regex(/^letters\/[A-Za-z0-9_-][A-Za-z0-9._-]{0,200}$/);

/** What the web function sends the PDF function: where the HTML is, where the PDF goes. */
export const RenderPdfEventSchema = z.object({
  htmlKey: LetterKeySchema,
  pdfKey: LetterKeySchema,
  /** Expected page count; the renderer refuses a document whose letters spill over. */
  pages: z.number().int().positive().optional(),
});
export type RenderPdfEvent = z.infer<typeof RenderPdfEventSchema>;

/** What the PDF function answers: the PDF's size, or the domain error that stopped it. */
export const RenderPdfResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    pages: z.number().int().nonnegative(),
    bytes: z.number().int().positive(),
  }),
  z.object({ ok: z.literal(false), error: SerialisedDomainErrorSchema }),
]);
export type RenderPdfResult = z.infer<typeof RenderPdfResultSchema>;

import { createHash } from 'node:crypto';
import * as z from 'zod';
import { assertLetterTextClean, type ScreenedText } from './free-text-screen.js';
import {
  type CompiledTemplate,
  LetterBrandingSchema,
  LetterCaseFieldsSchema,
  LetterContentSchema,
  type TemplateName,
} from './letter.schema.js';

/**
 * Everything that ends up in a letter and its web version apart from the address lines and the per-street
 * web link: texts, case fields, the municipality's branding (sender, signature, contact line, logo, colour)
 * and the exact templates. An approval freezes this; rendering, printing and the web version use it only
 * while its fingerprint still matches.
 */
export const LetterSnapshotSchema = z.object({
  content: LetterContentSchema,
  caseFields: LetterCaseFieldsSchema,
  branding: LetterBrandingSchema,
  /** The templates by name with the SHA-256 of their compiled source. */
  templates: z
    .array(z.object({ name: z.string().min(1), sourceSha256: z.string().regex(/^[0-9a-f]{64}$/) }))
    .min(1),
});
export type LetterSnapshot = z.infer<typeof LetterSnapshotSchema>;

/** Bumped if the canonical form changes, so an old approval never matches a new computation. */
const DOMAIN = 'perspectief/letter/v1';

/**
 * The SHA-256 fingerprint of a letter snapshot (`sha256:` + 64 hex digits), over a canonical array in a fixed
 * order: any change of a text, a link, a case field, a branding value or a template gives another digest.
 */
export function letterSnapshotFingerprint(snapshot: LetterSnapshot): string {
  const { content, caseFields, branding, templates } = snapshot;
  const canonical = JSON.stringify([
    DOMAIN,
    [content.subject, content.paragraphs, content.helpLinks.map((l) => [l.label, l.url])],
    [caseFields.date, caseFields.areaDescription, caseFields.caseText],
    [
      branding.municipality,
      branding.senderLine,
      branding.logo,
      branding.primaryColour,
      branding.signatureTitle,
      branding.contactLine,
    ],
    [...templates].sort((a, b) => a.name.localeCompare(b.name)).map((t) => [t.name, t.sourceSha256]),
  ]);
  return `sha256:${createHash('sha256').update(canonical, 'utf8').digest('hex')}`;
}

/** Builds a snapshot from its parts (parsed, so it is exactly what the renderer will get). */
export function letterSnapshotOf(input: {
  content: unknown;
  caseFields: unknown;
  branding: unknown;
  templates: Readonly<Record<TemplateName, CompiledTemplate>>;
}): LetterSnapshot {
  return LetterSnapshotSchema.parse({
    content: input.content,
    caseFields: input.caseFields,
    branding: input.branding,
    templates: Object.values(input.templates).map((t) => ({ name: t.name, sourceSha256: t.sourceSha256 })),
  });
}

/** The free texts of a snapshot the municipality typed, with the Dutch names the screen reports them by. */
export function snapshotFreeTexts(snapshot: LetterSnapshot): ScreenedText[] {
  return [
    { label: 'Wat er is gebeurd', text: snapshot.caseFields.caseText },
    { label: 'het onderwerp', text: snapshot.content.subject },
    ...snapshot.content.paragraphs.map((text, i) => ({ label: `alinea ${i + 1}`, text })),
    ...snapshot.content.helpLinks.map((l) => ({ label: 'een hulplink', text: l.label })),
    { label: 'het gebied', text: snapshot.caseFields.areaDescription },
  ];
}

/** Refuses a snapshot whose free text names contact details or an address (see `screenLetterText`). */
export function assertSnapshotClean(snapshot: LetterSnapshot): void {
  assertLetterTextClean(snapshotFreeTexts(snapshot));
}

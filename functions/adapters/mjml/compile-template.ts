import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import mjml2html from 'mjml';
import { ValidationError } from '../../core/errors.js';
import {
  type CompiledTemplate,
  CompiledTemplateSchema,
  TEMPLATE_FIELDS,
} from '../../core/letters/letter.schema.js';
import { validateMergeFields } from '../../core/letters/merge.js';

/**
 * MJML compilation: build code, kept out of the pure core. Only the template build (`templates/build.ts`)
 * imports this module: loading `mjml` costs 0.3–0.5 s and one compile about 20 ms, so it never runs per
 * letter or in the letter-rendering Lambda.
 */

/**
 * Merge fields that sit inside CSS. cssnano cannot parse `{{kleur}}`, so the compiler puts a colour that
 * no minifier shortens or renames in its place and swaps the field back afterwards.
 */
const CSS_FIELD_SENTINELS: Record<string, string> = { kleur: '#123457' };

/**
 * Whether MJML's minifier will really minify CSS. htmlnano loads cssnano as an optional dependency and
 * silently skips CSS minification when it cannot resolve it from its own location.
 */
export function cssMinifierAvailable(): boolean {
  try {
    const require = createRequire(import.meta.url);
    const htmlnano = require.resolve('htmlnano');
    createRequire(htmlnano).resolve('cssnano');
    return true;
  } catch {
    return false;
  }
}

/**
 * Compiles one MJML template into the HTML the merge uses, after refusing unknown merge fields by name.
 * Throws ValidationError when the MJML is invalid or the minifier would silently skip CSS.
 */
export async function compileTemplate(name: string, source: string): Promise<CompiledTemplate> {
  const allowed = TEMPLATE_FIELDS[name] ?? TEMPLATE_FIELDS.default;
  if (!allowed) throw new Error('No default template field set');
  validateMergeFields(source, allowed.fields, allowed.sections);
  if (!cssMinifierAvailable()) {
    throw new ValidationError('cssnano not resolvable from htmlnano; MJML would skip CSS minification', {
      userMessage: 'De sjabloonbouw is onvolledig geïnstalleerd (CSS-minificatie ontbreekt).',
    });
  }
  let prepared = source;
  for (const [field, sentinel] of Object.entries(CSS_FIELD_SENTINELS)) {
    prepared = prepared.replaceAll(`{{${field}}}`, sentinel);
  }
  let html: string;
  try {
    const result = await mjml2html(prepared, {
      minify: true,
      validationLevel: 'strict',
      keepComments: false,
    });
    html = result.html;
  } catch (error) {
    const line = (error as { errors?: { line?: number }[] }).errors?.[0]?.line;
    throw new ValidationError('MJML template invalid', {
      cause: error,
      userMessage: `Het sjabloon is geen geldige MJML${line ? ` (regel ${line})` : ''}.`,
      context: { template: name, line: line ?? null },
    });
  }
  for (const [field, sentinel] of Object.entries(CSS_FIELD_SENTINELS)) {
    html = html.replaceAll(sentinel, `{{${field}}}`);
  }
  return CompiledTemplateSchema.parse({
    name,
    html,
    sourceSha256: createHash('sha256').update(source).digest('hex'),
  });
}

/** Compiles a set of templates (name → MJML source), e.g. every `templates/*.mjml` at build time. */
export async function compileTemplates(
  sources: Readonly<Record<string, string>>,
): Promise<CompiledTemplate[]> {
  const compiled: CompiledTemplate[] = [];
  for (const [name, source] of Object.entries(sources).sort(([a], [b]) => a.localeCompare(b))) {
    compiled.push(await compileTemplate(name, source));
  }
  return compiled;
}

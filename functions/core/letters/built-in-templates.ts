import * as z from 'zod';
import compiled from '../../../templates/compiled.json' with { type: 'json' };
import { type CompiledTemplate, CompiledTemplateSchema, type TemplateName } from './letter.schema.js';

let cache: Record<TemplateName, CompiledTemplate> | null = null;

/**
 * The precompiled built-in templates (`templates/compiled.json`), validated. The per-letter path uses these
 * so it never loads MJML.
 */
export function builtInTemplates(): Record<TemplateName, CompiledTemplate> {
  if (!cache) {
    const list = z.array(CompiledTemplateSchema).parse(compiled);
    const wijkbericht = list.find((t) => t.name === 'wijkbericht');
    const dekblad = list.find((t) => t.name === 'dekblad');
    if (!wijkbericht || !dekblad) throw new Error('templates/compiled.json lacks a built-in template');
    cache = { wijkbericht, dekblad };
  }
  return cache;
}

import { ValidationError } from '../errors.js';
import { MissingMergeFieldError, UnknownMergeFieldError } from './letters.errors.js';

/**
 * A merge value: text, a list of texts (`{{#alineas}}{{.}}{{/alineas}}`) or a list of records
 * (`{{#hulplinks}}{{label}}{{/hulplinks}}`). Every leaf is HTML-escaped when merged.
 */
export type MergeValue = string | readonly string[] | readonly Readonly<Record<string, string>>[];
export type MergeFields = Readonly<Record<string, MergeValue>>;

type Token =
  | { kind: 'text'; text: string }
  | { kind: 'field'; name: string }
  | { kind: 'section'; name: string; body: Token[] };

const TAG = /\{\{\s*([#/]?)\s*([a-z][a-z0-9_]*|\.)\s*\}\}/gi;

/**
 * Bidirectional controls (embeddings, overrides, isolates) and other invisible control characters. A value
 * such as "Kerkstraat\u202E1 ,kcilk" would otherwise render reversed and mislead the reader.
 */
function isUnsafe(code: number): boolean {
  return (
    (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) ||
    code === 0x7f ||
    code === 0x61c ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
  '=': '&#61;',
};

/**
 * Every character escapeHtml changes: the HTML specials and the unsafe controls of {@link isUnsafe}. Built from
 * a string so the control characters stay readable escapes in the source.
 */
const ESCAPED_CLASS =
  '[&<>"\'`=\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]';
const NEEDS_ESCAPE = new RegExp(ESCAPED_CLASS);
const ESCAPE_ALL = new RegExp(ESCAPED_CLASS, 'g');

/**
 * Escapes a value for HTML text and quoted attributes and strips bidi overrides and control characters.
 * Every merge value goes through here: names of streets and case texts come from files and people.
 * Why regular expressions: a value without anything to escape (most of them) is returned after one native scan,
 * which matters for the long ones (a logo as a data URI is tens of kilobytes, merged into every letter).
 */
export function escapeHtml(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(ESCAPE_ALL, (char) => ESCAPES[char] ?? (isUnsafe(char.charCodeAt(0)) ? '' : char));
}

/**
 * Escaped forms of long values (logos and QR codes as data URIs), which are the same in every letter of a run:
 * escaped once instead of once per letter. Short values are escaped each time; caching them costs more.
 */
const LONG_VALUE = 512;
const escapedLong = new Map<string, string>();
const ESCAPED_LONG_LIMIT = 64;

function escapeValue(value: string): string {
  if (value.length < LONG_VALUE) return escapeHtml(value);
  let escaped = escapedLong.get(value);
  if (escaped === undefined) {
    escaped = escapeHtml(value);
    if (escapedLong.size >= ESCAPED_LONG_LIMIT) escapedLong.delete(escapedLong.keys().next().value ?? '');
    escapedLong.set(value, escaped);
  }
  return escaped;
}

function parse(template: string): Token[] {
  const root: Token[] = [];
  const stack: { name: string; body: Token[] }[] = [];
  let current = root;
  let last = 0;
  for (const match of template.matchAll(TAG)) {
    const index = match.index ?? 0;
    if (index > last) current.push({ kind: 'text', text: template.slice(last, index) });
    last = index + match[0].length;
    const sigil = match[1];
    const name = (match[2] ?? '').toLowerCase();
    if (sigil === '#') {
      const section = { kind: 'section' as const, name, body: [] as Token[] };
      current.push(section);
      stack.push(section);
      current = section.body;
    } else if (sigil === '/') {
      const open = stack.pop();
      if (!open || open.name !== name) {
        throw new ValidationError('Unbalanced section in template', {
          userMessage: `Het sjabloon sluit een blok {{/${name}}} dat niet geopend is.`,
          context: { field: name },
        });
      }
      current = stack.length > 0 ? (stack[stack.length - 1]?.body ?? root) : root;
    } else {
      current.push({ kind: 'field', name });
    }
  }
  if (stack.length > 0) {
    const open = stack[stack.length - 1]?.name ?? '';
    throw new ValidationError('Unclosed section in template', {
      userMessage: `Het sjabloon opent een blok {{#${open}}} zonder {{/${open}}}.`,
      context: { field: open },
    });
  }
  if (last < template.length) current.push({ kind: 'text', text: template.slice(last) });
  return root;
}

const cache = new Map<string, Token[]>();
const CACHE_LIMIT = 64;

function tokens(template: string): Token[] {
  let parsed = cache.get(template);
  if (!parsed) {
    parsed = parse(template);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value ?? '');
    cache.set(template, parsed);
  }
  return parsed;
}

/** The merge fields a template uses at top level and inside sections (section names included). */
export function templateFields(template: string): { fields: string[]; sections: Record<string, string[]> } {
  const fields = new Set<string>();
  const sections: Record<string, string[]> = {};
  const walk = (list: Token[], section: string | null) => {
    for (const token of list) {
      if (token.kind === 'field') {
        if (section) sections[section] = [...new Set([...(sections[section] ?? []), token.name])];
        else fields.add(token.name);
      } else if (token.kind === 'section') {
        fields.add(token.name);
        walk(token.body, token.name);
      }
    }
  };
  walk(tokens(template), null);
  return { fields: [...fields].sort(), sections };
}

/**
 * Refuses a template that uses a field outside `allowed`, naming the field.
 * Run when a template is saved or built, so a typo never reaches 700 printed letters.
 */
export function validateMergeFields(
  template: string,
  allowed: readonly string[],
  allowedInSections: Readonly<Record<string, readonly string[]>> = {},
): void {
  const { fields, sections } = templateFields(template);
  for (const field of fields) if (!allowed.includes(field)) throw new UnknownMergeFieldError(field);
  for (const [section, inner] of Object.entries(sections)) {
    const permitted = allowedInSections[section] ?? [];
    for (const field of inner)
      if (!permitted.includes(field)) throw new UnknownMergeFieldError(`${section}.${field}`);
  }
}

/**
 * Renders by string concatenation: V8 keeps the pieces as a rope and copies them once, when the whole
 * document is finally used, instead of once per letter (an array join) and again for the document.
 */
function render(
  list: Token[],
  fields: MergeFields,
  item: string | Readonly<Record<string, string>> | null,
): string {
  let out = '';
  for (const token of list) {
    if (token.kind === 'text') {
      out += token.text;
    } else if (token.kind === 'field') {
      if (item !== null) {
        const value =
          token.name === '.'
            ? typeof item === 'string'
              ? item
              : undefined
            : typeof item === 'string'
              ? undefined
              : item[token.name];
        if (value === undefined) throw new MissingMergeFieldError(token.name);
        out += escapeValue(value);
        continue;
      }
      const value = fields[token.name];
      if (typeof value !== 'string') throw new MissingMergeFieldError(token.name);
      out += escapeValue(value);
    } else {
      const value = fields[token.name];
      if (value === undefined || typeof value === 'string') throw new MissingMergeFieldError(token.name);
      for (const entry of value) out += render(token.body, fields, entry);
    }
  }
  return out;
}

/**
 * Substitutes merge fields into compiled HTML, escaping every value. This is the per-letter path: no MJML,
 * no parsing beyond a cached tokenisation, so ten thousand letters merge in well under a second.
 */
export function mergeLetter(compiled: string | { html: string }, fields: MergeFields): string {
  return render(tokens(typeof compiled === 'string' ? compiled : compiled.html), fields, null);
}

/**
 * Plain-text substitution of `{{field}}` in blueprint paragraphs (before HTML escaping happens at merge).
 * Unknown fields are refused with their name.
 */
export function expandText(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(TAG, (_whole, sigil: string, rawName: string) => {
    const name = rawName.toLowerCase();
    const value = values[name];
    if (sigil !== '' || value === undefined) throw new UnknownMergeFieldError(name);
    return value;
  });
}

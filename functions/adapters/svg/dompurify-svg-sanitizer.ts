import type { SvgSanitizer } from '../../core/settings/logo.js';

/** A `url(…)` reference to anything but a fragment of the same image (`url(#gradient)`). */
const EXTERNAL_URL = /url\s*\(\s*['"]?\s*(?!#)/i;
const HREF = new Set(['href', 'xlink:href']);

type Purify = {
  sanitize(source: string, config: Record<string, unknown>): string;
  addHook(
    name: 'uponSanitizeAttribute',
    hook: (node: unknown, data: { attrName: string; attrValue: string; keepAttr: boolean }) => void,
  ): void;
};
type Window = {
  DOMParser: new () => {
    parseFromString(
      text: string,
      type: string,
    ): {
      documentElement: { localName: string; namespaceURI: string | null };
      getElementsByTagName(name: string): { length: number };
    };
  };
};

/**
 * SVG logos through DOMPurify (the XSS sanitiser maintained by Cure53) on a jsdom window: its SVG profile
 * drops scripts, event handlers and foreignObject; on top of that every `href` other than a fragment
 * (`#id`), every `url(…)` to something other than a fragment, and `<style>` elements are removed, so the
 * image loads nothing from anywhere. The answer is checked to parse as SVG XML again. DOMPurify and jsdom
 * are loaded on first use: only the logo upload needs them.
 */
export function domPurifySvgSanitizer(): SvgSanitizer {
  let ready: Promise<{ purify: Purify; window: Window }> | undefined;
  const load = async () => {
    const [{ default: createDOMPurify }, { JSDOM }] = await Promise.all([
      import('dompurify'),
      import('jsdom'),
    ]);
    const window = new JSDOM('').window;
    const purify = createDOMPurify(window as never) as unknown as Purify;
    purify.addHook('uponSanitizeAttribute', (_node, data) => {
      const name = data.attrName.toLowerCase();
      const value = data.attrValue.trim();
      if ((HREF.has(name) && !value.startsWith('#')) || EXTERNAL_URL.test(value) || /@import/i.test(value)) {
        data.keepAttr = false;
      }
    });
    return { purify, window: window as unknown as Window };
  };
  return {
    async sanitize(svg) {
      ready ??= load();
      const { purify, window } = await ready;
      const clean = purify
        .sanitize(svg, {
          USE_PROFILES: { svg: true, svgFilters: true },
          FORBID_TAGS: ['style', 'foreignObject', 'script', 'use', 'iframe', 'object', 'embed'],
          ALLOW_DATA_ATTR: false,
        })
        .trim()
        // The HTML serialiser writes a no-break space as &nbsp;, an entity XML does not know.
        .replaceAll('&nbsp;', '&#160;');
      const xml = withNamespaces(clean);
      const parsed = new window.DOMParser().parseFromString(xml, 'image/svg+xml');
      const root = parsed.documentElement;
      if (
        root.localName !== 'svg' ||
        root.namespaceURI !== 'http://www.w3.org/2000/svg' ||
        parsed.getElementsByTagName('parsererror').length > 0
      ) {
        return '';
      }
      return xml;
    },
  };
}

/**
 * An SVG file on its own needs its namespaces declared; inside HTML it does not, so the HTML parser's
 * answer may lack them. Adds what the root tag does not declare.
 */
function withNamespaces(svg: string): string {
  const rootEnd = svg.indexOf('>');
  if (!svg.startsWith('<svg') || rootEnd < 0) return svg;
  const root = svg.slice(0, rootEnd);
  const add = [
    ...(/\sxmlns="/.test(root) ? [] : [' xmlns="http://www.w3.org/2000/svg"']),
    ...(svg.includes('xlink:') && !/\sxmlns:xlink="/.test(root)
      ? [' xmlns:xlink="http://www.w3.org/1999/xlink"']
      : []),
  ];
  return `<svg${add.join('')}${svg.slice(4)}`;
}

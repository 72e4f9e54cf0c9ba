import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { domPurifySvgSanitizer } from '../../../functions/adapters/svg/dompurify-svg-sanitizer.js';
import { acceptLogo, LOGO_MAX_BYTES } from '../../../functions/core/settings/logo.js';

const sanitizer = domPurifySvgSanitizer();
const enc = (s: string) => new TextEncoder().encode(s);
const svg = (inner: string, attrs = '') =>
  `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 40"${attrs}>${inner}</svg>`;

/** What must never survive: anything that runs, loads or points elsewhere. */
function assertInert(out: string): void {
  expect(out).not.toMatch(/<script/i);
  expect(out).not.toMatch(/\son[a-z]+\s*=/i);
  expect(out).not.toMatch(/foreignObject/i);
  expect(out).not.toMatch(/javascript:/i);
  expect(out).not.toMatch(/href\s*=\s*["']?(?!#)/i);
  expect(out).not.toMatch(/url\(\s*['"]?(?!#)/i);
  expect(out).not.toMatch(/<style/i);
  expect(out).not.toMatch(/@import/i);
  expect(out).not.toMatch(/<(iframe|embed|object|use)\b/i);
}

const HOSTILE: Record<string, string> = {
  script: svg('<script>alert(1)</script><rect width="10" height="10"/>'),
  'script in CDATA': svg('<script><![CDATA[alert(1)]]></script><rect width="10" height="10"/>'),
  onload: svg('<rect width="10" height="10"/>', ' onload="alert(1)"'),
  'handler on a child': svg('<rect width="10" height="10" onclick="alert(1)" onmouseover="x()"/>'),
  foreignObject: svg(
    '<foreignObject width="10" height="10"><body xmlns="http://www.w3.org/1999/xhtml"><iframe src="https://evil.example/"></iframe></body></foreignObject><rect width="1" height="1"/>',
  ),
  'xlink:href to http': svg(
    '<image xlink:href="http://evil.example/track.png" width="10" height="10"/><rect width="1" height="1"/>',
  ),
  'href to https': svg(
    '<image href="https://evil.example/track.png" width="10" height="10"/><rect width="1" height="1"/>',
  ),
  'javascript link': svg('<a href="javascript:alert(1)"><rect width="10" height="10"/></a>'),
  'use of another file': svg('<use href="https://evil.example/sprite.svg#x"/><rect width="1" height="1"/>'),
  'style with import': svg(
    '<style>@import url(https://evil.example/x.css); rect{fill:red}</style><rect width="1" height="1"/>',
  ),
  'url() to another site': svg(
    '<rect width="10" height="10" fill="url(https://evil.example/p.svg#g)" style="background:url(http://evil.example/x)"/>',
  ),
  'animate setting href': svg(
    '<a><animate attributeName="href" to="javascript:alert(1)"/><rect width="1" height="1"/></a>',
  ),
  'set onbegin': svg('<set attributeName="x" to="1" onbegin="alert(1)"/><rect width="1" height="1"/>'),
  'iframe and embed': svg(
    '<iframe src="https://evil.example"/><embed src="x.swf"/><rect width="1" height="1"/>',
  ),
};

describe('SVG logos: DOMPurify on jsdom', () => {
  it.each(Object.entries(HOSTILE))('cleans %s and keeps the drawing', async (_name, hostile) => {
    // Act
    const out = await sanitizer.sanitize(hostile);
    // Assess
    assertInert(out);
    expect(out).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    // HTML elements inside an SVG end the SVG for the HTML parser DOMPurify uses; what follows is dropped.
    if (!/iframe/.test(hostile)) expect(out).toMatch(/<rect /);
  });

  it('keeps an ordinary logo: shapes, text, gradients referenced by fragment, viewBox', async () => {
    const logo = svg(
      '<defs><linearGradient id="g"><stop offset="0" stop-color="#c4001a"/></linearGradient></defs><path d="M0 0h40v40H0z" fill="url(#g)"/><text x="50" y="25" font-family="Arial">Gemeente</text>',
    );
    const out = await sanitizer.sanitize(logo);
    expect(out).toContain('viewBox="0 0 100 40"');
    expect(out).toContain('fill="url(#g)"');
    expect(out).toContain('<linearGradient id="g">');
    expect(out).toContain('>Gemeente</text>');
  });

  it('answers nothing for a file that is not SVG at all, so acceptLogo refuses it', async () => {
    expect(await sanitizer.sanitize('<html><body><script>x</script></body></html>')).toBe('');
    await expect(
      acceptLogo(enc('<svg><rect width="1" height="1"/></svg>'), sanitizer),
    ).resolves.toMatchObject({
      kind: 'svg',
    });
    await expect(acceptLogo(enc('<svg><p>x</p>'), sanitizer)).rejects.toThrow();
    await expect(acceptLogo(enc('<html><svg></svg></html>'), sanitizer)).rejects.toThrow();
  });

  it('refuses an SVG within the limit whose cleaned form is over it (no-break spaces written as &#160;)', async () => {
    const text = svg(`<text>${'\u00a0'.repeat(40_000)}</text>`);
    expect(enc(text).length).toBeLessThan(LOGO_MAX_BYTES);
    await expect(acceptLogo(enc(text), sanitizer)).rejects.toMatchObject({
      userMessage: expect.stringMatching(/opgeschoonde logo is groter dan 100 kB/),
    });
  });

  it('a hostile SVG becomes a data URL of the cleaned image', async () => {
    const logo = await acceptLogo(enc(HOSTILE.onload!), sanitizer);
    const text = Buffer.from(logo.dataUrl.split(',')[1]!, 'base64').toString('utf8');
    assertInert(text);
    expect(logo.dataUrl.startsWith('data:image/svg+xml;base64,')).toBe(true);
  });

  it('property: any mix of hostile fragments inside an ordinary SVG comes out inert and parseable', async () => {
    const fragments = Object.values(HOSTILE).map((s) => s.replace(/^<svg[^>]*>|<\/svg>$/g, ''));
    const attrs = [
      ' onload="a()"',
      ' onerror="b()"',
      ' style="x:url(http://e.example/)"',
      ' xlink:href="http://e.example/"',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...fragments), { minLength: 1, maxLength: 5 }),
        fc.subarray(attrs),
        async (parts, rootAttrs) => {
          const out = await sanitizer.sanitize(svg(parts.join(''), rootAttrs.join('')));
          assertInert(out);
          expect(out.startsWith('<svg')).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });
});

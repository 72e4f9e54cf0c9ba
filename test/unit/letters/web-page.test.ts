import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { asWebPage, READ_ALOUD_SCRIPT_PATH } from '../../../functions/http/views/web-version.js';

const TEMPLATES = JSON.parse(
  readFileSync(new URL('../../../templates/compiled.json', import.meta.url), 'utf8'),
) as { name: string; html: string }[];
const TEMPLATE = TEMPLATES.find((t) => t.name === 'wijkbericht')!;

describe('the web version of a letter as a web page', () => {
  it('has one main landmark holding the letter, an h1 with its subject, and a read-aloud button from a served script', () => {
    // Prepare
    const letter = TEMPLATE.html.replaceAll('{{onderwerp}}', 'Politie pakt drugsdealers op in uw buurt');

    // Act
    const page = asWebPage(letter);

    // Assess
    expect(page.match(/<main>/g)).toHaveLength(1);
    expect(page.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(page.indexOf('<main>')).toBeGreaterThan(page.indexOf('<body'));
    expect(page.indexOf('</main>')).toBeLessThan(page.indexOf('</body>'));
    expect(page).toMatch(
      /<main><h1[^>]*>Politie pakt drugsdealers op in uw buurt<\/h1><p><button type="button" data-voorlezen hidden/,
    );
    expect(page).toContain('Deze brief online lezen of laten voorlezen: {{webversie}}');
    expect(page).toContain(`</main><script src="${READ_ALOUD_SCRIPT_PATH}" defer></script></body>`);
    expect(page).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(
      page.replace(
        /<main>|<\/main>|<h1[^>]*>[^<]*<\/h1>|<p><button[^>]*>[^<]*<\/button><\/p>|<script[^>]*><\/script>/g,
        '',
      ),
    ).toBe(letter);
  });
});

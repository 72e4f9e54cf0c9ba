import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileTemplate, cssMinifierAvailable } from '../../../functions/adapters/mjml/compile-template.js';
import { ValidationError } from '../../../functions/core/errors.js';
import { builtInTemplates } from '../../../functions/core/letters/built-in-templates.js';
import { UnknownMergeFieldError } from '../../../functions/core/letters/letters.errors.js';

const source = (name: string) =>
  readFileSync(new URL(`../../../templates/${name}.mjml`, import.meta.url), 'utf8');

describe('compileTemplate', () => {
  it('has the CSS minifier MJML silently skips when cssnano is missing', async () => {
    // Act
    const compiled = await compileTemplate('wijkbericht', source('wijkbericht'));
    // Assess
    expect(cssMinifierAvailable()).toBe(true);
    expect(compiled.html).toContain('.adresblok div{font-size:13px}');
    expect(compiled.html).not.toMatch(/\{\s+font-size/);
  });

  it('keeps every merge field, also the colour inside CSS', async () => {
    // Act
    const compiled = await compileTemplate('wijkbericht', source('wijkbericht'));
    // Assess
    for (const field of ['{{kleur}}', '{{aanhef}}', '{{#alineas}}', '{{qr}}', '{{webversie}}', '{{logo}}']) {
      expect(compiled.html).toContain(field);
    }
    expect(compiled.html).toContain('0800-7000');
    expect(compiled.html).toContain('0900-8844');
  });

  it('refuses an unknown merge field at save time, with its name', async () => {
    // Prepare
    const bad = source('wijkbericht').replace('{{datum}}', '{{naam_wijkagent}}');
    // Act
    const attempt = compileTemplate('wijkbericht', bad);
    // Assess
    await expect(attempt).rejects.toBeInstanceOf(UnknownMergeFieldError);
    await expect(attempt).rejects.toMatchObject({
      userMessage: expect.stringContaining('{{naam_wijkagent}}'),
    });
  });

  it('refuses invalid MJML with a Dutch message', async () => {
    await expect(
      compileTemplate('wijkbericht', '<mjml><mj-body><mj-kolom/></mj-body></mjml>'),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('ships compiled templates that match their MJML sources', () => {
    // Act
    const templates = builtInTemplates();
    // Assess
    for (const [name, compiled] of Object.entries(templates)) {
      const hash = createHash('sha256').update(source(name)).digest('hex');
      expect(compiled.sourceSha256, `${name}: run node --import tsx templates/build.ts`).toBe(hash);
    }
  });
});

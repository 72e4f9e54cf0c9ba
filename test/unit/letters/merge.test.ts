import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MissingMergeFieldError,
  UnknownMergeFieldError,
} from '../../../functions/core/letters/letters.errors.js';
import {
  escapeHtml,
  expandText,
  mergeLetter,
  templateFields,
  validateMergeFields,
} from '../../../functions/core/letters/merge.js';

const TEMPLATE =
  '<p title="{{aanhef}}">{{aanhef}}</p><ul>{{#alineas}}<li>{{.}}</li>{{/alineas}}</ul>' +
  '{{#hulplinks}}<a href="{{url}}">{{label}}</a>{{/hulplinks}}';

describe('mergeLetter', () => {
  it('substitutes text, lists and records', () => {
    // Act
    const html = mergeLetter(TEMPLATE, {
      aanhef: 'Aan de bewoners van Brugstraat 3a',
      alineas: ['Eerste.', 'Tweede.'],
      hulplinks: [{ label: 'Hulp', url: 'https://hulp.example.nl' }],
    });
    // Assess
    expect(html).toBe(
      '<p title="Aan de bewoners van Brugstraat 3a">Aan de bewoners van Brugstraat 3a</p>' +
        '<ul><li>Eerste.</li><li>Tweede.</li></ul><a href="https://hulp.example.nl">Hulp</a>',
    );
  });

  it('escapes hostile values in text and attributes', () => {
    // Prepare
    const hostile = '<script>alert(1)</script>" onload="alert(2)';
    // Act
    const html = mergeLetter(TEMPLATE, { aanhef: hostile, alineas: [hostile], hulplinks: [] });
    // Assess
    expect(html).not.toContain('<script>');
    expect(html).not.toMatch(/"\s*onload=/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot; onload&#61;&quot;alert(2)');
  });

  it('neutralises right-to-left overrides and isolates', () => {
    // Act
    const html = mergeLetter('{{aanhef}}', {
      aanhef: 'Kerkstraat \u202E1 tcelloc\u202C \u2067x\u2069 \u200F',
    });
    // Assess
    expect(html).toBe('Kerkstraat 1 tcelloc x ');
    expect(html).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200E\u200F]/);
  });

  it('never lets a value open a tag or break out of an attribute', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        const html = mergeLetter('<b title="{{aanhef}}"></b>', { aanhef: value });
        const inner = html.slice('<b title="'.length, -'"></b>'.length);
        expect(inner).not.toMatch(/[<>"'`]/);
        expect(escapeHtml(value)).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
      }),
    );
  });

  it('refuses to render when a field has no value', () => {
    expect(() => mergeLetter(TEMPLATE, { aanhef: 'x', alineas: [] })).toThrow(MissingMergeFieldError);
  });
});

describe('validateMergeFields', () => {
  it('lists the fields a template uses', () => {
    expect(templateFields(TEMPLATE)).toEqual({
      fields: ['aanhef', 'alineas', 'hulplinks'],
      sections: { alineas: ['.'], hulplinks: ['url', 'label'] },
    });
  });

  it('refuses an unknown field and names it in Dutch', () => {
    // Act
    const attempt = () => validateMergeFields('{{aanhef}} {{bewonersnaam}}', ['aanhef'], {});
    // Assess
    expect(attempt).toThrow(UnknownMergeFieldError);
    try {
      attempt();
    } catch (error) {
      expect((error as UnknownMergeFieldError).userMessage).toContain('{{bewonersnaam}}');
      expect((error as UnknownMergeFieldError).field).toBe('bewonersnaam');
    }
  });

  it('refuses unbalanced sections', () => {
    expect(() => validateMergeFields('{{#alineas}}x', ['alineas'])).toThrow(
      expect.objectContaining({ userMessage: expect.stringContaining('zonder') }),
    );
    expect(() => validateMergeFields('x{{/alineas}}', ['alineas'])).toThrow(
      expect.objectContaining({ userMessage: expect.stringContaining('niet geopend') }),
    );
  });
});

describe('expandText', () => {
  it('fills blueprint fields and refuses unknown ones by name', () => {
    expect(expandText('Op {{datum}} in {{ gebied }}', { datum: '12 maart 2025', gebied: 'Zuid' })).toBe(
      'Op 12 maart 2025 in Zuid',
    );
    expect(() => expandText('{{naam}}', { datum: 'x' })).toThrow(/naam/);
  });
});

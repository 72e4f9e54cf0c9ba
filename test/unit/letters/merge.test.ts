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

/** escapeHtml as a plain character loop: the definition the fast version must keep to, character for character. */
function escapeByLoop(value: string): string {
  const specials: Record<string, string> = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#39;',
    '`': '&#96;',
    '=': '&#61;',
  };
  let out = '';
  for (const char of value.split('')) {
    const code = char.charCodeAt(0);
    const unsafe =
      (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) ||
      code === 0x7f ||
      code === 0x61c ||
      code === 0x200e ||
      code === 0x200f ||
      (code >= 0x202a && code <= 0x202e) ||
      (code >= 0x2066 && code <= 0x2069);
    out += specials[char] ?? (unsafe ? '' : char);
  }
  return out;
}

describe('escapeHtml and the merge of long values', () => {
  const tricky = fc.constantFrom(
    ...'&<>"\'`=\t\n\r\u0000\u0008\u000b\u001f\u007f\u061c\u200e\u200f\u202a\u202e\u2066\u2069\u2028é😀a '.split(
      '',
    ),
  );

  it('escapes exactly as the character loop does, for any text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.array(tricky).map((a) => a.join('')),
          fc.string({ unit: fc.oneof(tricky, fc.constant('x')) }),
        ),
        (value) => {
          expect(escapeHtml(value)).toBe(escapeByLoop(value));
        },
      ),
    );
  });

  it('merges a long value the same in every letter as a short one would be, also when values alternate', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.oneof(tricky, fc.constant('Q')), minLength: 500, maxLength: 900 }), {
          minLength: 1,
          maxLength: 4,
        }),
        (logos) => {
          for (const logo of [...logos, ...logos]) {
            const html = mergeLetter('<img src="{{logo}}">{{#l}}{{.}}{{/l}}', { logo, l: [logo] });
            expect(html).toBe(`<img src="${escapeByLoop(logo)}">${escapeByLoop(logo)}`);
          }
        },
      ),
    );
  });
});

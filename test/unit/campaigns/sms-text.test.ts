import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyseSmsText,
  estimateCampaignCost,
  GSM_BASIC_CHARACTERS,
  GSM_EXTENDED_CHARACTERS,
  gsmReplacement,
  suggestGsmText,
  trackedLinkLength,
} from '../../../functions/core/campaigns/index.js';

const a = (n: number) => 'a'.repeat(n);
const e = (n: number) => 'ë'.repeat(n);

/**
 * Known segment counts, derived by hand from GSM 03.38 and 3GPP TS 23.040: a single message holds 160
 * septets (GSM-7) or 70 UTF-16 units (UCS-2); a concatenated part holds 153 / 67 because of the 6-byte
 * header; an escape pair (€, [, ], {, }, \, ^, ~, |) or a surrogate pair is never split over two parts.
 */
const TABLE: readonly [
  label: string,
  text: string,
  encoding: 'GSM-7' | 'UCS-2',
  length: number,
  segments: number,
][] = [
  ['empty', '', 'GSM-7', 0, 0],
  ['one character', 'a', 'GSM-7', 1, 1],
  ['160 basic', a(160), 'GSM-7', 160, 1],
  ['161 basic', a(161), 'GSM-7', 161, 2],
  ['153 × 2 basic', a(306), 'GSM-7', 306, 2],
  ['153 × 2 + 1 basic', a(307), 'GSM-7', 307, 3],
  ['153 × 3 basic', a(459), 'GSM-7', 459, 3],
  ['153 × 3 + 1 basic', a(460), 'GSM-7', 460, 4],
  ['accented letters of the basic table', 'é è à ù ì ò Ä Ö Ü ä ö ü ñ Ñ Ç', 'GSM-7', 29, 1],
  ['line breaks count one septet', 'a\nb\r\nc', 'GSM-7', 6, 1],
  ['80 euro signs are 160 septets', '€'.repeat(80), 'GSM-7', 160, 1],
  ['81 euro signs are 162 septets', '€'.repeat(81), 'GSM-7', 162, 2],
  ['159 basic + escape pair', `${a(159)}€`, 'GSM-7', 161, 2],
  ['158 basic + escape pair fits', `${a(158)}€`, 'GSM-7', 160, 1],
  ['escape pair not split at 153', `${a(152)}€${a(152)}`, 'GSM-7', 306, 3],
  ['escape pair just inside the first part', `${a(151)}€${a(153)}`, 'GSM-7', 306, 2],
  ['every extension character counts double', '^{}\\[~]|€', 'GSM-7', 18, 1],
  ['70 UCS-2', e(70), 'UCS-2', 70, 1],
  ['71 UCS-2', e(71), 'UCS-2', 71, 2],
  ['67 × 2 UCS-2', e(134), 'UCS-2', 134, 2],
  ['67 × 2 + 1 UCS-2', e(135), 'UCS-2', 135, 3],
  ['one ë makes 160 basic UCS-2', `${a(159)}ë`, 'UCS-2', 160, 3],
  ['emoji is two UTF-16 units', `${e(68)}😀`, 'UCS-2', 70, 1],
  ['surrogate pair not split at 67', `${e(66)}😀${e(66)}`, 'UCS-2', 134, 3],
  ['euro sign is one unit in UCS-2', `ë${'€'.repeat(69)}`, 'UCS-2', 70, 1],
];

describe('analyseSmsText: segment table', () => {
  it.each(TABLE)('%s', (_label, text, encoding, length, segments) => {
    // Prepare
    const options = { linkLength: 40 };

    // Act
    const analysis = analyseSmsText(text, options);

    // Assess
    expect(analysis.encoding).toBe(encoding);
    expect(analysis.length).toBe(length);
    expect(analysis.segments).toBe(segments);
  });

  it('has the 127 basic and 10 extension characters of GSM 03.38', () => {
    // Prepare
    const basic = new Set(GSM_BASIC_CHARACTERS);
    const extended = new Set(GSM_EXTENDED_CHARACTERS);

    // Act
    const overlap = [...extended].filter((c) => basic.has(c));

    // Assess
    expect(basic.size).toBe(127);
    expect(extended.size).toBe(10);
    expect(overlap).toEqual([]);
  });
});

describe('analyseSmsText: link expansion', () => {
  it('counts {link} as the longest possible link', () => {
    // Prepare
    const text = `${a(120)} {link}`;

    // Act
    const fits = analyseSmsText(text, { linkLength: 39 });
    const overflows = analyseSmsText(text, { linkLength: 40 });

    // Assess
    expect(fits.length).toBe(160);
    expect(fits.segments).toBe(1);
    expect(overflows.segments).toBe(2);
    expect(fits.linkPlaceholders).toBe(1);
  });

  it('measures the link of the platform origin and code', () => {
    // Prepare
    const origin = 'https://perspectief.utrecht.example.nl/';

    // Act
    const length = trackedLinkLength(origin, 8);

    // Assess
    expect(length).toBe('https://perspectief.utrecht.example.nl/r/ABCDEFGH'.length);
  });
});

describe('analyseSmsText: characters to blame', () => {
  it('lists what forces UCS-2 with a replacement for each', () => {
    // Prepare
    const text = 'Financiële hulp, naïef, “gratis” – ’t kan… ó\u00a0nu — {link}';

    // Act
    const analysis = analyseSmsText(text, { linkLength: 30 });

    // Assess
    const replacements = Object.fromEntries(analysis.nonGsmCharacters.map((c) => [c.char, c.replacement]));
    expect(replacements).toEqual({
      ë: 'e',
      ï: 'i',
      '“': '"',
      '”': '"',
      '–': '-',
      '’': "'",
      '…': '...',
      ó: 'o',
      '\u00a0': ' ',
      '—': '-',
    });
    expect(analysis.nonGsmCharacters.find((c) => c.char === '\u00a0')?.codePoint).toBe('U+00A0');
  });

  it('lists the extension characters that count double', () => {
    // Prepare
    const text = 'Kost €5 of €10 [gratis] {link}';

    // Act
    const analysis = analyseSmsText(text, { linkLength: 10 });

    // Assess
    expect(analysis.encoding).toBe('GSM-7');
    expect(analysis.extendedCharacters).toEqual([
      { char: '€', count: 2 },
      { char: '[', count: 1 },
      { char: ']', count: 1 },
    ]);
    expect(analysis.length).toBe(text.length - '{link}'.length + 10 + 4);
  });

  it('estimates the cost per message from the price per segment', () => {
    // Prepare
    const text = a(200);

    // Act
    const analysis = analyseSmsText(text, { linkLength: 0, pricePerSegment: 0.0765 });

    // Assess
    expect(analysis.segments).toBe(2);
    expect(analysis.costPerMessage).toBe(0.153);
  });
});

describe('suggestGsmText', () => {
  it('turns financiële into financiele and curly quotes into straight ones', () => {
    // Prepare
    const text = 'financiële ‘hulp’ … – “nu”';

    // Act
    const suggestion = suggestGsmText(text);

    // Assess
    expect(suggestion).toBe('financiele \'hulp\' ... - "nu"');
  });

  it('always yields a GSM-7 text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        // Act
        const analysis = analyseSmsText(suggestGsmText(text), { linkLength: 0 });

        // Assess
        expect(analysis.encoding).toBe('GSM-7');
      }),
    );
  });

  it('leaves GSM-7 texts unchanged', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...GSM_BASIC_CHARACTERS, ...GSM_EXTENDED_CHARACTERS) }),
        (text) => {
          // Act
          const suggestion = suggestGsmText(text);

          // Assess
          expect(suggestion).toBe(text);
        },
      ),
    );
  });

  it('removes characters without an equivalent, such as an emoji', () => {
    // Prepare
    const emoji = '😀';

    // Act
    const replacement = gsmReplacement(emoji);

    // Assess
    expect(replacement).toBe('');
  });
});

describe('segment arithmetic', () => {
  it('matches the closed formula for basic GSM-7 text of any length', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), (n) => {
        // Act
        const { segments } = analyseSmsText(a(n), { linkLength: 0 });

        // Assess
        expect(segments).toBe(n <= 160 ? 1 : Math.ceil(n / 153));
      }),
    );
  });

  it('wastes at most one unit per part when a pair must not be split', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', '€', 'ë', '😀', ' '), minLength: 1, maxLength: 600 }),
        (text) => {
          // Act
          const { length, segments, encoding } = analyseSmsText(text, { linkLength: 0 });

          // Assess
          const [single, multi] = encoding === 'GSM-7' ? [160, 153] : [70, 67];
          if (length <= single) {
            expect(segments).toBe(1);
          } else {
            expect(segments).toBeGreaterThanOrEqual(Math.ceil(length / multi));
            expect(segments).toBeLessThanOrEqual(Math.ceil(length / (multi - 1)));
          }
        },
      ),
    );
  });
});

describe('estimateCampaignCost', () => {
  it('spreads recipients evenly and charges the extra messages to the longest variants', () => {
    // Prepare
    const input = { segmentsPerVariant: [1, 2, 1], recipients: 10, pricePerSegment: 0.08 };

    // Act
    const estimate = estimateCampaignCost(input);

    // Assess
    expect(estimate.segments).toBe(4 * 2 + 3 * 1 + 3 * 1);
    expect(estimate.cost).toBe(1.12);
  });
});

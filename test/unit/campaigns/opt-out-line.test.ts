import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyseSmsText,
  analyseVariantText,
  OPT_OUT_LINE,
  renderSmsText,
  stopLinkLength,
  suggestGsmText,
  trackedLinkLength,
} from '../../../functions/core/campaigns/index.js';

const gsmText = fc.string({ unit: fc.constantFrom('a', 'B', ' ', '.', '€', '\n'), maxLength: 400 });

describe('the opt-out line', () => {
  it('ends every message as sent, whatever the variant says', () => {
    fc.assert(
      fc.property(gsmText, (text) => {
        // Act
        const sent = renderSmsText(`${text} {link}`, {
          link: 'https://p.nl/r/abcdefghij',
          stop: 'https://p.nl/stop',
        });

        // Assess
        expect(sent.endsWith('\nStop: https://p.nl/stop')).toBe(true);
        expect(sent).not.toContain('{');
      }),
    );
  });

  it('is counted: a variant measures its text, a line break and the line with the stop link', () => {
    fc.assert(
      fc.property(gsmText, fc.integer({ min: 13, max: 80 }), (text, linkLength) => {
        // Act
        const bare = analyseSmsText(`${text} {link}`, { linkLength });
        const asSent = analyseVariantText(`${text} {link}`, { linkLength });

        // Assess
        const line = `\n${OPT_OUT_LINE}`.length - '{stop}'.length + stopLinkLength(linkLength);
        expect(asSent.length).toBe(bare.length + line);
        expect(asSent.segments).toBeGreaterThanOrEqual(bare.segments);
      }),
    );
  });

  it('measures the stop link as the tracked link of the same origin with /stop instead of /r/<code>', () => {
    // Prepare
    const origin = 'https://perspectief.voorbeeldstad.nl';

    // Act
    const length = stopLinkLength(trackedLinkLength(origin));

    // Assess
    expect(length).toBe(`${origin}/stop`.length);
  });
});

describe('replacing characters that force UCS-2', () => {
  it('leaves no double space where an emoji stood, and keeps spacing that was typed elsewhere', () => {
    // Act
    const results = [
      'Hulp 😀 nodig? {link}',
      'Hulp 😀😀 nodig',
      '😀 Hulp',
      'Hulp 😀',
      'Twee  spaties 😀 hier',
    ].map(suggestGsmText);

    // Assess
    expect(results).toEqual(['Hulp nodig? {link}', 'Hulp nodig', 'Hulp', 'Hulp ', 'Twee  spaties hier']);
  });
});

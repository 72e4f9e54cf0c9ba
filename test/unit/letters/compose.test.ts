import { describe, expect, it } from 'vitest';
import { builtInTemplates } from '../../../functions/core/letters/built-in-templates.js';
import {
  composeLetters,
  formatDutchDate,
  webVersionFields,
} from '../../../functions/core/letters/compose.js';
import { LetterBrandingSchema } from '../../../functions/core/letters/letter.schema.js';
import { mergeLetter } from '../../../functions/core/letters/merge.js';
import { printDocument } from '../../../functions/core/letters/print-document.js';
import { anAddress, branding, caseFields, content } from './builders.js';

const addresses = [
  anAddress({ street: 'Brugstraat', houseNumber: 4 }),
  anAddress({ street: 'Brugstraat', houseNumber: 3, letter: 'a' }),
  anAddress({ street: 'Akkerweg', houseNumber: 1, postcode: '0002AB' }),
];
const webVersionUrl = (s: { street: string }) => `https://proefdorp.example.nl/w/${s.street.toLowerCase()}`;

describe('composeLetters', () => {
  it('addressed: one letter per address in walking order', () => {
    // Act
    const pages = composeLetters({
      mode: 'addressed',
      addresses,
      content,
      branding,
      caseFields,
      webVersionUrl,
    });
    // Assess
    expect(pages.map((p) => p.fields.aanhef)).toEqual([
      'Aan de bewoners van Akkerweg 1',
      'Aan de bewoners van Brugstraat 3a',
      'Aan de bewoners van Brugstraat 4',
    ]);
    expect(pages[0]?.fields.adresregel).toBe('0002 AB PROEFDORP');
    expect(pages[0]?.fields.alineas).toEqual([
      'Op 12 maart 2025 heeft de politie in de omgeving van de Oefenstraat mensen aangehouden. Er zijn drugs in beslag genomen.',
      'De gemeente Proefdorp helpt.',
    ]);
    expect(pages[1]?.fields.webversie).toBe('https://proefdorp.example.nl/w/brugstraat');
    expect(String(pages[1]?.fields.qr)).toMatch(/^data:image\/svg\+xml;base64,/);
  });

  it('unaddressed: per street a cover sheet with the house numbers, then one copy per address', () => {
    // Act
    const pages = composeLetters({
      mode: 'unaddressed',
      addresses,
      content,
      branding,
      caseFields,
      webVersionUrl,
    });
    // Assess
    expect(pages.map((p) => p.template)).toEqual([
      'dekblad',
      'wijkbericht',
      'dekblad',
      'wijkbericht',
      'wijkbericht',
    ]);
    expect(pages[2]?.fields.huisnummers).toEqual(['3a', '4']);
    expect(pages[3]?.fields.aanhef).toBe('Aan de bewoners van deze straat');
  });

  it('refuses an unknown field in a blueprint paragraph', () => {
    const bad = { ...content, paragraphs: ['Beste {{naam}},'] };
    expect(() =>
      composeLetters({ mode: 'addressed', addresses, content: bad, branding, caseFields, webVersionUrl }),
    ).toThrow(/naam/);
  });

  it('refuses a signature with a mobile number', () => {
    expect(
      LetterBrandingSchema.safeParse({ ...branding, signatureTitle: 'Bel mij: 06-12345678' }).success,
    ).toBe(false);
    expect(LetterBrandingSchema.safeParse({ ...branding, logo: 'javascript:alert(1)' }).success).toBe(false);
  });
});

describe('printDocument', () => {
  it('holds every page once with CSS page breaks and escapes hostile address data', () => {
    // Prepare
    const hostile = [anAddress({ street: '<img src=x onerror=alert(1)>', houseNumber: 1 }), ...addresses];
    const pages = composeLetters({
      mode: 'addressed',
      addresses: hostile,
      content,
      branding,
      caseFields,
      webVersionUrl,
    });
    // Act
    const html = printDocument(pages, builtInTemplates());
    // Assess
    expect(html.match(/<section class="brief">/g)).toHaveLength(4);
    expect(html).toContain('break-after:page');
    expect(html).toContain('@page{size:A4');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src&#61;x onerror&#61;alert(1)&gt;');
    expect(html).toContain('#00689e');
    expect(html).not.toContain('{{');
  });

  it('renders the web version of a street without any house number', () => {
    // Act
    const html = mergeLetter(
      builtInTemplates().wijkbericht,
      webVersionFields(
        { content, branding, caseFields, webVersionUrl },
        { street: 'Brugstraat', city: 'Proefdorp' },
      ),
    );
    // Assess
    expect(html).toContain('Aan de bewoners van deze straat');
    expect(html).toContain(formatDutchDate('2025-03-12'));
    expect(html).toContain('Meld Misdaad Anoniem');
  });
});

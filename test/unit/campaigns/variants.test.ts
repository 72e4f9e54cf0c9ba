import { describe, expect, it } from 'vitest';
import {
  assertVariantsValid,
  renderSmsText,
  type VariantIssueCode,
  validateVariants,
} from '../../../functions/core/campaigns/index.js';
import { ValidationError } from '../../../functions/core/errors.js';

const ok = (id: string, text = `Hulp nodig? Kijk op {link}`) => ({ id, label: id, text });
const LINK = { linkLength: 40 };

function codes(report: ReturnType<typeof validateVariants>): VariantIssueCode[] {
  return report.issues.map((i) => i.code);
}

describe('validateVariants', () => {
  it('accepts one to ten good variants', () => {
    // Prepare
    const one = [ok('a')];
    const ten = Array.from({ length: 10 }, (_, i) => ok(`v${i}`, `Variant ${i}: hulp via {link}`));

    // Act
    const reports = [validateVariants(one, LINK), validateVariants(ten, LINK)];

    // Assess
    expect(reports.map((r) => r.ok)).toEqual([true, true]);
    expect(reports.map(codes)).toEqual([[], []]);
  });

  it.each([
    ['no variants', [], 'too_few', 'minstens één'],
    [
      'eleven variants',
      Array.from({ length: 11 }, (_, i) => ok(`v${i}`, `Tekst ${i} {link}`)),
      'too_many',
      'hoogstens 10',
    ],
    [
      'a variant without {link}',
      [ok('a', 'Hulp nodig? Kijk op onze website.')],
      'link_missing',
      'bevat geen {link}',
    ],
    ['{link} twice', [ok('a', '{link} en nog eens {link}')], 'link_repeated', 'precies één keer'],
    ['an unknown placeholder', [ok('a', 'Hoi {naam}, kijk op {link}')], 'unknown_placeholder', '{naam}'],
    ['an empty variant', [ok('a', '   ')], 'empty', 'is leeg'],
    ['the same id twice', [ok('a'), ok('a', 'Andere tekst {link}')], 'duplicate_id', 'dezelfde code'],
    ['four segments', [ok('a', `${'a'.repeat(420)} {link}`)], 'too_many_segments', 'hoogstens 3 delen'],
    [
      'a 2,000-character variant',
      [ok('a', `${'a'.repeat(1993)} {link}`)],
      'too_long',
      'Maak de tekst korter',
    ],
  ] as const)('refuses %s', (_label, variants, code, message) => {
    // Act
    const report = validateVariants(variants, LINK);

    // Assess
    expect(report.ok).toBe(false);
    const issue = report.issues.find((i) => i.code === code);
    expect(issue?.level).toBe('error');
    expect(issue?.message).toContain(message);
  });

  it('warns, without refusing, for two segments, UCS-2 and duplicate texts', () => {
    // Prepare
    const variants = [
      ok('lang', `${'a'.repeat(200)} {link}`),
      ok('trema', 'Financiële hulp via {link}'),
      ok('kopie', `${'a'.repeat(200)} {link}`),
    ];

    // Act
    const report = validateVariants(variants, LINK);

    // Assess
    expect(report.ok).toBe(true);
    // With both links and the opt-out line, no UCS-2 text fits one 70-character part.
    expect(codes(report).sort()).toEqual([
      'duplicate_text',
      'multi_segment',
      'multi_segment',
      'multi_segment',
      'ucs2',
    ]);
    expect(report.issues.every((i) => i.level === 'warning')).toBe(true);
    expect(report.variants[1]?.analysis.nonGsmCharacters.map((c) => c.replacement)).toEqual(['e']);
  });

  it('says how long a 2,000-character variant is, in Dutch', () => {
    // Prepare
    const variants = [{ id: 'lang', label: 'Te lang', text: `${'a'.repeat(1993)} {link}` }];

    // Act
    let error: unknown;
    try {
      assertVariantsValid(variants, LINK);
    } catch (e) {
      error = e;
    }

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).userMessage).toBe(
      'Variant "Te lang" is 2073 tekens lang (met de link en de afmeldregel meegeteld) en wordt 14 sms-delen. Een bericht mag hoogstens 3 delen zijn, dat is ongeveer 459 tekens. Maak de tekst korter.',
    );
  });
});

describe('renderSmsText', () => {
  it('shows the text exactly as the phone will, with the link in place and the opt-out line under it', () => {
    // Prepare
    const text = 'Hulp bij stoppen: {link} (gratis)';

    // Act
    const preview = renderSmsText(text, {
      link: 'https://p.example.nl/r/AB$&12',
      stop: 'https://p.example.nl/stop',
    });

    // Assess
    expect(preview).toBe(
      'Hulp bij stoppen: https://p.example.nl/r/AB$&12 (gratis)\nStop: https://p.example.nl/stop',
    );
  });
});

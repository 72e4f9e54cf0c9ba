import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtInTemplates } from '../../../functions/core/letters/built-in-templates.js';
import {
  type LetterSnapshot,
  letterSnapshotFingerprint,
  letterSnapshotOf,
} from '../../../functions/core/letters/letter-snapshot.js';

const base: LetterSnapshot = letterSnapshotOf({
  content: {
    subject: 'Politieactie in uw buurt',
    paragraphs: ['Op {{datum}} is in {{gebied}} ingegrepen.', '{{zaaktekst}}'],
    helpLinks: [{ label: 'Hulp', url: 'https://hulp.example.nl/' }],
  },
  caseFields: { date: '2026-03-01', areaDescription: 'de Brugstraat', caseText: 'Drie mensen aangehouden.' },
  branding: {
    municipality: 'Utrecht',
    senderLine: 'Gemeente Utrecht',
    logo: 'https://utrecht.example.nl/logo.png',
    primaryColour: '#c4001a',
    signatureTitle: 'Team Veiligheid',
    contactLine: 'Vragen? Bel 14 030.',
  },
  templates: builtInTemplates(),
});

/** One change to one value a letter prints: every one must give another fingerprint. */
const change = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }).map((v) => (s: LetterSnapshot) => ({
    ...s,
    caseFields: { ...s.caseFields, caseText: `${s.caseFields.caseText}${v}` },
  })),
  fc.string({ minLength: 1, maxLength: 20 }).map((v) => (s: LetterSnapshot) => ({
    ...s,
    content: { ...s.content, subject: `${s.content.subject}${v}` },
  })),
  fc.string({ minLength: 1, maxLength: 20 }).map((v) => (s: LetterSnapshot) => ({
    ...s,
    content: { ...s.content, paragraphs: [...s.content.paragraphs, v] },
  })),
  fc.webUrl().map((url) => (s: LetterSnapshot) => ({
    ...s,
    content: { ...s.content, helpLinks: [{ label: 'Hulp', url: `${url}x` }] },
  })),
  fc.constantFrom('municipality', 'senderLine', 'logo', 'signatureTitle', 'contactLine').chain((field) =>
    fc.string({ minLength: 1, maxLength: 20 }).map((v) => (s: LetterSnapshot) => ({
      ...s,
      branding: { ...s.branding, [field]: `${s.branding[field]}${v}` },
    })),
  ),
  fc.constant((s: LetterSnapshot) => ({ ...s, branding: { ...s.branding, primaryColour: '#000001' } })),
  fc.constant((s: LetterSnapshot) => ({ ...s, caseFields: { ...s.caseFields, date: '2026-03-02' } })),
  fc.constant((s: LetterSnapshot) => ({
    ...s,
    caseFields: { ...s.caseFields, areaDescription: `${s.caseFields.areaDescription} en omgeving` },
  })),
  fc.constant((s: LetterSnapshot) => ({
    ...s,
    templates: s.templates.map((t, i) => (i === 0 ? { ...t, sourceSha256: 'f'.repeat(64) } : t)),
  })),
);

describe('letterSnapshotFingerprint', () => {
  it('is a full SHA-256 and the same for equal content, whatever the template order', () => {
    const fp = letterSnapshotFingerprint(base);
    expect(fp).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(letterSnapshotFingerprint({ ...base, templates: [...base.templates].reverse() })).toBe(fp);
    expect(letterSnapshotFingerprint(structuredClone(base))).toBe(fp);
  });

  it('changes with any text, link, case field, branding value or template', () => {
    fc.assert(
      fc.property(change, (apply) => {
        expect(letterSnapshotFingerprint(apply(base))).not.toBe(letterSnapshotFingerprint(base));
      }),
    );
  });
});

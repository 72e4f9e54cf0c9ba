import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  frequencyCapEntry,
  isFrequencyCapped,
  mergeFrequencyCapEntry,
} from '../../../functions/core/sending/frequency-cap.js';
import { isOptOutText, OPT_OUT_KEYWORDS } from '../../../functions/core/sending/opt-out.js';
import { redactPhoneLike } from '../../../functions/core/sending/redact.js';
import { assertSenderId, senderIdProblem } from '../../../functions/core/sending/sender-id.js';

const hash = 'ab'.repeat(32);

describe('frequency cap entry', () => {
  it('blocks for the window after a send and then expires', () => {
    // Prepare
    const sentAt = new Date('2025-01-14T11:00:00Z');
    // Act
    const entry = frequencyCapEntry(hash, 'campaign-1', sentAt, 180);
    // Assess
    expect(entry).toEqual({
      hash,
      campaignId: 'campaign-1',
      lastSentAt: '2025-01-14T11:00:00.000Z',
      expiresAt: '2025-07-13T11:00:00.000Z',
    });
    expect(isFrequencyCapped(entry, new Date('2025-07-13T10:59:59Z'))).toBe(true);
    expect(isFrequencyCapped(entry, new Date('2025-07-13T11:00:00Z'))).toBe(false);
    expect(isFrequencyCapped(undefined, sentAt)).toBe(false);
  });

  it('refuses anything but a hex hash, so a raw number can never be stored', () => {
    // Act / Assess
    expect(() => frequencyCapEntry('+31612345678', 'c', new Date(0))).toThrow();
  });

  it('keeps the later send when merging', () => {
    // Prepare
    const earlier = frequencyCapEntry(hash, 'a', new Date('2025-01-01T00:00:00Z'));
    const later = frequencyCapEntry(hash, 'b', new Date('2025-02-01T00:00:00Z'));
    // Act / Assess
    expect(mergeFrequencyCapEntry(later, earlier)).toBe(later);
    expect(mergeFrequencyCapEntry(earlier, later)).toBe(later);
    expect(mergeFrequencyCapEntry(undefined, earlier)).toBe(earlier);
  });
});

describe('isOptOutText', () => {
  it('property: any keyword in any case with padding, invisible characters and closing punctuation opts out', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...OPT_OUT_KEYWORDS),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        fc.constantFrom('', ' ', '\n', '\t ', '\u200B'),
        fc.constantFrom('', ' ', '\r\n', '.', '!', ' .'),
        (keyword, upper, before, after) => {
          // Prepare
          const mixed = [...keyword].map((ch, i) => (upper[i % 8] ? ch : ch.toLowerCase())).join('');
          // Act / Assess
          expect(isOptOutText(`${before}${mixed}${after}`)).toBe(true);
        },
      ),
    );
  });

  it('property: text whose first word is not a keyword does not opt out', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z]{1,10}$/).filter((w) => !OPT_OUT_KEYWORDS.includes(w.toUpperCase())),
        fc.string({ maxLength: 30 }),
        (word, rest) => {
          // Act / Assess
          expect(isOptOutText(`${word} ${rest}`)).toBe(false);
        },
      ),
    );
  });

  it('reads the first word only', () => {
    // Act / Assess
    expect(isOptOutText('niet stoppen')).toBe(false);
    expect(isOptOutText('Stopt u maar')).toBe(false);
    expect(isOptOutText('STOP STOP')).toBe(true);
    expect(isOptOutText('afmelden graag')).toBe(true);
    expect(isOptOutText('"Stoppen"')).toBe(true);
    expect(isOptOutText('')).toBe(false);
  });
});

describe('sender id', () => {
  it('accepts up to 11 letters and digits with at least one letter', () => {
    // Act / Assess
    expect(senderIdProblem('Utrecht')).toBeUndefined();
    expect(senderIdProblem('Gemeente030')).toBeUndefined();
    expect(senderIdProblem('GemeenteUtrecht')).toMatch(/11 tekens/);
    expect(senderIdProblem('Gem Utrecht')).toMatch(/letters en cijfers/);
    expect(senderIdProblem('12345')).toMatch(/minstens één letter/);
    expect(senderIdProblem('')).toMatch(/1 tot 11/);
    expect(() => assertSenderId('Gemeente-U')).toThrow(expect.objectContaining({ kind: 'validation' }));
  });
});

describe('redactPhoneLike', () => {
  it('removes numbers in the usual notations and keeps other text', () => {
    // Act / Assess
    expect(redactPhoneLike('Invalid parameter: PhoneNumber Reason: +31612345678 is not valid')).toBe(
      'Invalid parameter: PhoneNumber Reason: [nummer] is not valid',
    );
    expect(redactPhoneLike('06-12345678 en 06 12 34 56 78')).toBe('[nummer] en [nummer]');
    expect(redactPhoneLike('Phone carrier is currently unreachable (code 4005)')).toBe(
      'Phone carrier is currently unreachable (code 4005)',
    );
  });
});

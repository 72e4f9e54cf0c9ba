import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isPhoneHeader,
  looksLikePhone,
  splitCandidates,
} from '../../../functions/core/contacts/candidates.js';

describe('splitCandidates', () => {
  it.each([
    ['06-12345678 / 0612345679', ['06-12345678', '0612345679']],
    ['+41319280960 ::: +41792648866', ['+41319280960', '+41792648866']],
    ['mob: 06 1234 5678', ['06 1234 5678']],
    ['0612345678 ext. 12', ['0612345678']],
    ['020 555 0100 toestel 204', ['020 555 0100']],
    ['06\u00a01234\u00a05678', ['06 1234 5678']],
    ['0612345678/0612345679', ['0612345678', '0612345679']],
    ['020/1234567', ['020/1234567']],
    ['06-12345678 of 06-12345679', ['06-12345678', '06-12345679']],
    ['Phone-Mobile: +31 6 1\nUser ID-Facebook Id: 100004567890123', ['+31 6 1']],
    ['ask Jenny for the number', []],
    ['12', []],
  ])('splits %j into its numbers', (text, expected) => {
    expect(splitCandidates(text)).toEqual(expected);
  });

  it('in content mode keeps only pieces shaped like a phone number', () => {
    expect(splitCandidates('1980-01-02', 'content')).toEqual([]);
    expect(splitCandidates('3511 AB', 'content')).toEqual([]);
    expect(splitCandidates('Order 1234567', 'content')).toEqual([]);
    expect(splitCandidates('+31 6 1234 5678', 'content')).toEqual(['+31 6 1234 5678']);
  });

  it('never throws and only returns pieces with digits', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }),
        fc.constantFrom('field' as const, 'content' as const),
        (text, mode) => {
          const pieces = splitCandidates(text, mode);
          expect(pieces.every((piece) => /\d/.test(piece))).toBe(true);
        },
      ),
    );
  });
});

describe('looksLikePhone and isPhoneHeader', () => {
  it('tells phone-shaped text from dates, ids and words', () => {
    expect(looksLikePhone('(020) 555-0100')).toBe(true);
    expect(looksLikePhone('01-02-1980')).toBe(false);
    expect(looksLikePhone('356938035643809')).toBe(false);
  });

  it('recognises phone columns in the languages exports come in, not look-alikes', () => {
    for (const header of [
      'Mobiele telefoon',
      'Telefoon thuis',
      'Phone 1 - Value',
      'Mobiltelefon',
      'GSM',
      'Entries',
    ]) {
      expect(isPhoneHeader(header)).toBe(true);
    }
    for (const header of ['Phonetic First Name', 'Phone 1 - Label', 'E-mail 1 - Value', 'Name', 'IMEI']) {
      expect(isPhoneHeader(header)).toBe(false);
    }
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeQuotedPrintable } from '../../../functions/core/contacts/quoted-printable.js';
import { readVcard } from '../../../functions/core/contacts/vcard.js';

function read(text: string) {
  const result = {
    cards: 0,
    tels: [] as { value: string; line: number }[],
    problems: [] as { line: number; reason: string }[],
  };
  readVcard(text, {
    card: () => result.cards++,
    tel: (value, line) => result.tels.push({ value, line }),
    problem: (line, reason) => result.problems.push({ line, reason }),
  });
  return result;
}

describe('readVcard', () => {
  it('joins QUOTED-PRINTABLE soft line breaks, so a continuation line is never read as a property', () => {
    // Prepare
    const text = [
      'BEGIN:VCARD',
      'VERSION:2.1',
      'NOTE;ENCODING=QUOTED-PRINTABLE:bel me op=',
      'TEL:0612345678',
      'TEL;CELL:0612345679',
      'END:VCARD',
    ].join('\r\n');

    // Act
    const result = read(text);

    // Assess
    expect(result.tels).toEqual([{ value: '0612345679', line: 5 }]);
  });

  it('decodes a QUOTED-PRINTABLE TEL value with its CHARSET', () => {
    const text =
      'BEGIN:VCARD\nVERSION:2.1\nTEL;CELL;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:+31=206=20=\n1234=205678\nEND:VCARD\n';

    const result = read(text);

    expect(result.tels.map((t) => t.value)).toEqual(['+31 6 1234 5678']);
  });

  it('unfolds RFC folded lines and reads grouped, typed and URI TEL properties', () => {
    const text = [
      'BEGIN:VCARD',
      'VERSION:4.0',
      'item1.TEL;type=pref:+31 6 12',
      ' 34 56 78',
      'TEL;VALUE=uri;TYPE="cell,voice";PREF=1:tel:+32-470-12-34-56;ext=9',
      'TEL;TYPE="COMMA,SEPARATED:INSIDE.DQUOTE",PREF:1',
      'END:VCARD',
    ].join('\n');

    const result = read(text);

    expect(result.tels.map((t) => t.value)).toEqual(['+31 6 1234 56 78', '+32-470-12-34-56', '1']);
    expect(result.tels.map((t) => t.line)).toEqual([3, 5, 6]);
  });

  it('counts every card, also empty and nested ones, with CR, LF or CRLF line ends', () => {
    for (const eol of ['\r\n', '\n', '\r']) {
      const text = [
        'BEGIN:VCARD',
        'VERSION:3.0',
        'END:VCARD',
        'BEGIN:VCARD',
        'AGENT:BEGIN:VCARD',
        'END:VCARD',
      ].join(eol);

      const result = read(text);

      expect(result.cards).toBe(2);
    }
  });

  it('reports a truncated card and an END without BEGIN, and still reads the numbers', () => {
    const text = 'END:VCARD\nBEGIN:VCARD\nVERSION:3.0\nTEL:0612345678\n';

    const result = read(text);

    expect(result.tels).toHaveLength(1);
    expect(result.problems.map((p) => p.line)).toEqual([1, 2]);
    expect(result.problems.every((p) => !p.reason.includes('0612345678'))).toBe(true);
  });

  it('cuts dial pauses and waits off a number', () => {
    const result = read('BEGIN:VCARD\nTEL:0612345678p1234w9\nEND:VCARD');

    expect(result.tels[0]?.value).toBe('0612345678');
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.array(fc.constantFrom('BEGIN:VCARD', 'END:VCARD', 'TEL;ENCODING=QUOTED-PRINTABLE:=', ' x')),
        (noise, lines) => {
          expect(() => read(`${lines.join('\n')}\n${noise}`)).not.toThrow();
        },
      ),
    );
  });
});

describe('decodeQuotedPrintable', () => {
  it('decodes bytes in the given charset and leaves stray equals signs alone', () => {
    expect(decodeQuotedPrintable('=C3=89=C3=A9n', 'utf-8')).toBe('Één');
    expect(decodeQuotedPrintable('Iksi=F1ski', 'iso-8859-2')).toBe('Iksiński');
    expect(decodeQuotedPrintable('a=zz=4', 'unknown-charset')).toBe('a=zz=4');
  });
});

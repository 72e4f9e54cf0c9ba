import { describe, expect, it } from 'vitest';
import { sniffContactFile, UnreadableContactFileError } from '../../../functions/core/contacts/index.js';

const TEXT = 'Naam;Mobiel\nÉén;06 1234 5678\n';

function utf16(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const bytes = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  const view = new DataView(bytes.buffer);
  const units = (bom ? '\ufeff' : '') + text;
  for (let i = 0; i < units.length; i++) view.setUint16(i * 2, units.charCodeAt(i), littleEndian);
  return bytes;
}

function sniffText(bytes: Uint8Array): string {
  const sniffed = sniffContactFile(bytes);
  if (sniffed.kind !== 'text') throw new Error('expected text');
  return sniffed.text;
}

describe('sniffContactFile', () => {
  it('decodes UTF-8 with and without BOM, UTF-16 LE/BE with and without BOM, and Windows-1252', () => {
    const utf8 = new TextEncoder().encode(TEXT);
    const latin = Uint8Array.from(
      [...TEXT].map((c) => (c === 'É' ? 0xc9 : c === 'é' ? 0xe9 : c.charCodeAt(0))),
    );
    const inputs = [
      utf8,
      Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8]),
      utf16(TEXT, true, true),
      utf16(TEXT, false, true),
      utf16(TEXT, true, false),
      utf16(TEXT, false, false),
      latin,
    ];

    const texts = inputs.map(sniffText);

    for (const text of texts) expect(text).toBe(TEXT);
  });

  it.each([
    ['an empty file', new Uint8Array(0), /leeg/],
    [
      'a ZIP renamed .csv',
      Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0x61, 0x2e, 0x63, 0x73, 0x76]),
      /ZIP/,
    ],
    ['an old .xls', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), /\.xls/],
    ['binary garbage', Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256), /binaire/],
  ])('refuses %s with a Dutch reason', (_label, bytes, reason) => {
    let caught: unknown;
    try {
      sniffContactFile(bytes);
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(UnreadableContactFileError);
    expect((caught as UnreadableContactFileError).userMessage).toMatch(reason);
  });
});

import { describe, expect, it } from 'vitest';
import {
  assertLineLengths,
  MAX_CSV_LINE_CHARS,
  oneLineCsvError,
} from '../../../functions/core/contacts/csv.js';
import { decodeText } from '../../../functions/core/contacts/decode.js';
import { extractContactFile, Normaliser } from '../../../functions/core/contacts/index.js';

const big = 4 * MAX_CSV_LINE_CHARS + 1;
const oneLine = (length: number, cell = '0612345678,') =>
  new TextEncoder().encode(cell.repeat(Math.ceil(length / cell.length)).slice(0, length));

function textRefusal(bytes: Uint8Array): string | undefined {
  try {
    assertLineLengths(decodeText(bytes).text);
    return undefined;
  } catch (error) {
    return (error as { userMessage: string }).userMessage;
  }
}

describe('one-line CSV refused from its bytes', () => {
  it('gives the refusal the decoded text would get, for UTF-8 and UTF-16', () => {
    // Prepare
    const utf8 = oneLine(big);
    const utf16 = new Uint8Array(Buffer.from(`\uFEFF${new TextDecoder().decode(oneLine(big))}`, 'utf16le'));

    // Act
    const fromBytes = [utf8, utf16].map((b) => oneLineCsvError(b)?.userMessage);

    // Assess
    expect(fromBytes[0]).toBe(textRefusal(utf8));
    expect(fromBytes[0]).toMatch(/geen regeleinden/);
    expect(fromBytes[1]).toMatch(/geen regeleinden/);
    expect(textRefusal(utf16)).toMatch(/geen regeleinden/);
  });

  it('leaves files with a line break, and files too small to be sure, to the exact check', () => {
    // Prepare
    const withBreak = oneLine(big);
    withBreak[big - 1] = 13;
    const small = oneLine(4 * MAX_CSV_LINE_CHARS);

    // Assess
    expect(oneLineCsvError(withBreak)).toBeUndefined();
    expect(oneLineCsvError(small)).toBeUndefined();
    expect(textRefusal(small)).toMatch(/geen regeleinden/);
  });

  it('reports such a file as a CSV without records, and leaves a vCard to the vCard reader', async () => {
    // Act
    const csv = await extractContactFile(
      { name: 'Bestand 1', source: 'telefoon 1', bytes: oneLine(big) },
      new Normaliser('NL'),
    );
    const vcard = await extractContactFile(
      { name: 'Bestand 2', source: 'telefoon 1', bytes: oneLine(big, 'BEGIN:VCARD;') },
      new Normaliser('NL'),
    );

    // Assess
    expect(csv.report).toMatchObject({ format: 'csv', records: 0 });
    expect(csv.report.problems[0]?.reason).toMatch(/geen regeleinden/);
    expect(vcard.report.format).toBe('vcard');
  });
});

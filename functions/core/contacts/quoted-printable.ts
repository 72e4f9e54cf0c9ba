/**
 * Decodes a QUOTED-PRINTABLE value (soft line breaks already joined) into bytes, then into text with the
 * given charset. Lenient like the phones that write it: a stray "=" not followed by two hex digits stays.
 */
export function decodeQuotedPrintable(value: string, charset = 'utf-8'): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (
      c === 61 &&
      i + 2 < value.length + 0 &&
      isHex(value.charCodeAt(i + 1)) &&
      isHex(value.charCodeAt(i + 2))
    ) {
      bytes.push(Number.parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c < 256) {
      bytes.push(c);
    } else {
      for (const b of new TextEncoder().encode(value[i])) bytes.push(b);
    }
  }
  return decodeBytes(new Uint8Array(bytes), charset);
}

/** Decodes bytes with a charset label from the file, falling back to UTF-8 when the label is unknown. */
export function decodeBytes(bytes: Uint8Array, charset: string): string {
  try {
    return new TextDecoder(charset.trim().toLowerCase()).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

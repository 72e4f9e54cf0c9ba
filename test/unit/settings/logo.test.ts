import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  acceptLogo,
  inspectPng,
  LOGO_MAX_BYTES,
  LOGO_MAX_PIXELS,
  LogoRefusedError,
  logoBytesOf,
  type SvgSanitizer,
  svgText,
} from '../../../functions/core/settings/logo.js';
import { joinBytes, makePng, pngChunk } from '../../fixtures/png.js';

/** A sanitiser that returns what it got, to test the checks around it; the real one has its own tests. */
const passThrough: SvgSanitizer = { sanitize: async (svg) => svg };
const enc = (s: string) => new TextEncoder().encode(s);

describe('PNG logo check', () => {
  it('reads the dimensions of a real PNG', () => {
    // Prepare
    const png = makePng(120, 40);
    // Act
    const info = inspectPng(png);
    // Assess
    expect(info).toEqual({ width: 120, height: 40 });
  });

  it('property: every well-formed PNG within the bounds is accepted with its own size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 64 }), (w, h) => {
        expect(inspectPng(makePng(w, h))).toEqual({ width: w, height: h });
      }),
      { numRuns: 40 },
    );
  });

  it('property: any single flipped byte in a PNG is refused or still reads as the same image', () => {
    const png = makePng(8, 4);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: png.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        (at, xor) => {
          const bad = png.slice();
          bad[at] = (bad[at] as number) ^ xor;
          // Every byte is covered by the signature, a length, a CRC or CRC-protected data: a flip never passes.
          expect(() => inspectPng(bad)).toThrow(LogoRefusedError);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a wrong signature', () => {
    const png = makePng(4, 4);
    png[1] = 0x51;
    expect(() => inspectPng(png)).toThrow(/signature/);
  });

  it('refuses a PNG whose IHDR declares more than the allowed pixels, naming the limit in Dutch', () => {
    const png = makePng(4, 4, { ihdr: { width: LOGO_MAX_PIXELS + 1, height: 4 } });
    const error = catchError(() => inspectPng(png));
    expect(error).toBeInstanceOf(LogoRefusedError);
    expect((error as LogoRefusedError).userMessage).toContain(`${LOGO_MAX_PIXELS} × ${LOGO_MAX_PIXELS}`);
  });

  it('refuses a polyglot: a valid PNG with HTML or an archive after IEND', () => {
    const html = joinBytes(makePng(4, 4), enc('<html><script>alert(1)</script></html>'));
    const zip = joinBytes(makePng(4, 4), Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]));
    for (const file of [html, zip]) {
      const error = catchError(() => inspectPng(file));
      expect((error as LogoRefusedError).userMessage).toMatch(/Na het einde van deze PNG/);
    }
  });

  it('refuses a truncated PNG and one whose first chunk is not IHDR', () => {
    const png = makePng(4, 4);
    expect(() => inspectPng(png.subarray(0, png.length - 6))).toThrow(LogoRefusedError);
    const noHeader = joinBytes(png.subarray(0, 8), pngChunk('tEXt', enc('a\0b')), png.subarray(8));
    expect(() => inspectPng(noHeader)).toThrow(/IHDR/);
  });
});

describe('acceptLogo', () => {
  it('turns a PNG into a data URL that decodes to the same bytes', async () => {
    const png = makePng(30, 10);
    const logo = await acceptLogo(png, passThrough);
    expect(logo).toMatchObject({ kind: 'png', width: 30, height: 10, bytes: png.length });
    expect(logo.dataUrl.startsWith('data:image/png;base64,')).toBe(true);
    expect(Buffer.from(logo.dataUrl.split(',')[1]!, 'base64').equals(Buffer.from(png))).toBe(true);
    expect(logoBytesOf(logo.dataUrl)).toEqual(png);
  });

  it('property: logoBytesOf reverses the data URL of any PNG-signed bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), (bytes) => {
        const url = `data:image/png;base64,${Buffer.from(bytes).toString('base64')}`;
        expect(logoBytesOf(url)).toEqual(bytes);
      }),
    );
  });

  it('refuses a file over the limit before looking at it, stating the limit in kB', async () => {
    const big = joinBytes(makePng(4, 4), new Uint8Array(LOGO_MAX_BYTES));
    const error = await acceptLogo(big, passThrough).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LogoRefusedError);
    expect((error as LogoRefusedError).userMessage).toContain(`hoogstens ${LOGO_MAX_BYTES / 1024} kB`);
  });

  it('refuses an empty file and a file that is neither PNG nor SVG', async () => {
    await expect(acceptLogo(new Uint8Array(), passThrough)).rejects.toThrow(LogoRefusedError);
    await expect(acceptLogo(enc('GIF89a....'), passThrough)).rejects.toThrow(LogoRefusedError);
    await expect(acceptLogo(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]), passThrough)).rejects.toThrow(
      LogoRefusedError,
    );
  });

  it('refuses an SVG with a DOCTYPE or entities, and one that is not UTF-8', () => {
    expect(() =>
      svgText(enc('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>')),
    ).toThrow(/DOCTYPE/);
    expect(() => svgText(Uint8Array.from([0x3c, 0x73, 0x76, 0x67, 0x20, 0xff, 0x3e]))).toThrow(/UTF-8/);
  });

  it('refuses an SVG the sanitiser emptied', async () => {
    const emptying: SvgSanitizer = { sanitize: async () => '' };
    await expect(acceptLogo(enc('<svg xmlns="http://www.w3.org/2000/svg"/>'), emptying)).rejects.toThrow(
      LogoRefusedError,
    );
  });

  it('refuses a PNG-looking file that is really an SVG or HTML (signature then markup)', async () => {
    const polyglot = joinBytes(
      Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      enc('<svg onload="x()"/>'),
    );
    await expect(acceptLogo(polyglot, passThrough)).rejects.toThrow(LogoRefusedError);
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

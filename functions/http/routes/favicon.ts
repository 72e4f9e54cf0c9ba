import type { Hono } from 'hono';
import { route } from '../access.js';
import type { AppEnv } from '../env.js';

/**
 * A 16×16 icon built at start-up (a white "P" on the platform red), so browsers asking for `/favicon.ico`
 * get an icon instead of a 404 in every log, without a binary file in the bundle.
 */
export function faviconIco(): Uint8Array {
  const size = 16;
  const glyph = [
    '................',
    '................',
    '...#######......',
    '...##.....##....',
    '...##......##...',
    '...##......##...',
    '...##.....##....',
    '...#######......',
    '...##...........',
    '...##...........',
    '...##...........',
    '...##...........',
    '...##...........',
    '...##...........',
    '................',
    '................',
  ];
  const pixels = size * size * 4;
  const mask = size * 4; // 1-bit AND mask, rows padded to 32 bits
  const bmp = 40 + pixels + mask;
  const out = new Uint8Array(6 + 16 + bmp);
  const view = new DataView(out.buffer);
  view.setUint16(2, 1, true); // type: icon
  view.setUint16(4, 1, true); // one image
  out[6] = size;
  out[7] = size;
  view.setUint16(10, 1, true); // planes
  view.setUint16(12, 32, true); // bits per pixel
  view.setUint32(14, bmp, true);
  view.setUint32(18, 22, true); // offset of the image
  const h = 22;
  view.setUint32(h, 40, true);
  view.setInt32(h + 4, size, true);
  view.setInt32(h + 8, size * 2, true); // colour and mask stacked
  view.setUint16(h + 12, 1, true);
  view.setUint16(h + 14, 32, true);
  view.setUint32(h + 20, pixels + mask, true);
  for (let y = 0; y < size; y++) {
    const row = glyph[size - 1 - y]!; // bottom-up
    for (let x = 0; x < size; x++) {
      const at = h + 40 + (y * size + x) * 4;
      const on = row[x] === '#';
      out.set(on ? [255, 255, 255, 255] : [0x1a, 0x00, 0xc4, 255], at); // BGRA
    }
  }
  return out;
}

const ICON = faviconIco();

export function faviconRoutes(app: Hono<AppEnv>): void {
  route(app, 'get', '/favicon.ico', 'public', (c) =>
    c.body(ICON.slice().buffer as ArrayBuffer, 200, {
      'content-type': 'image/x-icon',
      'cache-control': 'public, max-age=86400',
    }),
  );
}

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAddressSet } from '../../../functions/adapters/bag-file/address-store.js';
import { addressesCommand } from '../../../functions/cli/commands/addresses.js';
import { bagCommand } from '../../../functions/cli/commands/bag.js';
import type { CliIo } from '../../../functions/cli/io.js';
import { StreetSelectionSchema } from '../../../functions/core/letters/selection.js';

function capture(interactive = false) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), interactive };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

const sample = new URL('../../fixtures/letters/bagadres-sample.csv', import.meta.url).pathname;
const broken = new URL('../../fixtures/letters/broken.csv', import.meta.url).pathname;

describe('perspectief addresses around', () => {
  it('prints exactly the documented JSON object', async () => {
    // Prepare
    const cli = capture();
    // Act
    const code = await addressesCommand(
      ['around', '--bag', sample, '--point', '52.155174,5.387206', '--radius', '25', '--json'],
      cli.io,
    );
    // Assess
    expect(code).toBe(0);
    const lines = cli.out().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const parsed = JSON.parse(lines[0] ?? '');
    expect(Object.keys(parsed)).toEqual(['radius_m', 'points', 'streets', 'within_radius', 'on_streets']);
    expect(StreetSelectionSchema.parse(parsed)).toEqual({
      radius_m: 25,
      points: [[52.155174, 5.387206]],
      streets: [{ street: 'Oefenstraat', city: 'Proefdorp', within_radius: 4, on_street: 4 }],
      within_radius: 4,
      on_streets: 4,
    });
  });

  it('applies --residential-only (mixed use counts, offices and shops do not)', async () => {
    const cli = capture();
    await addressesCommand(
      [
        'around',
        '--bag',
        sample,
        '--point',
        '52.155174,5.387206',
        '--radius',
        '200',
        '--residential-only',
        '--json',
      ],
      cli.io,
    );
    const parsed = StreetSelectionSchema.parse(JSON.parse(cli.out()));
    expect(parsed.streets.map((s) => [s.street, s.within_radius])).toEqual([
      ['Oefenstraat', 2],
      ['Proefkade', 1],
    ]);
  });

  it.each([
    [['--point', '48.85,2.35', '--radius', '150'], 'niet in Nederland'],
    [['--point', '52.155,5.387', '--radius', '0'], 'groter zijn dan 0'],
    [['--point', '52.155,5.387', '--radius', '5000'], 'hoogstens 1000 meter'],
  ])('refuses bad input %j with exit code 1', async (args, message) => {
    const cli = capture();
    const code = await addressesCommand(['around', '--bag', sample, ...args], cli.io);
    expect(code).toBe(1);
    expect(cli.err()).toContain(message);
  });

  it('reports broken rows on stderr and still answers', async () => {
    const cli = capture();
    const code = await addressesCommand(
      ['around', '--bag', broken, '--point', '52.1552,5.3875', '--radius', '100', '--json'],
      cli.io,
    );
    expect(code).toBe(0);
    expect(cli.err()).toContain('8 rij(en) overgeslagen');
    expect(StreetSelectionSchema.parse(JSON.parse(cli.out())).within_radius).toBe(2);
  });

  it('explains its usage on a malformed point', async () => {
    const cli = capture();
    expect(
      await addressesCommand(['around', '--bag', sample, '--point', 'utrecht', '--radius', '150'], cli.io),
    ).toBe(2);
    expect(cli.err()).toContain('LAT,LON');
  });
});

describe('perspectief bag import', () => {
  it('replaces the stored set and draws a progress bar only when interactive', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'bag-'));
    const quiet = capture(false);
    const loud = capture(true);
    // Act
    expect(await bagCommand(['demo', '--data-dir', dir], quiet.io)).toBe(0);
    const demoCount = (await loadAddressSet(dir))?.addresses.length;
    expect(await bagCommand(['import', sample, '--data-dir', dir], loud.io)).toBe(0);
    // Assess
    expect(demoCount).toBeGreaterThan(300);
    expect((await loadAddressSet(dir))?.meta).toMatchObject({ source: 'bagadres-sample.csv', count: 5 });
    expect(loud.err()).toContain('100%');
    expect(quiet.err()).not.toContain('%');
  });

  it('keeps the previous set when a file has no valid address', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'bag-'));
    const bad = join(dir, 'leeg.csv');
    writeFileSync(bad, 'straat;huisnummer;woonplaats;lat;lon\n;;;;\n');
    await bagCommand(['import', sample, '--data-dir', dir], capture().io);
    const cli = capture();
    // Act
    const code = await bagCommand(['import', bad, '--data-dir', dir], cli.io);
    // Assess
    expect(code).toBe(1);
    expect(cli.err()).toContain('bestaande adressen blijven staan');
    expect((await loadAddressSet(dir))?.meta.count).toBe(5);
  });
});

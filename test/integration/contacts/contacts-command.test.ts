import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contactsCommand } from '../../../functions/cli/commands/contacts.js';
import type { CliIo } from '../../../functions/cli/io.js';

function capture(interactive = false) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), interactive };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/contacts/${name}`, import.meta.url));

describe('perspectief contacts check', () => {
  it('--json prints exactly one JSON object with the funnel the issue defines', async () => {
    // Prepare
    const cli = capture();

    // Act
    const code = await contactsCommand(
      ['check', fixture('iphone-30-and-40.vcf'), fixture('forensic-report.csv'), '--json'],
      cli.io,
    );

    // Assess
    expect(code).toBe(0);
    const lines = cli.stdout().trim().split('\n');
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0]!);
    expect(Object.keys(json)).toEqual([
      'files',
      'numbers_found',
      'valid',
      'unique',
      'sendable',
      'by_type',
      'excluded',
      'fingerprint',
    ]);
    expect(json.files[0]).toEqual({
      file: 'iphone-30-and-40.vcf',
      format: 'vcard',
      records: 3,
      numbers: 8,
      problems: expect.any(Array),
    });
    expect(json.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(cli.stdout()).not.toMatch(/\+31\d{9}/);
  });

  it('--allow-countries and --region change what is sendable; --out writes the sorted E.164 list', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'contacts-'));
    const list = join(dir, 'lijst.csv');
    writeFileSync(list, 'Mobiel\n0470 12 34 56\n06 1234 5678\n+31 6 1234 5677\n');
    const out = join(dir, 'ontvangers.csv');
    const cli = capture();

    const code = await contactsCommand(
      ['check', list, '--region', 'BE', '--allow-countries', 'NL,BE', '--json', '--out', out],
      cli.io,
    );

    expect(code).toBe(0);
    expect(JSON.parse(cli.stdout()).sendable).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('+31612345677\n+32470123456\n');
  });

  it('prints a readable Dutch report without full numbers', async () => {
    const cli = capture();

    await contactsCommand(['check', fixture('google-contacts.csv'), '--allow-countries', 'ALL'], cli.io);

    expect(cli.stdout()).toMatch(/Trechter/);
    expect(cli.stdout()).toMatch(/verstuurbaar\s+3/);
    expect(cli.stdout()).toMatch(/•••• /);
    expect(cli.stdout().replace(/sha256:[0-9a-f]+/, '')).not.toMatch(/\d{7}/);
  });

  it('exits 0 when some file could be read, 1 when none could, 2 on wrong usage', async () => {
    const missing = join(tmpdir(), 'bestaat-niet.vcf');

    const partly = await contactsCommand(
      ['check', missing, fixture('headerless-list.csv'), '--json'],
      capture().io,
    );
    const none = await contactsCommand(['check', missing], capture().io);
    const usage = await Promise.all([
      contactsCommand([], capture().io),
      contactsCommand(['check'], capture().io),
      contactsCommand(['check', 'x', '--region', 'XX'], capture().io),
      contactsCommand(['check', 'x', '--allow-countries', 'NL,Nederland'], capture().io),
      contactsCommand(['check', 'x', '--onbekend'], capture().io),
    ]);

    expect([partly, none, ...usage]).toEqual([0, 1, 2, 2, 2, 2, 2]);
  });

  it('draws a progress bar on a terminal for large inputs and reads them on worker threads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'contacts-'));
    const rows = Array.from({ length: 160_000 }, (_, i) => `06${String(10_000_000 + i)};naam ${i}`).join(
      '\n',
    );
    const files = [join(dir, 'a.csv'), join(dir, 'b.csv')];
    for (const file of files) writeFileSync(file, `Mobiel;Naam\n${rows}\n`);
    const cli = capture(true);

    const code = await contactsCommand(['check', ...files], cli.io);

    expect(code).toBe(0);
    expect(cli.stderr()).toMatch(/100%/);
    expect(cli.stdout()).toMatch(/uniek\s+160\.000/);
  });
});

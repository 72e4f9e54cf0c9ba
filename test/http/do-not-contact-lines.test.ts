import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mobile } from '../fixtures/sms-builders.js';
import { Client, type Harness, startHarness } from './harness.js';

const mainOf = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

describe('the do-not-contact list says how many pasted lines held no number', () => {
  let h: Harness;
  let admin: Client;
  beforeAll(async () => {
    h = await startHarness();
    admin = new Client(h.app);
    await admin.login('admin');
  });
  afterAll(async () => h.close());

  it.each([1, 3, 14])('refuses %i lines of text without a number and names their count', async (lines) => {
    const text = Array.from({ length: lines }, (_, i) => `foo ${'x'.repeat(i)}`).join('\n');
    const before = await h.deps.hashLists.hashes('do_not_contact', h.deps.clock.now());

    const res = await admin.post('/beheer/niet-benaderen', { nummers: text });
    const html = mainOf(await res.text());

    expect(res.status).toBe(422);
    expect(html).toMatch(new RegExp(`id="add-tekst-fout">[\\s\\S]*Regels zonder nummer: ${lines}\\.`));
    expect((await h.deps.hashLists.hashes('do_not_contact', h.deps.clock.now())).size).toBe(before.size);
  });

  it('adds the numbers of a mixed paste and counts the lines it skipped', async () => {
    const res = await admin.post('/beheer/niet-benaderen', {
      nummers: `foo\n${mobile(71)}\nbar\n\n${mobile(72)}\nbaz`,
    });
    const html = mainOf(await res.text());

    expect(res.status).toBe(200);
    expect(html).toContain('2 nummers toegevoegd.');
    expect(html).toMatch(/Overgeslagen:[\s\S]*Regels zonder nummer:\s*3\./);
  });
});

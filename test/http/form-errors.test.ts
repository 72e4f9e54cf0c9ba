import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mobile, vcardOf } from '../fixtures/sms-builders.js';
import { Client, type Harness, startHarness } from './harness.js';
import { createCampaignVia, createCaseVia, settingsForm, uploadVia } from './sms-support.js';

/** Everything inside the page's main landmark, and the position of a fragment in it. */
const mainOf = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

describe('form errors where the eye is', () => {
  let h: Harness;
  let adviser: Client;
  let admin: Client;
  beforeAll(async () => {
    h = await startHarness();
    adviser = new Client(h.app);
    await adviser.login('adviser');
    admin = new Client(h.app);
    await admin.login('admin');
  });
  afterAll(async () => {
    await h.close();
  });

  it('submitting without a sending period: a summary at the top links to the period, which says why', async () => {
    // Prepare
    const campaignId = await createCampaignVia(adviser, await createCaseVia(adviser));
    await uploadVia(adviser, campaignId, 'telefoon 1', [{ name: 'a.vcf', content: vcardOf([mobile(31)]) }]);

    // Act
    const res = await adviser.post(`/campagnes/${campaignId}/indienen`);
    const main = mainOf(await res.text());

    // Assess
    expect(res.status).toBe(422);
    const summary = main.indexOf('class="error-summary"');
    expect(summary).toBeGreaterThanOrEqual(0);
    expect(summary).toBeLessThan(main.indexOf('<h1'));
    expect(main).toContain(
      '<a class="utrecht-link" href="#c-van">Kies de periode waarin verstuurd mag worden.</a>',
    );
    expect(main).toMatch(
      /<p class="[^"]*field-error" id="c-van-fout">.*Kies de periode waarin verstuurd mag worden\.<\/p>/,
    );
    expect(main).toMatch(/id="c-van"[^>]*aria-invalid="true"[^>]*aria-describedby="c-van-fout"/);
    expect(main).toContain('(verplicht om in te dienen)');
    expect((await h.deps.campaigns.get(campaignId))!.status).toBe('draft');
  });

  it('a refused help link keeps what was typed, with the error beside the field', async () => {
    // Prepare
    const campaignId = await createCampaignVia(adviser, await createCaseVia(adviser, 'Link'));
    const typed = settingsForm({
      helpLink: 'https://kwaadaardig.example.com/hulp',
      name: 'Mijn getypte naam',
    });

    // Act
    const res = await adviser.post(`/campagnes/${campaignId}/instellingen`, typed);
    const main = mainOf(await res.text());

    // Assess
    expect(res.status).toBe(422);
    expect(main).toContain('href="#c-link"');
    expect(main).toMatch(/id="c-link-fout">.*buiten de toegestane domeinen/);
    expect(main).toMatch(/id="c-link"[^>]*value="https:\/\/kwaadaardig\.example\.com\/hulp"/);
    expect(main).toMatch(/id="c-naam"[^>]*value="Mijn getypte naam"/);
    expect(main).toMatch(/id="c-link"[^>]*aria-invalid="true"/);
    expect((await h.deps.campaigns.get(campaignId))!.name).not.toBe('Mijn getypte naam');
  });

  it('the do-not-contact list refuses text without a number, and says which lines it skipped', async () => {
    // Act
    const foo = await admin.post('/beheer/niet-benaderen', { nummers: 'foo' });
    const fooHtml = mainOf(await foo.text());
    const mixed = await admin.post('/beheer/niet-benaderen', { nummers: `foo\n${mobile(41)}\n\n06123` });
    const mixedHtml = mainOf(await mixed.text());

    // Assess
    expect(foo.status).toBe(422);
    expect(fooHtml).toContain('href="#add-tekst"');
    expect(fooHtml).toContain('Er is niets veranderd: in regel 1 staat geen geldig telefoonnummer.');
    expect(fooHtml).toMatch(/id="add-tekst"[^>]*aria-invalid="true"[^>]*>foo<\/textarea>/);
    expect(mixed.status).toBe(200);
    expect(mixedHtml).toContain('1 nummer toegevoegd.');
    expect(mixedHtml).toContain('Overgeslagen: in de regels 1 en 4 staat geen geldig telefoonnummer.');
    expect(mixedHtml).not.toContain('06123');
  });
});

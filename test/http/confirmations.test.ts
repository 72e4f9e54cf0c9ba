import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedApprovedCampaign, sendingMobile } from '../fixtures/sending-builders.js';
import { mobile, vcardOf } from '../fixtures/sms-builders.js';
import { Client, type Harness, startHarness } from './harness.js';
import { createCampaignVia, createCaseVia, uploadVia } from './sms-support.js';

const ALL_DAY = { start: '00:00', end: '24:00', days: [1, 2, 3, 4, 5, 6, 7], timeZone: 'Europe/Amsterdam' };
const mainOf = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

describe('confirmation before harm', () => {
  let h: Harness;
  let adviser: Client;
  beforeAll(async () => {
    h = await startHarness();
    adviser = new Client(h.app);
    await adviser.login('adviser');
  });
  afterAll(async () => {
    await h.close();
  });

  it('cancelling asks first, requires a reason, and puts that reason in the audit trail', async () => {
    // Prepare
    const campaign = await seedApprovedCampaign(h.deps, {
      recipients: 3,
      now: new Date(h.deps.clock.now().getTime() - 60_000),
      quietHours: ALL_DAY,
      numberOf: (n) => sendingMobile(900 + n),
    });
    const path = `/campagnes/${campaign.id}/verzending/annuleren`;

    // Act
    const dashboard = mainOf(await (await adviser.get(`/campagnes/${campaign.id}/verzending`)).text());
    const asked = await adviser.get(path);
    const askedHtml = mainOf(await asked.text());
    const statusAfterAsking = (await h.deps.campaigns.get(campaign.id))?.status;
    const withoutReason = await adviser.post(path, { bevestig: 'ja', reden: '  ' });
    const withoutReasonHtml = mainOf(await withoutReason.text());
    const statusWithoutReason = (await h.deps.campaigns.get(campaign.id))?.status;
    const done = await adviser.post(path, { bevestig: 'ja', reden: 'Actie afgeblazen door de driehoek' });
    const events = await h.deps.audit.list({
      months: [h.deps.clock.now().toISOString().slice(0, 7)],
      action: 'campaign.cancelled',
    });

    // Assess
    expect(dashboard).toContain(`href="${path}">Annuleren…</a>`);
    expect(dashboard).not.toContain(`action="${path}"`);
    expect(asked.status).toBe(200);
    expect(askedHtml).toContain('annuleren?</h1>');
    expect(askedHtml).toContain('kan niet ongedaan worden gemaakt');
    expect(askedHtml).toMatch(/<textarea[^>]*id="reden"[^>]*aria-required="true"/);
    expect(askedHtml).toContain(
      `href="/campagnes/${campaign.id}/verzending">Nee, terug naar de verzending</a>`,
    );
    expect(statusAfterAsking).toBe('scheduled');
    expect(withoutReason.status).toBe(422);
    expect(withoutReasonHtml).toContain('<a class="utrecht-link" href="#reden">Vul de reden in');
    expect(statusWithoutReason).toBe('scheduled');
    expect(done.status).toBe(303);
    expect((await h.deps.campaigns.get(campaign.id))?.status).toBe('cancelled');
    const event = events.find((e) => e.subjectId === campaign.id);
    expect(event?.details.reason).toBe('Actie afgeblazen door de driehoek');
  });

  it('deleting an upload asks first and changes nothing until confirmed', async () => {
    // Prepare
    const campaignId = await createCampaignVia(adviser, await createCaseVia(adviser, 'Upload weg'));
    await uploadVia(adviser, campaignId, 'telefoon 1', [
      { name: 'eerste.vcf', content: vcardOf([mobile(51), mobile(52)]) },
    ]);
    const [upload] = await h.deps.contactUploads.list(campaignId);
    const path = `/campagnes/${campaignId}/uploads/${upload!.id}/verwijderen`;

    // Act
    const campaignPage = mainOf(await (await adviser.get(`/campagnes/${campaignId}`)).text());
    const asked = await adviser.get(path);
    const askedHtml = mainOf(await asked.text());
    const afterAsking = await h.deps.contactUploads.list(campaignId);
    const confirmed = await adviser.post(path, { bevestig: 'ja' });

    // Assess
    expect(campaignPage).toContain(`href="${path}"`);
    expect(campaignPage).not.toContain(`action="${path}"`);
    expect(asked.status).toBe(200);
    expect(askedHtml).toContain('Upload „Bestand 1 (vCard)” verwijderen?');
    expect(askedHtml).toContain('De 2 nummers uit dit bestand (telefoon 1)');
    expect(askedHtml).toContain(`action="${path}"`);
    expect(afterAsking).toHaveLength(1);
    expect(confirmed.status).toBe(303);
    expect(await h.deps.contactUploads.list(campaignId)).toHaveLength(0);
  });
});

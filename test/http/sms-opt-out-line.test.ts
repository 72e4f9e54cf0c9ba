import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, type Harness, startHarness } from './harness.js';
import { createCampaignVia, createCaseVia, variantsForm } from './sms-support.js';

describe('the opt-out line every SMS carries', () => {
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

  const bubbles = (html: string) =>
    [...html.matchAll(/<p class="phone-preview__bubble">([^<]*)<\/p>/g)].map((m) => m[1]!);

  it('is shown under every variant in the editor preview, with the stop page of this platform', async () => {
    // Prepare
    const campaignId = await createCampaignVia(adviser, await createCaseVia(adviser));

    // Act
    const html = await (await adviser.get(`/campagnes/${campaignId}`)).text();

    // Assess
    const previews = bubbles(html);
    expect(previews.length).toBe(6);
    for (const preview of previews) expect(preview).toMatch(/\nStop: http:\/\/localhost\/stop$/);
    expect(html).toContain('Stop: {stop}');
  });

  it('counts in the segments: a text that just fits one part alone needs two with the line', async () => {
    // Prepare
    const campaignId = await createCampaignVia(adviser, await createCaseVia(adviser, 'Lengte'));
    // 160 septets with a 40-character link and no opt-out line; the line adds 7 + 32.
    const text = `${'a'.repeat(119)} {link}`;

    // Act
    const res = await adviser.request(`/campagnes/${campaignId}/varianten/analyse`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'x-csrf-token': adviser.csrf,
      },
      body: JSON.stringify({ variants: [{ id: 'v1', label: '', text }] }),
    });
    const saved = await adviser.post(`/campagnes/${campaignId}/varianten`, variantsForm([text]));
    const page = await (await adviser.get(`/campagnes/${campaignId}`)).text();

    // Assess
    expect(res.status).toBe(200);
    const body = (await res.json()) as { variants: { html: string }[] };
    expect(body.variants[0]?.html).toContain('2 sms-delen');
    expect(body.variants[0]?.html).toContain('199 tekens met de link en de afmeldregel meegeteld');
    expect(saved.status).toBe(303);
    expect(bubbles(page)[0]).toBe(
      `${'a'.repeat(119)} http://localhost/r/v000000001\nStop: http://localhost/stop`,
    );
  });
});

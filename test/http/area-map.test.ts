import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CITY } from '../../functions/adapters/bag-file/demo-neighbourhood.js';
import type { Acting } from '../../functions/app/audit.js';
import { createCampaignFromBlueprint } from '../../functions/app/campaigns.js';
import { createCase } from '../../functions/app/cases.js';
import { SUGGESTIONS_PER_MINUTE, suggestAddresses } from '../../functions/app/letter-areas.js';
import { RateLimitedError } from '../../functions/core/errors.js';
import { manualClock } from '../fixtures/builders.js';
import { Client, type Harness, startHarness, usernameFor } from './harness.js';

/** Every source of every directive that names a host (not a keyword like 'self', not a scheme like data:). */
function cspHosts(header: string): Map<string, string[]> {
  const hosts = new Map<string, string[]>();
  for (const directive of header.split(';')) {
    const [name, ...sources] = directive.trim().split(/\s+/);
    if (!name) continue;
    const named = sources.filter((s) => !s.startsWith("'") && !/^[a-z]+:$/.test(s));
    if (named.length > 0) hosts.set(name, named);
  }
  return hosts;
}

describe('the area map over HTTP', () => {
  let t: Harness;
  let manager: Client;
  let campaignId: string;
  beforeAll(async () => {
    t = await startHarness();
    manager = new Client(t.app);
    expect((await manager.login(usernameFor('area_manager'))).status).toBe(303);
    const user = (await t.deps.users.list()).find((u) => u.username === usernameFor('area_manager'))!;
    const acting: Acting = {
      actor: { userId: user.id, username: user.username, roles: user.roles },
      role: 'area_manager',
    };
    const adviser = (await t.deps.users.list()).find((u) => u.username === usernameFor('adviser'))!;
    const kase = await createCase(t.deps, acting, {
      name: 'Kaart',
      actionDate: '2026-03-01',
      municipality: 'Teststad',
      areaDescription: 'rond de Proefstraat',
      responsibleUserId: adviser.id,
    });
    const campaign = await createCampaignFromBlueprint(t.deps, acting, {
      caseId: kase.id,
      blueprintId: 'wijkbericht-na-arrestaties',
      name: 'Wijkbericht kaart',
    });
    campaignId = campaign.id;
  });
  afterAll(async () => t.close());

  it('admits PDOK as the only foreign host, for images only, and no inline script', async () => {
    // Act
    const res = await manager.get(`/wijkberichten/${campaignId}/gebied`);
    const csp = res.headers.get('content-security-policy') ?? '';
    // Assess
    expect(res.status).toBe(200);
    expect(Object.fromEntries(cspHosts(csp))).toEqual({ 'img-src': ['https://service.pdok.nl'] });
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toContain('*');
    const html = await res.text();
    // The only script elements are files from our own origin, plus the map's data (JSON, never run).
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!);
    for (const attrs of scripts)
      expect(attrs).toMatch(/src="\/assets\/[a-z-]+\.js"|type="application\/json"/);
    expect(html).toContain('src="/assets/leaflet.js"');
  });

  it('serves Leaflet and the map script from our own origin', async () => {
    const leaflet = await manager.get('/assets/leaflet.js');
    expect(leaflet.headers.get('content-type')).toContain('text/javascript');
    expect(await leaflet.text()).toMatch(/Leaflet 1\.\d+\.\d+/);
    const css = await manager.get('/assets/leaflet.css');
    expect(await css.text()).toContain('.leaflet-container');
    const script = await manager.get('/assets/kaart.js');
    expect(await script.text()).toContain('L.tileLayer');
  });

  it('names the demo streets under the search field and opens a clickable map before any search', async () => {
    // Act
    const html = await (await manager.get(`/wijkberichten/${campaignId}/gebied`)).text();
    const svg = await (await manager.get(`/wijkberichten/${campaignId}/kaart.svg`)).text();
    // Assess
    const extent = t.deps.addresses.extent!()!;
    expect(extent.city).toBe(DEMO_CITY);
    for (const street of extent.streets) expect(html).toContain(street);
    expect(html).toContain(`Bijvoorbeeld: &quot;${extent.streets[0]} 1, Voorbeeldstad&quot;`);
    expect(html).toContain('id="kaart-svg"');
    expect(svg).toContain('<polyline');
    expect(svg).toMatch(/<text[^>]*>Proefstraat<\/text>/);
  });

  it('places the first location with a click on the map without JavaScript, before any search', async () => {
    // Act: the middle of the 800-pixel SVG
    const res = await manager.post(`/wijkberichten/${campaignId}/kaartpunt`, {
      'kaart.x': '400',
      'kaart.y': '200',
    });
    // Assess
    expect(res.status).toBe(303);
    const selection = (await t.deps.letterSelections.get(campaignId))!;
    expect(selection.points).toHaveLength(1);
    expect(selection.points[0]!.label).toBe('Punt op de kaart');
    expect(selection.rows.length).toBeGreaterThan(0);
    const svg = await (await manager.get(`/wijkberichten/${campaignId}/kaart.svg`)).text();
    for (const row of selection.rows) expect(svg).toContain(`>${row.street}</text>`);
    expect(svg).toContain('role="img"');
    expect(svg).toMatch(/<desc id="kaart-straten">Straten op de kaart: /);
  });

  it('suggests "street number, town" input with positions, bounds hostile input and the rate', async () => {
    // Act
    const res = await manager.get(
      `/wijkberichten/adressen?q=${encodeURIComponent('Proefstraat 1, Voorbeeldstad')}`,
    );
    const { suggestions } = (await res.json()) as {
      suggestions: { id: string; label: string; lat: number; lon: number }[];
    };
    // Assess
    expect(suggestions[0]?.label).toMatch(/^Proefstraat 1, \d{4}[A-Z]{2} Voorbeeldstad/);
    const looked = await manager.get(`/wijkberichten/adressen?id=${encodeURIComponent(suggestions[0]!.id)}`);
    expect(((await looked.json()) as { point: unknown }).point).toEqual({
      lat: suggestions[0]!.lat,
      lon: suggestions[0]!.lon,
    });
    const hostile = await manager.get(`/wijkberichten/adressen?id=${encodeURIComponent('<x>'.repeat(100))}`);
    expect(await hostile.json()).toEqual({ point: null });
    const long = await manager.get(`/wijkberichten/adressen?q=${'Proefstraat '.repeat(2_000)}`);
    expect(long.status).toBe(200);
    expect(((await long.json()) as { suggestions: unknown[] }).suggestions.length).toBeLessThanOrEqual(8);
  });

  it('refuses suggestions beyond the rate per person, on an injected clock', async () => {
    // Prepare
    const clock = manualClock('2030-01-01T09:00:00.000Z');
    const deps = { ...t.deps, clock };
    const user = (await t.deps.users.list()).find((u) => u.username === usernameFor('area_manager'))!;
    const acting: Acting = {
      actor: { userId: user.id, username: user.username, roles: user.roles },
      role: 'area_manager',
    };
    // Act
    for (let i = 0; i < SUGGESTIONS_PER_MINUTE; i++) await suggestAddresses(deps, acting, 'Oefenlaan');
    const refused = suggestAddresses(deps, acting, 'Oefenlaan');
    // Assess
    await expect(refused).rejects.toBeInstanceOf(RateLimitedError);
    clock.advance(60_001);
    await expect(suggestAddresses(deps, acting, 'Oefenlaan')).resolves.not.toHaveLength(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDispatcher } from '../../functions/app/dispatch.js';
import { defaultSettings } from '../../functions/core/settings/settings.schema.js';
import { createApp } from '../../functions/http/app.js';
import { type LocalRuntime, startLocalRuntime } from '../../functions/local/runtime.js';
import { type LocalServer, lateApp, serveLocal } from '../../functions/local/server.js';
import { runningClock } from '../fixtures/builders.js';
import { seedApprovedCampaign, sendingMobile } from '../fixtures/sending-builders.js';

const ALL_DAY = { start: '00:00', end: '24:00', days: [1, 2, 3, 4, 5, 6, 7], timeZone: 'Europe/Amsterdam' };

describe('links in sent SMS on the embedded runtime', () => {
  let runtime: LocalRuntime;
  let server: LocalServer;
  beforeAll(async () => {
    // The server listens first; the runtime is built with the address it got, as `npm start` does.
    const app = lateApp();
    server = await serveLocal(app.fetch, { port: 0, hostname: '127.0.0.1' });
    // A clock at real speed from a fixed noon: the all-day window (00:00–23:59) must not depend on the hour.
    runtime = await startLocalRuntime({
      logLevel: 'ERROR',
      publicBaseUrl: server.url,
      clock: runningClock(),
    });
    await runtime.deps.settings.put({ ...defaultSettings('Teststad'), maxRatePerSecond: 1000 });
    app.ready(createApp(runtime.deps, { stylesheet: 'body{}' }).fetch);
  });
  afterAll(async () => {
    await server?.close();
    await runtime?.close();
  });

  it('point at the port the server listens on, and both the tracked link and the stop link of the opt-out line answer there', async () => {
    // Prepare
    const campaign = await seedApprovedCampaign(runtime.deps, {
      recipients: 4,
      now: new Date(runtime.deps.clock.now().getTime() - 60_000),
      ratePerSecond: 1000,
      quietHours: ALL_DAY,
      numberOf: (n) => sendingMobile(500 + n),
    });

    // Act
    await runDispatcher(runtime.deps, {
      dispatcherId: 'port-test',
      runForMs: 20_000,
      campaignIds: [campaign.id],
    });
    const sent = await runtime.deps.sending.outbox!.list(50);
    const links = sent.map((m) => m.body.match(/https?:\/\/\S+\/r\/\S+/)?.[0]);
    const clicked = await fetch(links[0]!, { redirect: 'manual' });
    const stopLinks = sent.map((m) => m.body.match(/\nStop: (https?:\/\/\S+)$/)?.[1]);
    const stopPage = await fetch(stopLinks[0]!);

    // Assess
    expect(server.port).toBeGreaterThan(0);
    expect(sent).toHaveLength(4);
    for (const link of links) expect(link?.startsWith(`http://localhost:${server.port}/r/`)).toBe(true);
    expect(clicked.status).toBe(302);
    expect(clicked.headers.get('location')?.startsWith(campaign.helpLink)).toBe(true);
    for (const link of stopLinks) expect(link).toBe(`http://localhost:${server.port}/stop`);
    expect(stopPage.status).toBe(200);
    expect(await stopPage.text()).toContain('<form method="post" action="/stop"');
  });

  it('use the configured public address instead when one is set', async () => {
    // Prepare
    const other = await serveLocal(() => new Response('ok'), {
      port: 0,
      hostname: '127.0.0.1',
      publicUrl: 'https://perspectief.voorbeeldstad.nl/',
    });

    // Act
    const configured = await startLocalRuntime({ logLevel: 'ERROR', publicBaseUrl: other.url });
    const base = configured.deps.sending.publicBaseUrl;
    await configured.close();
    await other.close();

    // Assess
    expect(other.url).toBe('https://perspectief.voorbeeldstad.nl');
    expect(base).toBe('https://perspectief.voorbeeldstad.nl');
  });

  it('answers 503 in Dutch while the app is not ready yet, and the app once it is', async () => {
    // Prepare
    const app = lateApp();
    const starting = await serveLocal(app.fetch, { port: 0, hostname: '127.0.0.1' });

    // Act
    const early = await fetch(`${starting.url.replace('localhost', '127.0.0.1')}/gezondheid`);
    app.ready(() => new Response('klaar'));
    const later = await fetch(`${starting.url.replace('localhost', '127.0.0.1')}/gezondheid`);
    await starting.close();

    // Assess
    expect(early.status).toBe(503);
    expect(await early.text()).toContain('start nog');
    expect(await later.text()).toBe('klaar');
  });
});

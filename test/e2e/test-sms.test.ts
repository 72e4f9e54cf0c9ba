import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDispatcher } from '../../functions/app/dispatch.js';
import { seedApprovedCampaign, sendingMobile } from '../fixtures/sending-builders.js';
import { aCase } from '../fixtures/sms-builders.js';
import { a11yViolations, CHROMIUM, launchBrowser, login, type Server, startServer } from './support.js';

describe.runIf(existsSync(CHROMIUM) || process.env.CI === 'true')('test SMS in a real browser', () => {
  let server: Server;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    await server.deps.cases.create(aCase({ id: 'case-sending', name: 'Testzaak' }));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function newPage(refused: string[]): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
    });
    return page;
  }

  it('admin adds a test number, adviser sends a test SMS, the outbox shows it as a test and the figures stay', async () => {
    // Prepare
    const campaign = await seedApprovedCampaign(server.deps, {
      recipients: 2,
      now: new Date(server.deps.clock.now().getTime() - 60_000),
      status: 'approved',
      numberOf: (n) => sendingMobile(700 + n),
    });
    const before = await server.deps.recipients.countByStatus(campaign.id);
    const refused: string[] = [];
    const admin = await newPage(refused);
    const adviser = await newPage(refused);

    // Act: the admin keeps the list
    await login(admin, server.url, 'admin');
    await admin
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Testnummers' })
      .click();
    await admin.getByRole('heading', { level: 1, name: 'Testnummers' }).waitFor();
    await admin.getByLabel('Naam').fill('Telefoon team Veiligheid');
    await admin.getByLabel('Mobiel nummer').fill('06 24681357');
    await admin.getByRole('button', { name: 'Testnummer toevoegen' }).click();
    await admin.getByRole('cell', { name: 'Telefoon team Veiligheid', exact: true }).waitFor();
    const adminList = await admin.locator('main').innerText();
    const adminViolations = await a11yViolations(admin);

    // Act: the adviser sends a test from the campaign page
    await login(adviser, server.url, 'adviser');
    await adviser.goto(`${server.url}/campagnes/${campaign.id}`);
    await adviser.getByRole('link', { name: 'Test-sms versturen' }).click();
    await adviser
      .getByLabel('Testnummer')
      .selectOption({ label: 'Telefoon team Veiligheid (+31 6 •••• 1357)' });
    const formViolations = await a11yViolations(adviser);
    await adviser.getByRole('button', { name: 'Test-sms versturen' }).click();
    await adviser.getByText('De test-sms staat klaar').waitFor();
    await runDispatcher(server.deps, { dispatcherId: 'e2e-test-sms', runForMs: 2_000, campaignIds: [] });
    await adviser.goto(`${server.url}/lokaal/uitgaande-berichten`);
    const marked = adviser.locator('.outbox__message', { has: adviser.locator('[data-veld="outbox.test"]') });
    const markedText = await marked.innerText();
    const outboxViolations = await a11yViolations(adviser);

    // Assess
    expect(adminList).toContain('+31 6 •••• 1357');
    expect(adminList).not.toContain('24681357');
    expect(await marked.count()).toBe(1);
    expect(markedText).toContain('Test');
    expect(markedText).toContain('/stop');
    expect(markedText).not.toContain('24681357');
    expect(await server.deps.recipients.countByStatus(campaign.id)).toEqual(before);
    expect(await server.deps.sending.links.clicks(campaign.id)).toEqual([]);
    expect((await server.deps.campaigns.get(campaign.id))?.status).toBe('approved');
    expect([...adminViolations, ...formViolations, ...outboxViolations]).toEqual([]);
    expect(refused).toEqual([]);
  }, 120_000);
});

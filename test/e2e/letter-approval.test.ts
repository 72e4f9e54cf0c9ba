import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CENTRE } from '../../functions/adapters/bag-file/demo-neighbourhood.js';
import type { Acting } from '../../functions/app/audit.js';
import { createCampaignFromBlueprint, editCampaign } from '../../functions/app/campaigns.js';
import { createCase } from '../../functions/app/cases.js';
import { chooseStreets, resolveLocations, selectArea } from '../../functions/app/letter-areas.js';
import { saveLetterText, submitLetter } from '../../functions/app/letter-content.js';
import {
  CHROMIUM,
  cspViolations,
  launchBrowser,
  login,
  type Server,
  startServer,
  usernameFor,
} from './support.js';

const CASE_TEXT = 'Bij de actie zijn drie mensen aangehouden. Er is niemand gewond geraakt.';

async function actingAs(server: Server, role: 'area_manager' | 'adviser'): Promise<Acting> {
  const user = (await server.deps.users.findByUsername(usernameFor(role)))!;
  return { actor: { userId: user.id, username: user.username, roles: user.roles }, role };
}

describe.runIf(existsSync(CHROMIUM) || process.env.CI === 'true')(
  'letter approval in a real browser, with the CSP on',
  () => {
    let server: Server;
    let browser: Browser;
    beforeAll(async () => {
      server = await startServer();
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('shows the decider the rendered letter and its fingerprint, and refuses letters after the case text was edited', async () => {
      // Prepare: a submitted letter campaign of a case whose responsible manager is the adviser
      const manager = await actingAs(server, 'area_manager');
      const decider = await actingAs(server, 'adviser');
      const kase = await createCase(server.deps, manager, {
        name: 'Bazooka',
        actionDate: '2026-03-01',
        municipality: 'Teststad',
        areaDescription: 'de omgeving van de Proefstraat',
        responsibleUserId: decider.actor.userId,
      });
      const campaign = await createCampaignFromBlueprint(server.deps, manager, {
        caseId: kase.id,
        blueprintId: 'wijkbericht-na-arrestaties',
        name: 'Wijkbericht Bazooka',
      });
      const points = await resolveLocations(server.deps, manager, [`${DEMO_CENTRE.lat}, ${DEMO_CENTRE.lon}`]);
      const area = await selectArea(server.deps, manager, {
        campaignId: campaign.id,
        points,
        radiusM: 100,
        residentialOnly: true,
      });
      const selection = await chooseStreets(server.deps, manager, {
        campaignId: campaign.id,
        streets: area.rows.slice(0, 2),
        mode: 'whole_streets',
        version: area.version,
      });
      await editCampaign(server.deps, manager, campaign.id, {
        recipients: {
          fingerprint: selection.addressesFingerprint,
          counts: {
            imported: selection.letterCount,
            valid: selection.letterCount,
            sendable: selection.letterCount,
            excluded: {},
          },
        },
      });
      await saveLetterText(server.deps, manager, {
        campaignId: campaign.id,
        caseText: CASE_TEXT,
        confirmVoid: false,
      });
      const now = server.deps.clock.now().getTime();
      const submitted = await submitLetter(server.deps, manager, {
        campaignId: campaign.id,
        plannedWindow: {
          from: new Date(now).toISOString(),
          until: new Date(now + 3 * 86_400_000).toISOString(),
        },
      });
      const fingerprint = submitted.approvalRequest!.fingerprint;

      // Act 1: the decider reviews the rendered letter and approves it
      const deciderContext = await browser.newContext();
      const deciderPage = await deciderContext.newPage();
      await login(deciderPage, server.url, 'adviser');
      await deciderPage.goto(`${server.url}/wijkberichten/${campaign.id}`);
      const preview = deciderPage.locator('.letter-preview');
      const shownFingerprint = await preview.getByTestId('vingerafdruk').textContent();
      const letters = preview.locator('.brief');
      const addressedText = await letters.nth(0).textContent();
      const unaddressedText = await letters.nth(1).textContent();
      const logoLoaded = await letters
        .nth(0)
        .locator('img')
        .evaluateAll((imgs) => imgs.every((i) => (i as HTMLImageElement).naturalWidth > 0));
      await deciderPage.getByLabel('Kenmerk van het besluit').fill('Besluit burgemeester 2026/117');
      await deciderPage
        .getByLabel(/Ik heb het gebied, de adressen en de brief hierboven gecontroleerd/)
        .check();
      await deciderPage.getByLabel(/De brief noemt geen persoon/).check();
      await deciderPage.getByRole('button', { name: 'Goedkeuren' }).click();
      await deciderPage.waitForURL(/klaar=goedgekeurd/);
      const deciderCsp = cspViolations(deciderContext);
      await deciderContext.close();
      const approved = (await server.deps.campaigns.get(campaign.id))!;

      // Act 2: the manager tries a text with an address, then edits the text after approval
      const managerContext = await browser.newContext();
      const page = await managerContext.newPage();
      await login(page, server.url, 'area_manager');
      await page.goto(`${server.url}/wijkberichten/${campaign.id}`);
      await page.getByLabel(/Wat er is gebeurd/).fill(`${CASE_TEXT} Aangehouden op de Proefstraat 12.`);
      await page.getByRole('button', { name: 'Brieftekst opslaan' }).click();
      const screened = await page.getByRole('alert').textContent();
      await page.getByLabel(/Wat er is gebeurd/).fill(`${CASE_TEXT} De buurt was onrustig.`);
      await page.getByRole('button', { name: 'Brieftekst opslaan' }).click();
      const warning = await page.locator('.void-warning').textContent();
      const stillApproved = (await server.deps.campaigns.get(campaign.id))!.approval !== null;
      await page.getByRole('button', { name: /Ja, wijzigen/ }).click();
      await page.waitForURL(/klaar=tekst-ongeldig/);
      await page.goto(`${server.url}/wijkberichten/${campaign.id}/brieven`);
      await page.getByRole('button', { name: 'Brieven maken' }).click();
      const refusal = await page.getByRole('alert').textContent();
      const managerCsp = cspViolations(managerContext);
      await managerContext.close();

      // Assess
      expect(shownFingerprint).toBe(fingerprint);
      expect(addressedText).toContain(CASE_TEXT);
      expect(addressedText).toMatch(new RegExp(`Aan de bewoners van ${selection.streets[0]!.street} \\d`));
      expect(unaddressedText).toContain('Aan de bewoners van deze straat');
      expect(unaddressedText).toContain(CASE_TEXT);
      expect(logoLoaded).toBe(true);
      expect(approved.approval?.requestFingerprint).toBe(fingerprint);
      expect(approved.approval?.namesNobody).toBe(true);
      expect(screened).toContain('een straat met huisnummer (Proefstraat ••)');
      expect(warning).toContain('Dit maakt de goedkeuring van „Wijkbericht Bazooka” ongeldig');
      expect(stillApproved).toBe(true);
      expect(refusal).toContain('nog niet goedgekeurd');
      expect(await server.deps.letterBatches.list(campaign.id)).toEqual([]);
      const after = (await server.deps.campaigns.get(campaign.id))!;
      expect(after.approval).toBeNull();
      expect(after.letterSnapshot?.caseFields.caseText).toBe(`${CASE_TEXT} De buurt was onrustig.`);
      expect([...deciderCsp, ...managerCsp]).toEqual([]);
    }, 120_000);
  },
);

import type { Page } from 'playwright-core';
import { DEMO_CENTRE } from '../../functions/adapters/bag-file/demo-neighbourhood.js';
import type { Acting } from '../../functions/app/audit.js';
import { approveCampaign, createCampaignFromBlueprint, editCampaign } from '../../functions/app/campaigns.js';
import { createCase } from '../../functions/app/cases.js';
import { processOutboxReceipts } from '../../functions/app/delivery-status.js';
import type { AppDeps } from '../../functions/app/deps.js';
import { runDispatcher } from '../../functions/app/dispatch.js';
import { markStreetDelivered, planDistributionRound } from '../../functions/app/distribution.js';
import { selectArea } from '../../functions/app/letter-areas.js';
import { submitLetter } from '../../functions/app/letter-content.js';
import { renderLetters } from '../../functions/app/letters.js';
import { followTrackedLink } from '../../functions/app/tracked-links.js';
import type { Role } from '../../functions/core/auth/roles.js';
import { isoToAmsterdamLocal } from '../../functions/http/views/sms-format.js';
import { ALL_DAY, purgeMobile } from '../fixtures/purge-builders.js';
import { seedApprovedCampaign } from '../fixtures/sending-builders.js';
import { mobile, vcardOf } from '../fixtures/sms-builders.js';

/** What a working day leaves behind: every kind of page has something to show. */
export interface DemoWorld {
  caseId: string;
  letterId: string;
  roundId: string;
  webCode: string;
  /** Sent through the local outbox, with receipts and a few clicks. */
  sentId: string;
  /** Approved and scheduled for the day after tomorrow: it can still be cancelled. */
  scheduledId: string;
  /** A draft that still has to get its contact lists (`submitForApproval` gives it them in a browser). */
  draftId: string;
}

const SENT_RECIPIENTS = 24;

/**
 * Fills a running platform the way a case goes: a case with a letter campaign (area, approval, letters, a
 * round for today with its first street delivered), an SMS campaign sent through the local outbox, one scheduled
 * for later and a draft. Used by the every-page accessibility test and the README screenshots.
 */
export async function seedDemoWorld(
  deps: AppDeps,
  options: { usernameOf(role: Role): string; baseUrl: string; municipality: string },
): Promise<DemoWorld> {
  const actingAs = async (role: Role): Promise<Acting> => {
    const user = await deps.users.findByUsername(options.usernameOf(role));
    if (!user) throw new Error(`No user for ${role}`);
    return { actor: { userId: user.id, username: user.username, roles: user.roles }, role };
  };
  await deps.settings.put({ ...(await deps.settings.get())!, maxRatePerSecond: 1000 });
  const adviser = await actingAs('adviser');
  const manager = await actingAs('area_manager');
  const distributor = await actingAs('distributor');
  const now = deps.clock.now();
  // The first start's demo case and its draft (`npm start`) are used where they exist.
  const kase =
    (await deps.cases.list()).find((c) => c.name === 'Bazooka (demo)') ??
    (await createCase(deps, adviser, {
      name: 'Bazooka (demo)',
      actionDate: new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10),
      municipality: options.municipality,
      areaDescription: 'Demowijk en omgeving',
      responsibleUserId: adviser.actor.userId,
    }));

  const letter = await createCampaignFromBlueprint(deps, manager, {
    caseId: kase.id,
    blueprintId: 'wijkbericht-na-arrestaties',
    name: 'Wijkbericht Bazooka',
  });
  const selection = await selectArea(deps, manager, {
    campaignId: letter.id,
    points: [{ lat: DEMO_CENTRE.lat, lon: DEMO_CENTRE.lon, label: 'Demolocatie' }],
    radiusM: 120,
  });
  await editCampaign(deps, manager, letter.id, {
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
  const caseText = 'De politie heeft twee mensen aangehouden.';
  const submitted = await submitLetter(deps, manager, {
    campaignId: letter.id,
    plannedWindow: { from: now.toISOString(), until: new Date(now.getTime() + 3 * 86_400_000).toISOString() },
    caseText,
  });
  await approveCampaign(deps, adviser, letter.id, {
    requestFingerprint: submitted.approvalRequest!.fingerprint,
    legalReference: 'Besluit burgemeester 2026/117',
    confirmed: true,
    namesNobody: true,
  });
  await renderLetters(deps, manager, {
    campaignId: letter.id,
    mode: 'addressed',
    caseText,
    baseUrl: options.baseUrl,
  });
  const round = await planDistributionRound(deps, manager, {
    campaignId: letter.id,
    date: now.toISOString().slice(0, 10),
    from: '09:00',
    to: '17:00',
    team: [distributor.actor.userId],
    streets: selection.streets,
  });
  for (const street of round.streets.slice(0, 1))
    await markStreetDelivered(deps, distributor, { roundId: round.id, street });
  const webCode = (await deps.webVersions.list(letter.id))[0]!.code;

  const outbox = deps.sending.outbox!;
  outbox.configure({ ...outbox.settings(), receiptDelayMs: 0, deliveredShare: 1 });
  const sent = await seedApprovedCampaign(deps, {
    recipients: SENT_RECIPIENTS,
    now: new Date(now.getTime() - 60_000),
    ratePerSecond: 1000,
    quietHours: ALL_DAY,
    caseId: kase.id,
    numberOf: (n) => purgeMobile(4200 + n),
  });
  await runDispatcher(deps, {
    dispatcherId: 'demo-world',
    runForMs: 30_000,
    campaignIds: [sent.id],
    idleMs: 10,
  });
  await processOutboxReceipts(deps, SENT_RECIPIENTS);
  for (const [i, variant] of sent.variants.entries()) {
    const link = await deps.sending.links.codeFor(sent.id, variant.id, `demo${i}link0`, deps.clock.now());
    for (let click = 0; click <= i; click++) await followTrackedLink(deps, link.code, { count: true });
  }
  const scheduled = await seedApprovedCampaign(deps, {
    recipients: 3,
    now,
    quietHours: ALL_DAY,
    caseId: kase.id,
    scheduledAt: new Date(now.getTime() + 2 * 86_400_000),
    numberOf: (n) => purgeMobile(4300 + n),
  });
  const draft =
    (await deps.campaigns.listByCase(kase.id)).find((c) => c.kind === 'sms' && c.status === 'draft') ??
    (await createCampaignFromBlueprint(deps, adviser, {
      caseId: kase.id,
      blueprintId: 'sms-bom-straathandel',
      name: 'SMS-bom Bazooka (demo)',
    }));
  return {
    caseId: kase.id,
    letterId: letter.id,
    roundId: round.id,
    webCode,
    sentId: sent.id,
    scheduledId: scheduled.id,
    draftId: draft.id,
  };
}

/**
 * What an adviser does in the browser to put a draft before the OM: one phone's contact list, a sending
 * period, "Indienen bij het OM". The page must be signed in as an adviser.
 */
export async function submitForApproval(page: Page, baseUrl: string, campaignId: string): Promise<void> {
  await page.goto(`${baseUrl}/campagnes/${campaignId}`);
  await page.getByLabel('Van welke telefoon?').fill('telefoon 1');
  await page.getByLabel('Contactbestanden (vCard, CSV of XLSX)').setInputFiles({
    name: 'telefoon1.vcf',
    mimeType: 'text/plain',
    buffer: Buffer.from(vcardOf([mobile(11), mobile(12), mobile(13), mobile(14)])),
  });
  await page.getByRole('button', { name: 'Uploaden en verwerken' }).click();
  await page.waitForFunction(
    () => document.querySelector('.upload-reports')?.textContent?.includes('Bestand 1 (vCard)') ?? false,
  );
  await page
    .getByLabel('Begin', { exact: true })
    .fill(isoToAmsterdamLocal(new Date(Date.now() + 3_600_000).toISOString()));
  await page
    .getByLabel('Einde', { exact: true })
    .fill(isoToAmsterdamLocal(new Date(Date.now() + 4 * 86_400_000).toISOString()));
  await page.getByRole('button', { name: 'Instellingen opslaan' }).click();
  await page.getByRole('button', { name: 'Indienen bij het OM' }).click();
  await page.getByText('wacht op het besluit van het OM').waitFor();
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CENTRE } from '../../functions/adapters/bag-file/demo-neighbourhood.js';
import type { Acting } from '../../functions/app/audit.js';
import { systemActing } from '../../functions/app/audit.js';
import { createCampaignFromBlueprint } from '../../functions/app/campaigns.js';
import { createCase } from '../../functions/app/cases.js';
import {
  addStreetNote,
  distributionCsv,
  markStreetDelivered,
  myRounds,
  planDistributionRound,
  roundForDistributor,
} from '../../functions/app/distribution.js';
import {
  areaOverview,
  chooseStreets,
  resolveLocations,
  selectArea,
  suggestAddresses,
} from '../../functions/app/letter-areas.js';
import { loadLetterCampaign } from '../../functions/app/letter-campaign.js';
import { letterPreview, saveLetterText, submitLetter } from '../../functions/app/letter-content.js';
import { renderLetters, requireLetterRun } from '../../functions/app/letters.js';
import { createUser } from '../../functions/app/users.js';
import type { Role } from '../../functions/core/auth/roles.js';
import type { Campaign } from '../../functions/core/campaigns/campaign.schema.js';
import { ForbiddenError, NotFoundError } from '../../functions/core/errors.js';
import type { Round } from '../../functions/core/letters/distribution.schema.js';
import type { LetterSelection } from '../../functions/core/letters/letter-records.schema.js';
import { type Harness, PASSWORD, startHarness, usernameFor } from './harness.js';

/**
 * The letter use cases check who calls them, whatever route (or none) leads there: called directly, a
 * distributor or an OM liaison is refused with a ForbiddenError and nothing changes, while the area manager
 * gets through; a distributor sees only the rounds they carry.
 */
describe('letter use cases check access themselves', () => {
  let t: Harness;
  let manager: Acting;
  let distributor: Acting;
  let otherDistributor: Acting;
  let om: Acting;
  let campaign: Campaign;
  let selection: LetterSelection;
  let round: Round;

  async function actingAs(username: string, role: Role): Promise<Acting> {
    const user = (await t.deps.users.list()).find((u) => u.username === username)!;
    return { actor: { userId: user.id, username: user.username, roles: user.roles }, role };
  }

  beforeAll(async () => {
    t = await startHarness();
    const { user } = await createUser(t.deps, systemActing('test'), {
      username: 'bezorger-twee',
      displayName: 'Tweede bezorger',
      roles: ['distributor'],
      password: PASSWORD,
    });
    manager = await actingAs(usernameFor('area_manager'), 'area_manager');
    distributor = await actingAs(usernameFor('distributor'), 'distributor');
    otherDistributor = await actingAs(user.username, 'distributor');
    om = await actingAs(usernameFor('om_liaison'), 'om_liaison');
    const kase = await createCase(t.deps, manager, {
      name: 'Bazooka',
      actionDate: '2026-03-01',
      municipality: 'Teststad',
      areaDescription: 'de omgeving van de Proefstraat',
    });
    campaign = await createCampaignFromBlueprint(t.deps, manager, {
      caseId: kase.id,
      blueprintId: 'wijkbericht-na-arrestaties',
      name: 'Wijkbericht Bazooka',
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  it.each([
    ['a distributor', () => distributor],
    ['an OM liaison', () => om],
  ])('refuses %s every letter use case before it reads or changes anything', async (_who, whom) => {
    // Prepare
    const acting = whom();
    const auditBefore = (await t.deps.audit.list({ campaignId: campaign.id })).length;
    const point = `${DEMO_CENTRE.lat}, ${DEMO_CENTRE.lon}`;
    const window = { from: '2026-03-02T08:00:00.000Z', until: '2026-03-05T08:00:00.000Z' };
    const attempts: [string, () => Promise<unknown>][] = [
      ['loadLetterCampaign', () => loadLetterCampaign(t.deps, acting, campaign.id)],
      ['suggestAddresses', () => suggestAddresses(t.deps, acting, 'Proefstraat')],
      ['resolveLocations', () => resolveLocations(t.deps, acting, [point])],
      [
        'selectArea',
        () =>
          selectArea(t.deps, acting, {
            campaignId: campaign.id,
            points: [{ ...DEMO_CENTRE, label: point }],
            radiusM: 100,
            residentialOnly: true,
          }),
      ],
      [
        'chooseStreets',
        () =>
          chooseStreets(t.deps, acting, {
            campaignId: campaign.id,
            streets: [],
            mode: 'whole_streets',
            version: 0,
          }),
      ],
      ['areaOverview', () => areaOverview(t.deps, acting, campaign.id)],
      [
        'saveLetterText',
        () =>
          saveLetterText(t.deps, acting, {
            campaignId: campaign.id,
            caseText: 'Er is iets gebeurd.',
            confirmVoid: true,
          }),
      ],
      [
        'submitLetter',
        () => submitLetter(t.deps, acting, { campaignId: campaign.id, plannedWindow: window }),
      ],
      [
        'letterPreview',
        () => letterPreview(t.deps, acting, { campaignId: campaign.id, baseUrl: 'http://localhost' }),
      ],
      [
        'renderLetters',
        () =>
          renderLetters(t.deps, acting, {
            campaignId: campaign.id,
            mode: 'addressed',
            baseUrl: 'http://localhost',
          }),
      ],
      [
        'planDistributionRound',
        () =>
          planDistributionRound(t.deps, acting, {
            campaignId: campaign.id,
            date: '2026-03-02',
            from: '09:00',
            to: '17:00',
            team: [distributor.actor.userId],
            streets: [],
          }),
      ],
      ['distributionCsv', () => distributionCsv(t.deps, acting, { campaignId: campaign.id })],
      ['requireLetterRun', () => requireLetterRun(t.deps, acting, campaign.id, 'any-run')],
    ];

    // Act
    const outcomes = await Promise.all(
      attempts.map(
        async ([name, attempt]) =>
          [
            name,
            await attempt().then(
              () => 'allowed',
              (e: unknown) => e,
            ),
          ] as const,
      ),
    );

    // Assess
    for (const [name, outcome] of outcomes) {
      expect(outcome, name).toBeInstanceOf(ForbiddenError);
    }
    expect(await t.deps.letterSelections.get(campaign.id)).toBeUndefined();
    expect(await t.deps.rounds.listByCampaign(campaign.id)).toEqual([]);
    expect((await t.deps.audit.list({ campaignId: campaign.id })).length).toBe(auditBefore);
  });

  it('lets the area manager choose the area and streets and plan a round', async () => {
    // Prepare
    const points = await resolveLocations(t.deps, manager, [`${DEMO_CENTRE.lat}, ${DEMO_CENTRE.lon}`]);

    // Act
    const area = await selectArea(t.deps, manager, {
      campaignId: campaign.id,
      points,
      radiusM: 100,
      residentialOnly: true,
    });
    selection = await chooseStreets(t.deps, manager, {
      campaignId: campaign.id,
      streets: area.rows.slice(0, 2),
      mode: 'whole_streets',
      version: area.version,
    });
    round = await planDistributionRound(t.deps, manager, {
      campaignId: campaign.id,
      date: '2026-03-02',
      from: '09:00',
      to: '17:00',
      team: [distributor.actor.userId],
      streets: selection.streets,
    });

    // Assess
    expect(selection.streets).toHaveLength(2);
    const overview = await areaOverview(t.deps, manager, campaign.id);
    expect(overview.selection?.version).toBe(selection.version);
    expect(overview.letters.length).toBeGreaterThan(0);
    expect(round.streets.map((s) => s.street).sort()).toEqual(selection.streets.map((s) => s.street).sort());
    expect(await distributionCsv(t.deps, manager, { campaignId: campaign.id })).toContain(
      round.streets[0]!.street,
    );
  });

  it('shows a distributor only the rounds they carry, and refuses everyone else the distributor pages', async () => {
    // Prepare
    const street = round.streets[0]!;

    // Act
    const mine = await myRounds(t.deps, distributor);
    const theirs = await myRounds(t.deps, otherDistributor);
    const seen = await roundForDistributor(t.deps, distributor, round.id);
    const delivered = await markStreetDelivered(t.deps, distributor, { roundId: round.id, street });

    // Assess
    expect(mine.map((r) => r.id)).toEqual([round.id]);
    expect(seen.id).toBe(round.id);
    expect(delivered.status).toBe('delivered');
    expect(theirs).toEqual([]);
    await expect(roundForDistributor(t.deps, otherDistributor, round.id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(
      addStreetNote(t.deps, otherDistributor, { roundId: round.id, street, text: 'bouwterrein' }),
    ).rejects.toBeInstanceOf(NotFoundError);
    for (const outsider of [manager, om]) {
      await expect(myRounds(t.deps, outsider)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(roundForDistributor(t.deps, outsider, round.id)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(
        markStreetDelivered(t.deps, outsider, { roundId: round.id, street }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});

import * as z from 'zod';
import { holds } from '../core/auth/permissions.js';
import { NotFoundError, ValidationError } from '../core/errors.js';
import { type StreetRef, StreetRefSchema, streetKey } from '../core/letters/address.schema.js';
import {
  addNote,
  type CoverageFigures,
  coverage,
  markDelivered,
  planRound,
  reportProblem,
  type SelectedStreet,
  type StreetCoverage,
  undoDelivery,
} from '../core/letters/distribution.js';
import type { Round, RoundStreet } from '../core/letters/distribution.schema.js';
import { distributionListCsv } from '../core/letters/distribution-list.js';
import type { LetterSelection, WebVersion } from '../core/letters/letter-records.schema.js';
import { type Acting, audit } from './audit.js';
import { assertHolds } from './campaign-access.js';
import type { AppDeps } from './deps.js';
import {
  type LetterCampaignDeps,
  loadLetterCampaign,
  requireSelection,
  selectedAddresses,
} from './letter-campaign.js';
import { isToday, type NotifyDeps, notifyNewTask } from './notifications.js';

export const PlanInputSchema = z.object({
  campaignId: z.string().min(1),
  date: z.string(),
  from: z.string(),
  to: z.string(),
  /** User ids of distributor accounts. */
  team: z.array(z.string().min(1)),
  streets: z.array(StreetRefSchema),
});
export type PlanInput = z.infer<typeof PlanInputSchema>;

export type PlanRoundDeps = Pick<
  AppDeps,
  keyof LetterCampaignDeps | 'letterSelections' | 'users' | 'addresses' | 'ids' | 'clock' | 'rounds' | 'audit'
> &
  NotifyDeps;

/**
 * Plans a distribution round of a letter campaign: date, time slot, a team of distributor accounts and
 * streets from the selection, each with its house-number ranges and letter count.
 */
export async function planDistributionRound(
  deps: PlanRoundDeps,
  acting: Acting,
  input: PlanInput,
): Promise<Round> {
  const plan = PlanInputSchema.parse(input);
  const { campaign } = await loadLetterCampaign(deps, acting, plan.campaignId);
  const selection = await requireSelection(deps, plan.campaignId);
  if (plan.team.length === 0) {
    throw new ValidationError('Round without team', { userMessage: 'Kies minstens één bezorger.' });
  }
  if (plan.streets.length === 0) {
    throw new ValidationError('Round without streets', { userMessage: 'Kies minstens één straat.' });
  }
  for (const userId of plan.team) {
    const user = await deps.users.get(userId);
    if (!user || user.disabled || !holds(user.roles, 'distribution.carry')) {
      throw new ValidationError('Team member is not an active distributor', {
        userMessage: 'Iemand in het team is geen actieve bezorger.',
      });
    }
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(plan.date) || Number.isNaN(Date.parse(plan.date))) {
    throw new ValidationError('Invalid round date', { userMessage: 'Vul een geldige datum in.' });
  }
  if (!/^\d{2}:\d{2}$/.test(plan.from) || !/^\d{2}:\d{2}$/.test(plan.to) || plan.from >= plan.to) {
    throw new ValidationError('Invalid time slot', {
      userMessage: 'Vul een tijdvak in als UU:MM, met het einde na het begin.',
    });
  }
  const { addresses } = await selectedAddresses(deps, selection);
  const round = planRound(
    {
      campaignId: plan.campaignId,
      date: plan.date,
      timeSlot: { from: plan.from, to: plan.to },
      team: plan.team,
      streets: plan.streets,
    },
    addresses,
    { id: deps.ids.next(), now: deps.clock.now(), by: acting.actor.userId },
  );
  await deps.rounds.create(round);
  await audit(deps, acting, {
    action: 'distribution.planned',
    subjectType: 'distribution',
    subjectId: round.id,
    caseId: campaign.caseId,
    campaignId: round.campaignId,
    details: {
      counts: {
        streets: round.streets.length,
        letters: round.streets.reduce((sum, s) => sum + s.count, 0),
        team: round.team.length,
      },
    },
  });
  // A round for today is today's work for the area managers at once; a later one becomes a task on its day.
  if (isToday(round, deps.clock.now()))
    await notifyNewTask(deps, acting, { kind: 'round_today', campaign, round });
  return round;
}

/**
 * THE rule of what a distributor may see: a round they carry (a distributor on its team) with its streets,
 * and nothing else: no other round, no campaign, no case, no address list. The distributor's pages read
 * rounds only through `roundForDistributor` and `myRounds`, which both ask this.
 */
export function carriesRound(acting: Acting, round: Round): boolean {
  return holds(acting.actor.roles, 'distribution.carry') && round.team.includes(acting.actor.userId);
}

/**
 * A round as its distributor may see it (`carriesRound`). Someone without the distributor's permission is
 * refused; a distributor outside the team gets the same answer as for a round that does not exist, so round
 * ids reveal nothing.
 */
export async function roundForDistributor(
  deps: Pick<AppDeps, 'rounds'>,
  acting: Acting,
  roundId: string,
): Promise<Round> {
  assertHolds(acting, 'distribution.carry');
  const round = await deps.rounds.get(roundId);
  if (!round || !carriesRound(acting, round)) {
    throw new NotFoundError('Round not found for this distributor', {
      userMessage: 'Deze bezorgronde bestaat niet of is niet aan u toegewezen.',
    });
  }
  return round;
}

/** The rounds of the signed-in distributor, by date. */
export async function myRounds(deps: Pick<AppDeps, 'rounds'>, acting: Acting): Promise<Round[]> {
  assertHolds(acting, 'distribution.carry');
  const rounds = (await deps.rounds.listByDistributor(acting.actor.userId)).filter((r) =>
    carriesRound(acting, r),
  );
  return rounds.sort(
    (a, b) => a.date.localeCompare(b.date) || a.timeSlot.from.localeCompare(b.timeSlot.from),
  );
}

/** What a distributor's change of a street of their round uses. */
export type StreetChangeDeps = Pick<AppDeps, 'rounds' | 'clock' | 'audit'>;

type StreetChange = (round: Round, ref: StreetRef, actor: { userId: string; now: Date }) => Round;

async function changeStreet(
  deps: StreetChangeDeps,
  acting: Acting,
  input: { roundId: string; street: StreetRef },
  change: StreetChange,
  describe: (
    before: RoundStreet,
    after: RoundStreet,
  ) => { fromStatus?: string; toStatus?: string; changedFields?: string[] },
): Promise<RoundStreet> {
  const round = await roundForDistributor(deps, acting, input.roundId);
  const ref = StreetRefSchema.parse(input.street);
  let before: RoundStreet | undefined;
  const after = await deps.rounds.updateStreet(round.id, ref, (current) => {
    before = current;
    const next = change({ ...round, streets: [current] }, ref, {
      userId: acting.actor.userId,
      now: deps.clock.now(),
    });
    const street = next.streets.find((s) => streetKey(s) === streetKey(ref));
    if (!street) throw new Error('Street vanished from round');
    return street;
  });
  await audit(deps, acting, {
    action: 'distribution.street_completed',
    subjectType: 'distribution',
    subjectId: round.id,
    campaignId: round.campaignId,
    details: { ...describe(before ?? after, after), counts: { letters: after.count } },
  });
  return after;
}

export interface StreetInput {
  roundId: string;
  street: StreetRef;
}

/** A distributor marks a street of their round delivered (time-stamped). */
export function markStreetDelivered(
  deps: StreetChangeDeps,
  acting: Acting,
  input: StreetInput,
): Promise<RoundStreet> {
  return changeStreet(deps, acting, input, markDelivered, (b, a) => ({
    fromStatus: b.status,
    toStatus: a.status,
  }));
}

/** Undoes a delivery within ten minutes (a mis-tap in the street); later it stands. */
export function undoStreetDelivery(
  deps: StreetChangeDeps,
  acting: Acting,
  input: StreetInput,
): Promise<RoundStreet> {
  return changeStreet(deps, acting, input, undoDelivery, (b, a) => ({
    fromStatus: b.status,
    toStatus: a.status,
  }));
}

/** Reports a problem with a street ("brievenbus dichtgeplakt"): not delivered, needs attention. */
export function reportStreetProblem(
  deps: StreetChangeDeps,
  acting: Acting,
  input: StreetInput & { text: string },
): Promise<RoundStreet> {
  return changeStreet(
    deps,
    acting,
    input,
    (round, ref, actor) => reportProblem(round, ref, actor, input.text),
    (b, a) => ({ fromStatus: b.status, toStatus: a.status, changedFields: ['notes'] }),
  );
}

/** Adds a note to a street ("bouwterrein") without changing its status. */
export function addStreetNote(
  deps: StreetChangeDeps,
  acting: Acting,
  input: StreetInput & { text: string },
): Promise<RoundStreet> {
  return changeStreet(
    deps,
    acting,
    input,
    (round, ref, actor) => addNote(round, ref, actor, input.text),
    () => ({ changedFields: ['notes'] }),
  );
}

export interface DistributionOverview {
  rounds: Round[];
  streets: (StreetCoverage & { opens: number })[];
  letters: CoverageFigures & { total: number };
  streetCounts: CoverageFigures & { total: number };
  /** Opens of the web version per street, also for streets not (yet) in a round. */
  webVersions: WebVersion[];
  opens: number;
}

/**
 * The ticked streets with the letters each gets: the whole street or only its part within the radius, as
 * the selection's street list counted them (the rounds count the same addresses).
 */
export function selectedStreets(selection: LetterSelection): SelectedStreet[] {
  const rows = new Map(selection.rows.map((r) => [streetKey(r), r]));
  return selection.streets.map((ref) => {
    const row = rows.get(streetKey(ref));
    const letters = row ? (selection.mode === 'whole_streets' ? row.on_street : row.within_radius) : 0;
    return { street: ref.street, city: ref.city, letters };
  });
}

/**
 * Coverage per street and overall over every selected street and every round of a campaign (a selected
 * street in no round counts as not yet planned), with web-version opens per street.
 */
export async function distributionOverview(
  deps: Pick<AppDeps, 'rounds' | 'webVersions' | 'letterSelections'>,
  campaignId: string,
): Promise<DistributionOverview> {
  const [rounds, webVersions, selection] = await Promise.all([
    deps.rounds.listByCampaign(campaignId),
    deps.webVersions.list(campaignId),
    deps.letterSelections.get(campaignId),
  ]);
  const opensByStreet = new Map(webVersions.map((w) => [streetKey(w), w.opens]));
  const figures = coverage(rounds, selection ? selectedStreets(selection) : []);
  return {
    rounds,
    ...figures,
    streets: figures.streets.map((s) => ({ ...s, opens: opensByStreet.get(streetKey(s)) ?? 0 })),
    webVersions,
    opens: webVersions.reduce((sum, w) => sum + w.opens, 0),
  };
}

/** The distribution list of a campaign (all rounds, or one) as CSV for Excel. */
export async function distributionCsv(
  deps: Pick<AppDeps, keyof LetterCampaignDeps | 'rounds' | 'audit' | 'clock'>,
  acting: Acting,
  input: { campaignId: string; roundId?: string },
): Promise<string> {
  await loadLetterCampaign(deps, acting, input.campaignId);
  const rounds = (await deps.rounds.listByCampaign(input.campaignId)).filter(
    (r) => !input.roundId || r.id === input.roundId,
  );
  if (input.roundId && rounds.length === 0) {
    throw new NotFoundError('Round not found', { userMessage: 'Deze bezorgronde bestaat niet.' });
  }
  await audit(deps, acting, {
    action: 'letters.exported',
    subjectType: 'distribution',
    subjectId: input.roundId ?? input.campaignId,
    campaignId: input.campaignId,
    details: { toStatus: 'distribution_list', counts: { rounds: rounds.length } },
  });
  return distributionListCsv(rounds);
}

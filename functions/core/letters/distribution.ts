import { maskPhoneNumbers } from '../audit/free-text.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { type Address, type StreetRef, streetKey } from './address.schema.js';
import {
  type Round,
  type RoundPlan,
  RoundPlanSchema,
  RoundSchema,
  type RoundStreet,
  type StreetDeliveryStatus,
} from './distribution.schema.js';
import { UndoWindowClosedError } from './letters.errors.js';
import { groupByStreet, houseNumberRanges } from './walking-order.js';

/** A delivery can be undone for this long, for a mis-tap on a phone in the street. */
export const UNDO_WINDOW_MS = 10 * 60 * 1000;

/** The one table of allowed status moves of a street in a round. */
export const DELIVERY_TRANSITIONS: Readonly<Record<StreetDeliveryStatus, readonly StreetDeliveryStatus[]>> = {
  planned: ['delivered', 'problem'],
  delivered: ['planned'],
  problem: ['delivered', 'planned'],
};

function assertTransition(from: StreetDeliveryStatus, to: StreetDeliveryStatus): void {
  if (!DELIVERY_TRANSITIONS[from].includes(to)) {
    throw new ConflictError(`Street status ${from} cannot become ${to}`, {
      userMessage: 'Deze wijziging kan niet in de huidige stand van de straat.',
      context: { from, to },
    });
  }
}

/**
 * Plans a round from the selected addresses: per street in walking order, the odd/even house-number
 * ranges and the number of letters. A street that is not in the selection is refused.
 */
export function planRound(
  planInput: RoundPlan,
  addresses: readonly Address[],
  meta: { id: string; now: Date; by: string },
): Round {
  const plan = RoundPlanSchema.parse(planInput);
  if (plan.timeSlot.from >= plan.timeSlot.to) {
    throw new ValidationError('Time slot ends before it starts', {
      userMessage: 'Het tijdvak moet eindigen na het begin.',
    });
  }
  const groups = new Map(groupByStreet(addresses).map((g) => [streetKey(g.ref), g]));
  const wanted = new Set(plan.streets.map(streetKey));
  if (wanted.size !== plan.streets.length) {
    throw new ValidationError('Street listed twice in round', {
      userMessage: 'Een straat staat twee keer in de ronde.',
    });
  }
  const streets: RoundStreet[] = [];
  for (const [key, group] of groups) {
    if (!wanted.has(key)) continue;
    streets.push({
      street: group.ref.street,
      city: group.ref.city,
      ranges: houseNumberRanges(group.addresses),
      count: group.addresses.length,
      status: 'planned',
      deliveredAt: null,
      deliveredBy: null,
      notes: [],
    });
  }
  if (streets.length !== wanted.size) {
    throw new ValidationError('Round contains a street outside the selection', {
      userMessage: 'Een straat in de ronde hoort niet bij de geselecteerde straten.',
    });
  }
  return RoundSchema.parse({
    id: meta.id,
    campaignId: plan.campaignId,
    date: plan.date,
    timeSlot: plan.timeSlot,
    team: [...new Set(plan.team)],
    streets,
    createdAt: meta.now.toISOString(),
    createdBy: meta.by,
  });
}

function assertTeamMember(round: Round, userId: string): void {
  if (!round.team.includes(userId)) {
    throw new ForbiddenError('User not in round team', {
      userMessage: 'U bent niet ingedeeld in deze bezorgronde.',
    });
  }
}

function updateStreet(round: Round, ref: StreetRef, change: (street: RoundStreet) => RoundStreet): Round {
  const key = streetKey(ref);
  const index = round.streets.findIndex((s) => streetKey(s) === key);
  const current = round.streets[index];
  if (!current) {
    throw new NotFoundError('Street not in round', { userMessage: 'Deze straat hoort niet bij de ronde.' });
  }
  const streets = round.streets.slice();
  streets[index] = change(current);
  return { ...round, streets };
}

/** Marks a street delivered by a team member, time-stamped. */
export function markDelivered(round: Round, ref: StreetRef, actor: { userId: string; now: Date }): Round {
  assertTeamMember(round, actor.userId);
  return updateStreet(round, ref, (street) => {
    assertTransition(street.status, 'delivered');
    return {
      ...street,
      status: 'delivered',
      deliveredAt: actor.now.toISOString(),
      deliveredBy: actor.userId,
    };
  });
}

/** Undoes a delivery within ten minutes of registering it; later it stands. */
export function undoDelivery(round: Round, ref: StreetRef, actor: { userId: string; now: Date }): Round {
  assertTeamMember(round, actor.userId);
  return updateStreet(round, ref, (street) => {
    assertTransition(street.status, 'planned');
    if (street.status === 'delivered') {
      const deliveredAt = Date.parse(street.deliveredAt ?? '');
      const elapsed = actor.now.getTime() - deliveredAt;
      if (!(elapsed >= 0 && elapsed <= UNDO_WINDOW_MS))
        throw new UndoWindowClosedError(UNDO_WINDOW_MS / 60_000);
    }
    return { ...street, status: 'planned', deliveredAt: null, deliveredBy: null };
  });
}

function note(actor: { userId: string; now: Date }, text: string) {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > 500) {
    throw new ValidationError('Note empty or too long', {
      userMessage: 'Een notitie heeft 1 tot 500 tekens.',
      context: { length: trimmed.length },
    });
  }
  return { at: actor.now.toISOString(), by: actor.userId, text: maskPhoneNumbers(trimmed) };
}

/** Adds a note to a street ("bouwterrein") without changing its status. */
export function addNote(
  round: Round,
  ref: StreetRef,
  actor: { userId: string; now: Date },
  text: string,
): Round {
  assertTeamMember(round, actor.userId);
  return updateStreet(round, ref, (street) => ({ ...street, notes: [...street.notes, note(actor, text)] }));
}

/** Reports a problem ("brievenbus dichtgeplakt"): the street is not delivered and needs attention. */
export function reportProblem(
  round: Round,
  ref: StreetRef,
  actor: { userId: string; now: Date },
  text: string,
): Round {
  assertTeamMember(round, actor.userId);
  return updateStreet(round, ref, (street) => {
    assertTransition(street.status, 'problem');
    return { ...street, status: 'problem', notes: [...street.notes, note(actor, text)] };
  });
}

export interface CoverageFigures {
  planned: number;
  delivered: number;
  problems: number;
  /** Selected for the letter but in no round yet. */
  unplanned: number;
}

/** A street's state on the overview: its delivery status, or `unplanned` while no round includes it. */
export type StreetCoverageStatus = StreetDeliveryStatus | 'unplanned';

export interface StreetCoverage extends CoverageFigures {
  street: string;
  city: string;
  /** Letters in this street: over all rounds, or the selection's count while it is in none. */
  letters: number;
  status: StreetCoverageStatus;
}

/** A selected street and the letters it gets, whether or not a round includes it yet. */
export interface SelectedStreet {
  street: string;
  city: string;
  letters: number;
}

/**
 * Coverage per street and overall, over every round of a campaign and every selected street. Per street the
 * figures count letters: planned (not yet delivered), delivered, in problem streets, and unplanned (selected
 * but in no round: planned is not selected, so the total counts them too). A street in several rounds is
 * delivered only when every round delivered it.
 */
export function coverage(
  rounds: readonly Round[],
  selected: readonly SelectedStreet[] = [],
): {
  streets: StreetCoverage[];
  letters: CoverageFigures & { total: number };
  streetCounts: CoverageFigures & { total: number };
} {
  const perStreet = new Map<string, StreetCoverage>();
  for (const round of rounds) {
    for (const s of round.streets) {
      const key = streetKey(s);
      const row = perStreet.get(key) ?? {
        street: s.street,
        city: s.city,
        letters: 0,
        planned: 0,
        delivered: 0,
        problems: 0,
        unplanned: 0,
        status: 'delivered' as StreetCoverageStatus,
      };
      row.letters += s.count;
      if (s.status === 'planned') row.planned += s.count;
      if (s.status === 'delivered') row.delivered += s.count;
      if (s.status === 'problem') row.problems += s.count;
      row.status = row.problems > 0 ? 'problem' : row.planned > 0 ? 'planned' : 'delivered';
      perStreet.set(key, row);
    }
  }
  for (const s of selected) {
    const key = streetKey(s);
    if (perStreet.has(key) || s.letters === 0) continue;
    perStreet.set(key, {
      street: s.street,
      city: s.city,
      letters: s.letters,
      planned: 0,
      delivered: 0,
      problems: 0,
      unplanned: s.letters,
      status: 'unplanned',
    });
  }
  const streets = [...perStreet.values()].sort(
    (a, b) => a.city.localeCompare(b.city, 'nl') || a.street.localeCompare(b.street, 'nl'),
  );
  const sum = (pick: (s: StreetCoverage) => number) => streets.reduce((total, s) => total + pick(s), 0);
  const countOf = (status: StreetCoverageStatus) => streets.filter((s) => s.status === status).length;
  return {
    streets,
    letters: {
      total: sum((s) => s.letters),
      planned: sum((s) => s.planned),
      delivered: sum((s) => s.delivered),
      problems: sum((s) => s.problems),
      unplanned: sum((s) => s.unplanned),
    },
    streetCounts: {
      total: streets.length,
      planned: countOf('planned'),
      delivered: countOf('delivered'),
      problems: countOf('problem'),
      unplanned: countOf('unplanned'),
    },
  };
}

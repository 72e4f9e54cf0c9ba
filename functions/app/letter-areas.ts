import * as z from 'zod';
import { RateLimitedError, ValidationError } from '../core/errors.js';
import {
  type Address,
  type GeoPoint,
  type StreetRef,
  StreetRefSchema,
  streetKey,
} from '../core/letters/address.schema.js';
import {
  type AreaPoint,
  addressesFingerprint,
  type LetterSelection,
} from '../core/letters/letter-records.schema.js';
import type { AddressExtent, AddressSuggestion, GeocodedAddress } from '../core/letters/ports.js';
import {
  addressesForSelection,
  DEFAULT_RADIUS_M,
  findStreetsAround,
  MAX_POINTS,
  type SelectionMode,
  SelectionModeSchema,
} from '../core/letters/selection.js';
import { type Acting, audit } from './audit.js';
import { assertHolds } from './campaign-access.js';
import type { AppDeps } from './deps.js';
import {
  type LetterCampaignDeps,
  loadLetterCampaign,
  requireSelection,
  selectedAddresses,
} from './letter-campaign.js';
import { getSettings } from './settings.js';

export { DEFAULT_RADIUS_M };

const COORDINATES = /^\s*(-?\d{1,3}(?:[.]\d+)?)\s*[,;]\s*(-?\d{1,3}(?:[.]\d+)?)\s*$/;

/** "52.09,5.11" → a point; anything else is an address to geocode. */
export function parseCoordinates(text: string): GeoPoint | null {
  const match = COORDINATES.exec(text);
  return match ? { lat: Number(match[1]), lon: Number(match[2]) } : null;
}

/** How many suggestion requests one person may make per minute: typing is a few a second at most. */
export const SUGGESTIONS_PER_MINUTE = 120;
const SUGGEST_MAX_CHARS = 120;
const SUGGEST_LIMIT = 8;

/**
 * Address suggestions while the user types an arrest location (autocomplete). Bounded per person, in
 * length and in number of answers, so the page's search cannot be used to harvest the address register.
 */
export async function suggestAddresses(
  deps: Pick<AppDeps, 'addresses' | 'rateLimits' | 'clock'>,
  acting: Acting,
  text: string,
): Promise<AddressSuggestion[]> {
  assertHolds(acting, 'letters.prepare');
  const query = text.trim().slice(0, SUGGEST_MAX_CHARS);
  if (query.length < 3 || parseCoordinates(query)) return [];
  const key = `adressen:${acting.actor.userId}`;
  if (!(await deps.rateLimits.take(key, SUGGESTIONS_PER_MINUTE, 60_000, deps.clock.now()))) {
    throw new RateLimitedError('Too many address suggestions', {
      userMessage: 'U zocht erg vaak naar adressen. Probeer het over een minuut opnieuw.',
    });
  }
  return deps.addresses.suggest(query, SUGGEST_LIMIT);
}

/** The position of one suggestion (by its id), for a source whose suggestions carry none (PDOK suggest). */
export async function lookupSuggestion(
  deps: Pick<AppDeps, 'addresses'>,
  acting: Acting,
  id: string,
): Promise<GeocodedAddress | null> {
  assertHolds(acting, 'letters.prepare');
  if (!/^[\w-]{1,64}$/.test(id)) return null;
  return deps.addresses.geocode(id);
}

/** Where the map opens before a location is chosen, and the streets the page names as examples. */
export function addressExtent(deps: Pick<AppDeps, 'addresses'>): AddressExtent | undefined {
  return deps.addresses.extent?.();
}

/**
 * Turns what the user typed per location into points: coordinates as given, an address through the
 * source's geocoder. An address that does not resolve is refused by its position in the form.
 */
export async function resolveLocations(
  deps: Pick<AppDeps, 'addresses'>,
  acting: Acting,
  entries: readonly string[],
): Promise<AreaPoint[]> {
  assertHolds(acting, 'letters.prepare');
  const filled = entries.map((e) => e.trim()).filter((e) => e.length > 0);
  if (filled.length === 0) {
    throw new ValidationError('No location given', {
      userMessage: 'Vul minstens één adres of coördinaat in (bijvoorbeeld 52.0907, 5.1214).',
    });
  }
  if (filled.length > MAX_POINTS) {
    throw new ValidationError('Too many locations', {
      userMessage: `Geef hoogstens ${MAX_POINTS} locaties op.`,
      context: { points: filled.length },
    });
  }
  const points: AreaPoint[] = [];
  for (const [index, entry] of filled.entries()) {
    const point = parseCoordinates(entry);
    if (point) {
      points.push({ ...point, label: `${point.lat.toFixed(5)}, ${point.lon.toFixed(5)}` });
      continue;
    }
    const found = await deps.addresses.geocode(entry.slice(0, 200));
    if (!found) {
      throw new ValidationError('Address did not geocode', {
        userMessage: `Locatie ${index + 1} is niet gevonden. Controleer straat, huisnummer en plaats, of geef coördinaten op.`,
        context: { index },
      });
    }
    points.push({ ...found.point, label: found.label.slice(0, 200) });
  }
  return points;
}

export const AreaInputSchema = z.object({
  campaignId: z.string().min(1),
  points: z.array(z.object({ lat: z.number(), lon: z.number(), label: z.string().max(200) })),
  radiusM: z.number(),
  residentialOnly: z.boolean().default(true),
});
export type AreaInput = z.input<typeof AreaInputSchema>;

function letterFigures(
  selection: Pick<LetterSelection, 'streets' | 'mode' | 'points' | 'radiusM' | 'residentialOnly'>,
  withinRadius: readonly Address[],
  onStreets: readonly Address[],
): { letterCount: number; addressesFingerprint: string } {
  const addresses = addressesForSelection({ ...selection, withinRadius, onStreets });
  return { letterCount: addresses.length, addressesFingerprint: addressesFingerprint(addresses) };
}

export type LetterAreaDeps = Pick<
  AppDeps,
  keyof LetterCampaignDeps | 'settings' | 'addresses' | 'letterSelections' | 'clock' | 'audit'
>;

/**
 * Chooses the area of a letter campaign: arrest locations and radius. Every street with an address within
 * the radius is listed and ticked; the mode (whole streets or within the radius) is kept from before.
 */
export async function selectArea(
  deps: LetterAreaDeps,
  acting: Acting,
  input: AreaInput,
): Promise<LetterSelection> {
  const { campaignId, points, radiusM, residentialOnly } = AreaInputSchema.parse(input);
  const { campaign } = await loadLetterCampaign(deps, acting, campaignId);
  const settings = await getSettings(deps);
  const {
    selection: list,
    withinRadius,
    onStreets,
  } = await findStreetsAround(
    deps.addresses,
    { points, radiusM, residentialOnly },
    { maxRadiusM: settings.maxRadiusMetres },
  );
  const previous = await deps.letterSelections.get(campaignId);
  const mode: SelectionMode = previous?.mode ?? 'whole_streets';
  const streets = list.streets.map((row) => ({ street: row.street, city: row.city }));
  const base = { points, radiusM, residentialOnly, mode, streets };
  const selection: LetterSelection = {
    campaignId,
    ...base,
    rows: list.streets,
    ...letterFigures(base, withinRadius, onStreets),
    updatedAt: deps.clock.now().toISOString(),
    updatedBy: acting.actor.userId,
    version: (previous?.version ?? -1) + 1,
  };
  await deps.letterSelections.save(selection, previous?.version ?? null);
  await audit(deps, acting, {
    action: 'campaign.edited',
    subjectType: 'letter',
    subjectId: campaignId,
    caseId: campaign.caseId,
    campaignId,
    fingerprint: selection.addressesFingerprint,
    details: {
      changedFields: ['area'],
      counts: {
        points: points.length,
        radius_m: Math.round(radiusM),
        streets: streets.length,
        letters: selection.letterCount,
      },
    },
  });
  return selection;
}

export const StreetChoiceSchema = z.object({
  campaignId: z.string().min(1),
  streets: z.array(StreetRefSchema),
  mode: SelectionModeSchema,
  /** The selection version the form showed; a stale form is refused instead of overwriting. */
  version: z.number().int().min(0),
});
export type StreetChoice = z.infer<typeof StreetChoiceSchema>;

/** Ticks streets on or off and chooses whole streets or within the radius only. */
export async function chooseStreets(
  deps: LetterAreaDeps,
  acting: Acting,
  input: StreetChoice,
): Promise<LetterSelection> {
  const { campaignId, streets, mode, version } = StreetChoiceSchema.parse(input);
  const { campaign } = await loadLetterCampaign(deps, acting, campaignId);
  const current = await requireSelection(deps, campaignId);
  const listed = new Map(current.rows.map((r) => [streetKey(r), r]));
  const ticked = new Map<string, StreetRef>();
  for (const ref of streets) {
    if (!listed.has(streetKey(ref))) {
      throw new ValidationError('Street not in the area', {
        userMessage: 'Een gekozen straat ligt niet in het gebied. Laad de pagina opnieuw.',
      });
    }
    ticked.set(streetKey(ref), { street: ref.street, city: ref.city });
  }
  const { withinRadius, onStreets } = await selectedAddresses(deps, current);
  const base = { ...current, streets: [...ticked.values()], mode };
  const selection: LetterSelection = {
    ...base,
    ...letterFigures(base, withinRadius, onStreets),
    updatedAt: deps.clock.now().toISOString(),
    updatedBy: acting.actor.userId,
    version: version + 1,
  };
  await deps.letterSelections.save(selection, version);
  await audit(deps, acting, {
    action: 'campaign.edited',
    subjectType: 'letter',
    subjectId: campaignId,
    caseId: campaign.caseId,
    campaignId,
    fingerprint: selection.addressesFingerprint,
    details: {
      changedFields: ['streets', 'mode'],
      counts: { streets: selection.streets.length, letters: selection.letterCount },
    },
  });
  return selection;
}

/** Everything the area page shows: the stored selection and the addresses behind it, re-derived. */
export async function areaOverview(
  deps: Pick<AppDeps, 'campaigns' | 'cases' | 'letterSelections' | 'addresses'>,
  acting: Acting,
  campaignId: string,
): Promise<{
  selection: LetterSelection | undefined;
  letters: Address[];
  around: Address[];
}> {
  await loadLetterCampaign(deps, acting, campaignId);
  const selection = await deps.letterSelections.get(campaignId);
  if (!selection) return { selection, letters: [], around: [] };
  const { addresses, withinRadius, onStreets } = await selectedAddresses(deps, selection);
  const seen = new Set<string>();
  const around = [...onStreets, ...withinRadius].filter((a) => !seen.has(a.id) && seen.add(a.id));
  return { selection, letters: addresses, around };
}

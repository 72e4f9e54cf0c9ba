import { APPROVED_STATUSES, type Campaign } from '../core/campaigns/campaign.schema.js';
import type { Case } from '../core/campaigns/case.schema.js';
import { ConflictError, NotFoundError } from '../core/errors.js';
import type { Address } from '../core/letters/address.schema.js';
import { type LetterBranding, LetterBrandingSchema } from '../core/letters/letter.schema.js';
import type { LetterSelection } from '../core/letters/letter-records.schema.js';
import { addressesForSelection, findStreetsAround } from '../core/letters/selection.js';
import type { Settings } from '../core/settings/settings.schema.js';
import type { Acting } from './audit.js';
import { assertHolds } from './campaign-access.js';
import type { AppDeps } from './deps.js';

/** A letter campaign with its case: what every letter use case starts from. */
export interface LetterCampaign {
  campaign: Campaign;
  kase: Case;
}

export type LetterCampaignDeps = Pick<AppDeps, 'campaigns' | 'cases'>;

/**
 * Loads a letter campaign and its case for a person who prepares letters (`letters.prepare`):
 * ActionForbiddenError for anyone else, NotFoundError for an unknown id or an SMS campaign. Every letter use
 * case a person starts begins here, so letter access does not rest on the route guards alone.
 */
export async function loadLetterCampaign(
  deps: LetterCampaignDeps,
  acting: Acting,
  campaignId: string,
): Promise<LetterCampaign> {
  assertHolds(acting, 'letters.prepare');
  return findLetterCampaign(deps, campaignId);
}

/**
 * Loads a letter campaign and its case without asking who wants it: for the print job, whose starter was
 * checked when it was recorded, and for reads a checked use case makes. NotFoundError as above.
 */
export async function findLetterCampaign(
  deps: LetterCampaignDeps,
  campaignId: string,
): Promise<LetterCampaign> {
  const campaign = await deps.campaigns.get(campaignId);
  if (campaign?.kind !== 'letter') {
    throw new NotFoundError('Letter campaign not found', {
      userMessage: 'Dit wijkbericht bestaat niet (meer).',
      context: { campaignId },
    });
  }
  const kase = await deps.cases.get(campaign.caseId);
  if (!kase) {
    throw new NotFoundError('Case of letter campaign not found', {
      userMessage: 'De zaak van dit wijkbericht bestaat niet (meer).',
      context: { campaignId },
    });
  }
  return { campaign, kase };
}

/** The selection of a campaign; NotFoundError when no area was chosen yet. */
export async function requireSelection(
  deps: Pick<AppDeps, 'letterSelections'>,
  campaignId: string,
): Promise<LetterSelection> {
  const selection = await deps.letterSelections.get(campaignId);
  if (!selection) {
    throw new NotFoundError('No area selected', {
      userMessage: 'Kies eerst het gebied en de straten van dit wijkbericht.',
      context: { campaignId },
    });
  }
  return selection;
}

/**
 * The addresses that get a letter, re-derived from the address source: the store keeps only the points,
 * radius, mode and ticked streets.
 */
export async function selectedAddresses(
  deps: Pick<AppDeps, 'addresses'>,
  selection: LetterSelection,
): Promise<{ addresses: Address[]; withinRadius: Address[]; onStreets: Address[] }> {
  const { withinRadius, onStreets } = await findStreetsAround(
    deps.addresses,
    { points: selection.points, radiusM: selection.radiusM, residentialOnly: selection.residentialOnly },
    { maxRadiusM: Number.POSITIVE_INFINITY },
  );
  const addresses = addressesForSelection({
    streets: selection.streets,
    mode: selection.mode,
    points: selection.points,
    radiusM: selection.radiusM,
    withinRadius,
    onStreets,
    residentialOnly: selection.residentialOnly,
  });
  return { addresses, withinRadius, onStreets };
}

/**
 * Refuses printing unless the campaign holds a valid approval of exactly this address set: approved (or
 * later) status, an unexpired approval, and the request's recipient fingerprint equal to the selection's.
 */
export function assertApprovedForPrint(campaign: Campaign, selection: LetterSelection, now: Date): void {
  const approved =
    APPROVED_STATUSES.includes(campaign.status) &&
    campaign.approval !== null &&
    campaign.approvalRequest !== null &&
    Date.parse(campaign.approval.expiresAt) > now.getTime();
  if (!approved) {
    throw new ConflictError('Letter campaign not approved', {
      userMessage:
        'Dit wijkbericht is nog niet goedgekeurd. Bied het ter goedkeuring aan; na goedkeuring kunt u de brieven maken en printen.',
      context: { campaignId: campaign.id, status: campaign.status },
    });
  }
  if (campaign.approvalRequest?.recipientsFingerprint !== selection.addressesFingerprint) {
    throw new ConflictError('Selection differs from the approved address set', {
      userMessage:
        'De straten zijn gewijzigd na de goedkeuring. Bied het wijkbericht opnieuw ter goedkeuring aan.',
      context: { campaignId: campaign.id },
    });
  }
}

const FALLBACK_LOGO = (colour: string) =>
  `data:image/svg+xml;base64,${Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40"><rect width="40" height="40" fill="${colour}"/></svg>`,
  ).toString('base64')}`;

/**
 * The letter branding from the municipality settings: organisation, colour, logo, a function title and the
 * general contact line; never a person's name or direct number.
 */
export function brandingFromSettings(settings: Settings): LetterBranding {
  return LetterBrandingSchema.parse({
    municipality: settings.municipality,
    senderLine: settings.senderLine,
    logo: settings.logoUrl || FALLBACK_LOGO(settings.primaryColor),
    primaryColour: settings.primaryColor,
    signatureTitle: settings.signatureTitle,
    contactLine: settings.generalContact,
  });
}

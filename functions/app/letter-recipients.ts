import type { LetterSelection } from '../core/letters/letter-records.schema.js';
import type { Acting } from './audit.js';
import { editCampaign } from './campaigns.js';
import { type AreaInput, chooseStreets, type StreetChoice, selectArea } from './letter-areas.js';

/** What binding a letter campaign's recipients to its selection uses. */
export type SyncRecipientsDeps = Parameters<typeof editCampaign>[0];
/** What saving an area or streets uses: the selection and the campaign's recipients. */
export type SaveLetterSelectionDeps = SyncRecipientsDeps &
  Parameters<typeof selectArea>[0] &
  Parameters<typeof chooseStreets>[0];

/**
 * Binds the campaign's approval to the selection: the address fingerprint and counts become the campaign's
 * recipient set, so any change of area or streets voids an earlier approval through the campaign's own
 * state machine.
 */
export async function syncRecipients(
  deps: SyncRecipientsDeps,
  acting: Acting,
  selection: LetterSelection,
): Promise<void> {
  const campaign = await deps.campaigns.get(selection.campaignId);
  if (!campaign || campaign.recipients.fingerprint === selection.addressesFingerprint) return;
  const onStreets = selection.rows.reduce((sum, r) => sum + r.on_street, 0);
  await editCampaign(deps, acting, selection.campaignId, {
    recipients: {
      fingerprint: selection.addressesFingerprint,
      counts: {
        imported: Math.max(onStreets, selection.letterCount),
        valid: selection.letterCount,
        sendable: selection.letterCount,
        excluded: {},
      },
    },
  });
}

/** Chooses a letter campaign's area and makes its addresses the campaign's recipients. */
export async function saveLetterArea(
  deps: SaveLetterSelectionDeps,
  acting: Acting,
  input: AreaInput,
): Promise<LetterSelection> {
  const selection = await selectArea(deps, acting, input);
  await syncRecipients(deps, acting, selection);
  return selection;
}

/** Chooses a letter campaign's streets and makes their addresses the campaign's recipients. */
export async function saveLetterStreets(
  deps: SaveLetterSelectionDeps,
  acting: Acting,
  input: StreetChoice,
): Promise<LetterSelection> {
  const selection = await chooseStreets(deps, acting, input);
  await syncRecipients(deps, acting, selection);
  return selection;
}

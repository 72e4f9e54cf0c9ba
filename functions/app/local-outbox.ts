import type { CampaignStatus } from '../core/campaigns/campaign.schema.js';
import { type OutboxMessage, type OutboxSettings, OutboxSettingsSchema } from '../core/sending/ports.js';
import type { AppDeps } from './deps.js';

/** How many of the newest messages the outbox page shows. */
const SHOWN = 500;

/** Campaigns that may have messages in the outbox: sending has been started for them at some point. */
const SENT_STATUSES: readonly CampaignStatus[] = ['sending', 'paused', 'completed', 'cancelled'];

export type LocalOutboxDeps = Pick<AppDeps, 'sending' | 'campaigns'>;

export interface LocalOutboxModel {
  messages: OutboxMessage[];
  settings: OutboxSettings;
  /** The SMS campaigns the page can filter on, newest change first. */
  campaigns: { id: string; name: string }[];
  /** The campaign filtered on, if one is chosen and known. */
  campaignId: string | undefined;
}

/**
 * The embedded runtime's outbox as its page shows it: the newest messages (of one campaign when `campaignId`
 * names one) and the simulation settings; undefined where there is no local outbox (AWS). A message belongs to
 * the campaign whose tracked link (`/r/<code>`) it carries: every variant text has that link, and the code's
 * owner is one lookup per variant rather than one per message.
 */
export async function localOutboxModel(
  deps: LocalOutboxDeps,
  campaignId?: string,
): Promise<LocalOutboxModel | undefined> {
  const outbox = deps.sending.outbox;
  if (!outbox) return undefined;
  const lists = await Promise.all(SENT_STATUSES.map((status) => deps.campaigns.listByStatus(status)));
  const campaigns = lists
    .flat()
    .filter((c) => c.kind === 'sms')
    .map((c) => ({ id: c.id, name: c.name }));
  const chosen = campaigns.some((c) => c.id === campaignId) ? campaignId : undefined;
  const settings = outbox.settings();
  if (chosen === undefined)
    return { messages: await outbox.list(SHOWN), settings, campaigns, campaignId: undefined };
  const owners = new Map<string, string | undefined>();
  const ownerOf = async (message: OutboxMessage): Promise<string | undefined> => {
    const code = /\/r\/([A-Za-z0-9_-]{6,24})/.exec(message.body)?.[1];
    if (code === undefined) return undefined;
    if (!owners.has(code)) owners.set(code, (await deps.sending.links.get(code))?.campaignId);
    return owners.get(code);
  };
  const messages: OutboxMessage[] = [];
  for (const message of await outbox.list(Number.POSITIVE_INFINITY)) {
    if ((await ownerOf(message)) === chosen) messages.push(message);
    if (messages.length >= SHOWN) break;
  }
  return { messages, settings, campaigns, campaignId: chosen };
}

/**
 * Changes the outbox's simulation from its settings form (numbers with a decimal comma allowed, the receipts
 * box ticked as `ja`): 'saved', 'invalid' when the values do not parse, or 'absent' without a local outbox.
 */
export function configureLocalOutbox(
  deps: Pick<AppDeps, 'sending'>,
  form: Record<string, string>,
): 'saved' | 'invalid' | 'absent' {
  const outbox = deps.sending.outbox;
  if (!outbox) return 'absent';
  const value = (name: string) => Number(String(form[name] ?? '').replace(',', '.'));
  const parsed = OutboxSettingsSchema.safeParse({
    ...Object.fromEntries(Object.keys(outbox.settings()).map((k) => [k, value(k)])),
    simulateReceipts: form.simulateReceipts === 'ja',
  });
  if (!parsed.success) return 'invalid';
  outbox.configure(parsed.data);
  return 'saved';
}

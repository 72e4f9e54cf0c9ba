import { type OutboxMessage, type OutboxSettings, OutboxSettingsSchema } from '../core/sending/ports.js';
import type { AppDeps } from './deps.js';

/** How many of the newest messages the outbox page shows. */
const SHOWN = 500;

/**
 * The embedded runtime's outbox as its page shows it: the newest messages and the simulation settings;
 * undefined where there is no local outbox (AWS).
 */
export async function localOutboxModel(
  deps: Pick<AppDeps, 'sending'>,
): Promise<{ messages: OutboxMessage[]; settings: OutboxSettings } | undefined> {
  const outbox = deps.sending.outbox;
  if (!outbox) return undefined;
  return { messages: await outbox.list(SHOWN), settings: outbox.settings() };
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

import { parseInboundSmsEvent } from '../adapters/sns/inbound-sms.js';
import type { AppDeps } from '../app/deps.js';
import { recordOptOut } from '../app/opt-out.js';
import { parseConfig } from '../config.js';
import { awsDeps } from '../deps.js';

/** Texts to the two-way number, via an SNS topic: STOP, STOPPEN and AFMELDEN put the sender on the opt-out list. */
export async function handleInboundSmsEvent(deps: AppDeps, event: unknown) {
  const { intents, skipped } = parseInboundSmsEvent(event);
  const optOuts = intents.flatMap((i) => (i.kind === 'opt_out' ? [i] : []));
  for (const i of optOuts) await recordOptOut(deps, { number: i.originationNumber, channel: 'sms' });
  return { optOuts: optOuts.length, ignored: intents.length - optOuts.length, skipped };
}

let deps: Promise<AppDeps> | undefined;
/** Wired at the first invocation, not at import, so tests can import the event handling alone. */
function wired(): Promise<AppDeps> {
  deps ??= awsDeps(parseConfig(process.env));
  return deps;
}
export const handler = async (event: unknown) => handleInboundSmsEvent(await wired(), event);

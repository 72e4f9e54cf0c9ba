import { DynamoAuditStore } from '../adapters/dynamodb/audit-store.js';
import { DynamoHashListStore } from '../adapters/dynamodb/hash-list-store.js';
import { DynamoSettingsStore } from '../adapters/dynamodb/settings-store.js';
import { parseInboundSmsEvent } from '../adapters/sns/inbound-sms.js';
import { type OptOutDeps, recordOptOut } from '../app/opt-out.js';
import type { Config } from '../config.js';
import { awsRuntime, awsSecrets, awsTables } from './aws.js';

/** The inbound-SMS function: the settings (the default region), the opt-out list and the audit log. */
export async function buildInboundSmsDeps(config: Config): Promise<OptOutDeps> {
  const { clock, ids } = awsRuntime(config);
  const table = awsTables(config);
  return {
    clock,
    secrets: await awsSecrets(config),
    settings: new DynamoSettingsStore(table('main')),
    hashLists: new DynamoHashListStore(table('hashes')),
    audit: new DynamoAuditStore(table('audit'), ids),
  };
}

/** Texts to the two-way number, via an SNS topic: STOP, STOPPEN and AFMELDEN put the sender on the opt-out list. */
export async function handleInboundSmsEvent(deps: OptOutDeps, event: unknown) {
  const { intents, skipped } = parseInboundSmsEvent(event);
  const optOuts = intents.flatMap((i) => (i.kind === 'opt_out' ? [i] : []));
  for (const i of optOuts) await recordOptOut(deps, { number: i.originationNumber, channel: 'sms' });
  return { optOuts: optOuts.length, ignored: intents.length - optOuts.length, skipped };
}

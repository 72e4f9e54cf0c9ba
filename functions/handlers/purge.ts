import type { AppDeps } from '../app/deps.js';
import { purgeDueCampaigns } from '../app/purge.js';
import { parseConfig } from '../config.js';
import { awsDeps } from '../deps.js';

let deps: Promise<AppDeps> | undefined;
/** Wired at the first invocation, not at import, so tests can import the handler alone. */
function wired(): Promise<AppDeps> {
  deps ??= awsDeps(parseConfig(process.env));
  return deps;
}

/** EventBridge Scheduler invokes this nightly; a campaign that failed fails the run, so the DLQ and alarm see it. */
export const handler = async () => {
  const report = await purgeDueCampaigns(await wired());
  if (report.failed.length > 0) throw new Error(`Purge failed for ${report.failed.length} campaign(s)`);
  return report;
};

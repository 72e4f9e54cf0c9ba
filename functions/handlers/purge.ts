import { parseConfig } from '../config.js';
import { lazyStart } from '../wiring/lazy-start.js';
import { buildPurgeDeps, runNightlyPurge } from '../wiring/purge.js';

/** EventBridge Scheduler invokes this nightly; a campaign that failed fails the run, so the DLQ and alarm see it. */
const deps = lazyStart(() => buildPurgeDeps(parseConfig(process.env)));
export const handler = async () => runNightlyPurge(await deps());

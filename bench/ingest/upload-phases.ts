import { createCampaignFromBlueprint } from '../../functions/app/campaigns.js';
import { uploadContactFiles } from '../../functions/app/contact-files.js';
import { startLocalRuntime } from '../../functions/local/runtime.js';
import { adviserActing } from '../../test/fixtures/purge-builders.js';
import { aCase } from '../../test/fixtures/sms-builders.js';
import { phoneExport } from './phone-export.js';

/**
 * Where the upload path's time goes: the ingest benchmark's case (10 phones, a quarter of the rows unique) at
 * `ROWS` rows, uploaded once through the use case on the embedded DynamoDB, with the time spent in each store
 * call summed. `node --import tsx bench/ingest/upload-phases.ts` (ROWS defaults to 20,000).
 */
const rows = Number(process.env.ROWS ?? 20_000);
const upload = phoneExport(rows, Math.round(rows / 4), 10, 20_240_917);
const runtime = await startLocalRuntime({ logLevel: 'ERROR' });
const { deps } = runtime;
const spent = new Map<string, number>();
function timed<T extends object>(target: T, method: keyof T & string, label: string): void {
  const original = target[method] as unknown as (...args: unknown[]) => Promise<unknown>;
  (target as Record<string, unknown>)[method] = async (...args: unknown[]) => {
    const start = performance.now();
    try {
      return await original.apply(target, args);
    } finally {
      spent.set(label, (spent.get(label) ?? 0) + performance.now() - start);
    }
  };
}
timed(deps.recipients, 'replace', 'recipients.replace');
timed(deps.contactUploads, 'extraction', 'contactUploads.extraction');
timed(deps.contactUploads, 'add', 'contactUploads.add');
timed(deps.contactUploads, 'list', 'contactUploads.list');
timed(deps.audit, 'append', 'audit.append');
try {
  await deps.cases.create(aCase({ id: 'case-phases' }));
  const campaign = await createCampaignFromBlueprint(deps, adviserActing, {
    caseId: 'case-phases',
    blueprintId: 'sms-bom-straathandel',
    name: 'Tijdsverdeling',
  });
  const start = performance.now();
  for (const file of upload.files)
    await uploadContactFiles(deps, adviserActing, campaign.id, { source: file.source, files: [file] });
  const total = performance.now() - start;
  console.log(`${rows} rows in ${Math.round(total)} ms (${Math.round(rows / (total / 1000))} rows/s)`);
  for (const [label, ms] of spent) console.log(`${label}: ${Math.round(ms)} ms`);
} finally {
  await runtime.close();
}

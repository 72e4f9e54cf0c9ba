import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Acting } from '../../../functions/app/audit.js';
import { uploadContactFiles } from '../../../functions/app/contact-files.js';
import { removeContactUpload } from '../../../functions/app/contact-uploads.js';
import type { AppDeps } from '../../../functions/app/deps.js';
import { csvOf, mobile, vcardOf } from '../../fixtures/sms-builders.js';
import { draftCampaign, personWith, runtimeWithClock } from './sms-support.js';

/*
 * Every upload and every removal rewrites only the recipient items that changed. Whatever the sequence, the
 * stored set, its counts, funnel and fingerprint must be exactly what uploading only the surviving files into a
 * fresh campaign gives.
 */

type Step =
  | { kind: 'upload'; phone: number; vcard: boolean; numbers: number[] }
  | { kind: 'remove'; pick: number };

const STEP: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('upload' as const),
      phone: fc.integer({ min: 1, max: 3 }),
      vcard: fc.boolean(),
      numbers: fc.array(fc.nat({ max: 25 }), { minLength: 1, maxLength: 8 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }) },
);

const fileOf = (step: Extract<Step, { kind: 'upload' }>) => {
  const numbers = step.numbers.map(mobile);
  return {
    name: step.vcard ? 'export.vcf' : 'export.csv',
    bytes: new TextEncoder().encode(step.vcard ? vcardOf(numbers) : csvOf(numbers)),
  };
};

async function upload(
  deps: AppDeps,
  acting: Acting,
  campaignId: string,
  step: Extract<Step, { kind: 'upload' }>,
) {
  return uploadContactFiles(deps, acting, campaignId, {
    source: `telefoon ${step.phone}`,
    files: [fileOf(step)],
  });
}

async function storedState(deps: AppDeps, campaignId: string) {
  const campaign = await deps.campaigns.get(campaignId);
  const entries = (await deps.recipients.list(campaignId)).sort((a, b) => a.id.localeCompare(b.id));
  return {
    entries,
    counts: campaign?.recipients.counts ?? null,
    fingerprint: campaign?.recipients.fingerprint ?? null,
    storedFingerprint: await deps.recipients.fingerprint(campaignId),
    statuses: await deps.recipients.countByStatus(campaignId),
  };
}

describe('the recipient set after uploads and removals', () => {
  let env: Awaited<ReturnType<typeof runtimeWithClock>>;
  let adviser: Acting;
  beforeAll(async () => {
    env = await runtimeWithClock(Date.parse('2026-05-01T10:00:00Z'));
    adviser = await personWith(env.deps, 'adviseur-incrementeel', ['adviser']);
  });
  afterAll(() => env.close());

  it('equals a full rebuild from the surviving files', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(STEP, { minLength: 1, maxLength: 6 }), async (steps) => {
        const { deps } = env;
        const campaignId = await draftCampaign(deps, adviser);
        const surviving: { uploadId: string; step: Extract<Step, { kind: 'upload' }> }[] = [];
        for (const step of steps) {
          if (step.kind === 'upload') {
            const known = new Set((await deps.contactUploads.list(campaignId)).map((u) => u.id));
            const result = await upload(deps, adviser, campaignId, step);
            const added = result.uploads.find((u) => !known.has(u.id));
            if (!added) throw new Error('the upload was not recorded');
            surviving.push({ uploadId: added.id, step });
          } else if (surviving.length > 0) {
            const [removed] = surviving.splice(step.pick % surviving.length, 1);
            await removeContactUpload(deps, adviser, campaignId, removed!.uploadId);
          }
        }
        const rebuilt = await draftCampaign(deps, adviser);
        for (const { step } of surviving) await upload(deps, adviser, rebuilt, step);
        const [incremental, full] = await Promise.all([
          storedState(deps, campaignId),
          storedState(deps, rebuilt),
        ]);
        expect(incremental).toEqual(full);
        // Not vacuous: a surviving mobile number is in the set.
        expect(incremental.entries.length > 0).toBe(surviving.length > 0);
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});

import { ValidationError } from '../core/errors.js';
import type {
  ContactFileReader,
  ContactFilesInput,
  ContactReading,
  ListChangeInput,
  ReadingActor,
  UploadStaging,
} from '../core/ports.js';
import {
  addToDoNotContact,
  type ContactReadingDeps,
  removeFromDoNotContact,
  type UploadContactFilesDeps,
  uploadContactFiles,
} from './contact-files.js';
import { readStagedFiles, type StagedTarget, takeStagedFiles } from './contact-uploads.js';
import type { JobWorkers } from './jobs.js';

/**
 * The contact-reading use cases on these deps, in this process. With `staging`, files the browser put into
 * staging storage are taken from it (the ingest function in AWS); without, only files sent along are read.
 * With `reader`, each file is read by it (worker threads, off the thread that answers requests).
 */
export function inProcessContactReading(
  deps: ContactReadingDeps,
  staging?: UploadStaging,
  reader?: ContactFileReader,
): ContactReading {
  const staged = async (target: StagedTarget, acting: ReadingActor, keys: readonly string[]) => {
    if (!staging) {
      throw new ValidationError('No upload staging in this process', {
        userMessage: 'Deze installatie neemt bestanden alleen rechtstreeks aan. Upload het bestand opnieuw.',
      });
    }
    return takeStagedFiles(staging, target, acting.actor.userId, keys);
  };
  return {
    async uploadContactFiles(acting: ReadingActor, campaignId: string, input: ContactFilesInput) {
      if ('stagedKeys' in input) {
        const files = await staged({ kind: 'campaign', campaignId }, acting, input.stagedKeys);
        await uploadContactFiles(deps, acting, campaignId, files, { reader });
      } else {
        await uploadContactFiles(deps, acting, campaignId, input, { reader });
      }
    },
    async changeDoNotContact(acting: ReadingActor, mode: 'add' | 'remove', input: ListChangeInput) {
      const read =
        'stagedKey' in input
          ? { file: (await staged({ kind: 'do-not-contact', mode }, acting, [input.stagedKey])).files[0]! }
          : input;
      return mode === 'add'
        ? addToDoNotContact(deps, acting, read, reader)
        : removeFromDoNotContact(deps, acting, read, reader);
    },
  };
}

const NOT_KEPT =
  'De bestanden van deze upload zijn niet bewaard, dus deze taak kan niet opnieuw. Upload de bestanden opnieuw.';

/**
 * The contact-reading job: one phone's files into a campaign's numbers, on behalf of the person who
 * uploaded them. Staged files are read from `staging` and discarded only after their reading is recorded;
 * files sent along (the embedded runtime's direct upload) come as attachments and live only as long as the
 * process does.
 */
export function contactJobWorkers(
  staging?: UploadStaging,
  reader?: ContactFileReader,
): JobWorkers<UploadContactFilesDeps> {
  return {
    contacts: async (deps, job, context) => {
      const options = {
        onFile: context.progress,
        uploadIds: (index: number) => `${job.id}-${index}`,
        reader,
      };
      const keys = job.input.stagedKeys ?? [];
      if (keys.length > 0) {
        if (!staging)
          throw new ValidationError('No upload staging in this process', { userMessage: NOT_KEPT });
        const target = { kind: 'campaign' as const, campaignId: job.campaignId };
        const staged = await readStagedFiles(staging, target, job.acting.actor.userId, keys);
        await uploadContactFiles(deps, job.acting, job.campaignId, staged, options);
        await staged.discard();
      } else if (context.attachments) {
        await uploadContactFiles(deps, job.acting, job.campaignId, context.attachments, options);
      } else {
        throw new ValidationError('Attachments of a direct upload are gone', { userMessage: NOT_KEPT });
      }
      return undefined;
    },
  };
}

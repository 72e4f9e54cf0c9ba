import type { ListChangeInput } from '../core/contacts/ports.js';
import type { HashListName, ListChange, StagedUploadForm } from '../core/ports.js';
import type { Acting } from './audit.js';
import { STAGED_FORM_SECONDS, stagedUploadKey } from './contact-uploads.js';
import type { AppDeps } from './deps.js';
import { exclusionListCounts } from './exclusion-lists.js';

// biome-ignore lint/suspicious/noExplicitAny: only the first parameter's type is read
type DepsOf<F extends (deps: any, ...rest: any[]) => unknown> = Parameters<F>[0];

export type ListMode = 'add' | 'remove';

/** Where each list form posts (and where staging storage returns to, under `/ontvangen`). */
export function listPath(mode: ListMode): string {
  return mode === 'add' ? '/beheer/niet-benaderen' : '/beheer/niet-benaderen/verwijderen';
}

/** The do-not-contact page: the sizes of the lists, and signed file forms when files go through staging. */
export interface DoNotContactPageModel {
  counts: Record<HashListName, number>;
  staged: Record<ListMode, StagedUploadForm | undefined>;
}

async function stagedListForm(
  deps: Pick<AppDeps, 'uploadStaging' | 'ids' | 'contactLimits'>,
  acting: Acting,
  mode: ListMode,
  origin: string,
): Promise<StagedUploadForm | undefined> {
  if (!deps.uploadStaging) return undefined;
  return deps.uploadStaging.uploadForm({
    key: stagedUploadKey({ kind: 'do-not-contact', mode }, acting.actor.userId, deps.ids.next()),
    maxBytes: deps.contactLimits.maxFileBytes,
    redirectUrl: `${origin}${listPath(mode)}/ontvangen`,
    expiresInSeconds: STAGED_FORM_SECONDS,
  });
}

export async function doNotContactPageModel(
  deps: DepsOf<typeof exclusionListCounts> & Pick<AppDeps, 'uploadStaging' | 'ids' | 'contactLimits'>,
  acting: Acting,
  origin: string,
): Promise<DoNotContactPageModel> {
  const counts = await exclusionListCounts(deps, acting);
  return {
    counts,
    staged: {
      add: await stagedListForm(deps, acting, 'add', origin),
      remove: await stagedListForm(deps, acting, 'remove', origin),
    },
  };
}

/** Adds numbers to, or takes them off, the do-not-contact list (read where contact files are read). */
export function changeDoNotContact(
  deps: Pick<AppDeps, 'contactReading'>,
  acting: Acting,
  mode: ListMode,
  input: ListChangeInput,
): Promise<ListChange> {
  return deps.contactReading.changeDoNotContact(acting, mode, input);
}

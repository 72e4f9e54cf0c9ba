import type { CountryCode } from 'libphonenumber-js/max';
import { analyseContactFiles, keyedHasher } from '../core/contacts/index.js';
import { ValidationError } from '../core/errors.js';
import type { HashListName } from '../core/ports.js';
import { type Acting, audit } from './audit.js';
import { forbidden } from './campaign-access.js';
import type { AppDeps } from './deps.js';
import { hashesUnderEveryKey } from './keyed-hash-lists.js';
import { getSettings } from './settings.js';

/** PRODUCT.md: the admin manages exclusion lists; nobody else sees or changes them. */
function assertAdmin(acting: Acting): void {
  if (!acting.actor.roles.includes('admin')) forbidden('manage exclusion lists');
}

export interface ListChange {
  /** Distinct valid numbers read from the input. */
  numbers: number;
  /** Raw strings that were not valid numbers, and rows or files with other problems. */
  problems: number;
  /** Entries on the list afterwards. */
  total: number;
}

async function readNumbers(
  deps: AppDeps,
  input: { text?: string; file?: { name: string; bytes: Uint8Array } },
): Promise<{ e164s: string[]; problems: number }> {
  const files = [
    ...(input.text && input.text.trim() !== ''
      ? [{ name: 'geplakte nummers', bytes: new TextEncoder().encode(input.text), source: 'lijst' }]
      : []),
    ...(input.file && input.file.bytes.length > 0
      ? [{ name: 'bestand', bytes: input.file.bytes, source: 'lijst' }]
      : []),
  ];
  if (files.length === 0) {
    throw new ValidationError('No numbers given', {
      userMessage: 'Plak nummers in het tekstvak of kies een bestand.',
    });
  }
  const settings = await getSettings(deps);
  const analysis = await analyseContactFiles(files, {
    region: settings.defaultRegion as CountryCode,
    allowCountries: 'ALL',
    maxFileBytes: deps.contactLimits.maxFileBytes,
    maxRows: deps.contactLimits.maxRows,
  });
  const problems = analysis.files.reduce((sum, f) => sum + f.problems.length + f.problems_omitted, 0);
  return { e164s: analysis.numbers.map((n) => n.e164), problems };
}

async function change(
  deps: AppDeps,
  acting: Acting,
  list: HashListName,
  mode: 'add' | 'remove',
  input: { text?: string; file?: { name: string; bytes: Uint8Array } },
): Promise<ListChange> {
  assertAdmin(acting);
  const { e164s, problems } = await readNumbers(deps, input);
  const hash = keyedHasher(deps.secrets.hmacKey);
  const hashes = e164s.map(hash);
  const now = deps.clock.now();
  if (mode === 'add') {
    await deps.hashLists.add(
      list,
      hashes.map((h) => ({ hash: h })),
      now.toISOString(),
    );
  } else {
    await deps.hashLists.remove(list, hashesUnderEveryKey(e164s, deps.secrets));
  }
  const total = (await deps.hashLists.hashes(list, now)).size;
  await audit(deps, acting, {
    action: 'exclusion_list.changed',
    subjectType: 'exclusion_list',
    subjectId: list,
    details: {
      changedFields: [mode === 'add' ? 'added' : 'removed'],
      counts: { numbers: hashes.length, problems, total },
    },
  });
  return { numbers: hashes.length, problems, total };
}

/**
 * Adds numbers (pasted or in a contact file) to the municipality's do-not-contact list as keyed hashes:
 * lawyers, officials, victims. The numbers themselves are not kept anywhere.
 */
export function addToDoNotContact(
  deps: AppDeps,
  acting: Acting,
  input: { text?: string; file?: { name: string; bytes: Uint8Array } },
): Promise<ListChange> {
  return change(deps, acting, 'do_not_contact', 'add', input);
}

export function removeFromDoNotContact(
  deps: AppDeps,
  acting: Acting,
  input: { text?: string; file?: { name: string; bytes: Uint8Array } },
): Promise<ListChange> {
  return change(deps, acting, 'do_not_contact', 'remove', input);
}

/** How many entries each exclusion list has now: counts only, for the admin page. */
export async function exclusionListCounts(
  deps: AppDeps,
  acting: Acting,
): Promise<Record<HashListName, number>> {
  assertAdmin(acting);
  const now = deps.clock.now();
  const [doNotContact, optOut, recentlyMessaged] = await Promise.all([
    deps.hashLists.hashes('do_not_contact', now),
    deps.hashLists.hashes('opt_out', now),
    deps.hashLists.hashes('recently_messaged', now),
  ]);
  return {
    do_not_contact: doNotContact.size,
    opt_out: optOut.size,
    recently_messaged: recentlyMessaged.size,
  };
}

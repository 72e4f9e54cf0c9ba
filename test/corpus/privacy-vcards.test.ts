import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCapturingLogger } from '../../functions/adapters/logger/powertools-logger.js';
import { createCampaignFromBlueprint } from '../../functions/app/campaigns.js';
import { uploadContactFiles } from '../../functions/app/contact-files.js';
import { MAX_FILES_PER_UPLOAD } from '../../functions/app/contact-uploads.js';
import { defaultSettings } from '../../functions/core/settings/settings.schema.js';
import { type LocalRuntime, startLocalRuntime } from '../../functions/local/runtime.js';
import { adviserActing, scanAllTables, stringsOf } from '../fixtures/purge-builders.js';
import { required } from '../fixtures/required.js';
import { aCase } from '../fixtures/sms-builders.js';

const VCARDS = new URL('../../../shared/testdata/vcard/', import.meta.url);
const present = required(existsSync(VCARDS), `The privacy corpus ${VCARDS.pathname}`);

function walk(dir: URL): URL[] {
  return readdirSync(dir).flatMap((name) => {
    const url = new URL(name, dir);
    return statSync(url).isDirectory() ? walk(new URL(`${name}/`, dir)) : [url];
  });
}

/** Properties that hold a person: names, organisation, e-mail, address, note, photo. */
const PERSONAL = /^(?:[\w-]+\.)?(FN|N|ORG|EMAIL|ADR|NOTE|PHOTO|NICKNAME|TITLE)(?:[;:]|$)/i;

/**
 * The personal values of a vCard file that can be recognised in storage: plain-ASCII values (names,
 * e-mails, street lines, notes) and the start of every inline photo. Encoded values (quoted-printable,
 * other charsets) are left out, because in storage they would appear decoded if at all.
 */
function personalValues(vcard: string): string[] {
  const unfolded = vcard.replace(/\r?\n[ \t]/g, '');
  const values: string[] = [];
  for (const line of unfolded.split(/\r?\n/)) {
    const match = PERSONAL.exec(line);
    const colon = line.indexOf(':');
    if (!match || colon < 0 || /ENCODING=QUOTED|CHARSET=/i.test(line.slice(0, colon))) continue;
    const value = line.slice(colon + 1);
    if (match[1]!.toUpperCase() === 'PHOTO') {
      const base64 = value.replace(/^data:[^,]*,/, '');
      if (/^[A-Za-z0-9+/]{40}/.test(base64)) values.push(base64.slice(0, 40));
      continue;
    }
    for (const part of value.split(/(?<!\\);/)) {
      const text = part.replace(/\\[,;n]/g, ' ').trim();
      // Long enough to mean something, a word in it, and nothing that could be a number the platform keeps.
      if (
        text.length >= 8 &&
        /[A-Za-z]{3}/.test(text) &&
        /^[\x20-\x7e]+$/.test(text) &&
        !/\d{5}/.test(text)
      ) {
        values.push(text);
      }
    }
  }
  return values;
}

describe.runIf(present)('contact fields never reach storage (real-world vCards)', () => {
  let runtime: LocalRuntime;
  beforeAll(async () => {
    runtime = await startLocalRuntime({ logger: createCapturingLogger() });
    await runtime.deps.settings.put(defaultSettings('Teststad'));
  });
  afterAll(async () => runtime.close());

  it('uploads every vCard through the real use case and finds no name, e-mail, address, note or photo in any table', async () => {
    // Prepare
    const deps = runtime.deps;
    const files = walk(VCARDS).filter((u) => /\.(vcf|vcard)$/i.test(u.pathname));
    const needles = new Set(files.flatMap((u) => personalValues(readFileSync(u, 'latin1'))));
    await deps.cases.create(aCase({ id: 'case-corpus' }));
    const draft = await createCampaignFromBlueprint(deps, adviserActing, {
      caseId: 'case-corpus',
      blueprintId: 'sms-bom-straathandel',
      name: 'Corpus',
    });

    // Act
    for (let i = 0; i < files.length; i += MAX_FILES_PER_UPLOAD) {
      const batch = files.slice(i, i + MAX_FILES_PER_UPLOAD).map((url, j) => ({
        name: `kaart-${i + j}.vcf`,
        bytes: new Uint8Array(readFileSync(url)),
      }));
      await uploadContactFiles(deps, adviserActing, draft.id, {
        source: `telefoon ${i / MAX_FILES_PER_UPLOAD + 1}`,
        files: batch,
      });
    }
    const stored = (await scanAllTables(runtime.endpoint)).flatMap((r) => stringsOf(r.item));
    const haystack = stored.join('\n').toLowerCase();
    const found = [...needles].filter((needle) => haystack.includes(needle.toLowerCase()));
    const campaign = await deps.campaigns.get(draft.id);

    // Assess
    expect(files.length).toBeGreaterThan(50);
    expect(needles.size).toBeGreaterThan(100);
    expect(campaign?.recipients.counts?.valid).toBeGreaterThan(20);
    expect(found).toEqual([]);
  });
});

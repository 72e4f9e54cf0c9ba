import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCapturingLogger } from '../../../functions/adapters/logger/powertools-logger.js';
import { loadSecrets, rotateHmacSecret } from '../../../functions/adapters/secrets-manager/secrets.js';
import { createCampaignFromBlueprint } from '../../../functions/app/campaigns.js';
import {
  addToDoNotContact,
  removeFromDoNotContact,
  uploadContactFiles,
} from '../../../functions/app/contact-files.js';
import { runDispatcher } from '../../../functions/app/dispatch.js';
import { recordOptOut } from '../../../functions/app/opt-out.js';
import { secretsCommand } from '../../../functions/cli/commands/secrets.js';
import type { CliIo } from '../../../functions/cli/io.js';
import { keyedHash } from '../../../functions/core/contacts/fingerprint.js';
import { defaultSettings } from '../../../functions/core/settings/settings.schema.js';
import { startLocalRuntime } from '../../../functions/local/runtime.js';
import { ALL_DAY, adminActing, adviserActing, purgeMobile } from '../../fixtures/purge-builders.js';
import { seedApprovedCampaign } from '../../fixtures/sending-builders.js';
import { aCase, csvOf } from '../../fixtures/sms-builders.js';

function capturingIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, interactive: false, stdout: (t) => out.push(t), stderr: (t) => err.push(t) };
}

const [A, B, C, D, E] = [1, 2, 3, 4, 5].map((n) => purgeMobile(900_000 + n)) as [
  string,
  string,
  string,
  string,
  string,
];

describe('HMAC key rotation on the embedded default', () => {
  let dir: string;
  const savedDataDir = process.env.PERSPECTIEF_DATA_DIR;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'perspectief-rotation-'));
    process.env.PERSPECTIEF_DATA_DIR = dir;
  });
  afterAll(() => {
    if (savedDataDir === undefined) delete process.env.PERSPECTIEF_DATA_DIR;
    else process.env.PERSPECTIEF_DATA_DIR = savedDataDir;
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps matching entries hashed with the old key, writes new ones with the new key, and removes both', async () => {
    // Prepare
    const before = await startLocalRuntime({ dataDir: dir, logger: createCapturingLogger() });
    await before.deps.settings.put({ ...defaultSettings('Teststad'), maxRatePerSecond: 1000 });
    await recordOptOut(before.deps, { number: A, channel: 'web' });
    await addToDoNotContact(before.deps, adminActing, { text: `${B}\n${C}` });
    const oldKey = before.deps.secrets.hmacKey;
    await before.close();

    // Act
    const io = capturingIo();
    const rotated = await secretsCommand(['rotate-hmac'], io);
    const status = capturingIo();
    const statusCode = await secretsCommand(['status'], status);
    const after = await startLocalRuntime({ dataDir: dir, logger: createCapturingLogger() });
    const deps = after.deps;
    await recordOptOut(deps, { number: D, channel: 'sms' });
    await removeFromDoNotContact(deps, adminActing, { text: C });
    await deps.cases.create(aCase({ id: 'case-rotation' }));
    const draft = await createCampaignFromBlueprint(deps, adviserActing, {
      caseId: 'case-rotation',
      blueprintId: 'sms-bom-straathandel',
      name: 'Na rotatie',
    });
    const { campaign } = await uploadContactFiles(deps, adviserActing, draft.id, {
      source: 'telefoon 1',
      files: [{ name: 'lijst.csv', bytes: new TextEncoder().encode(csvOf([A, B, C, D, E])) }],
    });
    const approved = await seedApprovedCampaign(deps, {
      recipients: 3,
      now: new Date(deps.clock.now().getTime() - 60_000),
      ratePerSecond: 1000,
      quietHours: ALL_DAY,
      numberOf: (n) => [A, D, E][n]!,
    });
    await runDispatcher(deps, {
      dispatcherId: 'rotation',
      runForMs: 10_000,
      campaignIds: [approved.id],
      idleMs: 10,
    });
    const sentTo = (await deps.sending.outbox!.list(100)).map((m) => m.to);
    const optOut = await deps.hashLists.hashes('opt_out', deps.clock.now());
    const doNotContact = await deps.hashLists.hashes('do_not_contact', deps.clock.now());
    const newKey = deps.secrets.hmacKey;
    const previous = deps.secrets.previousHmacKeys ?? [];
    await after.close();

    // Assess
    expect(rotated).toBe(0);
    expect(io.out.join('')).toContain('1 vorige sleutel');
    expect(statusCode).toBe(0);
    expect(status.out.join('')).toContain('rechten 600');
    expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
    expect(Buffer.from(newKey).equals(Buffer.from(oldKey))).toBe(false);
    expect(previous.map((k) => Buffer.from(k).toString('hex'))).toEqual([
      Buffer.from(oldKey).toString('hex'),
    ]);
    expect(optOut.has(keyedHash(A, oldKey))).toBe(true);
    expect(optOut.has(keyedHash(D, newKey))).toBe(true);
    expect(optOut.has(keyedHash(D, oldKey))).toBe(false);
    expect(doNotContact.has(keyedHash(C, oldKey))).toBe(false);
    expect(doNotContact.has(keyedHash(B, oldKey))).toBe(true);
    expect(campaign.recipients.counts?.excluded).toMatchObject({ opt_out: 2, do_not_contact: 1 });
    expect(campaign.recipients.counts?.sendable).toBe(2);
    expect(sentTo).toEqual([E]);
  }, 60_000);
});

describe('HMAC key rotation in AWS Secrets Manager', () => {
  const sm = mockClient(SecretsManagerClient);
  afterEach(() => sm.reset());

  it('moves the current key to the retired ones in one new version, and reads both back', async () => {
    // Prepare
    const old = 'o'.repeat(64);
    let stored = old;
    sm.on(GetSecretValueCommand).callsFake(() => ({ SecretString: stored }));
    sm.on(PutSecretValueCommand).callsFake((input: { SecretString: string }) => {
      stored = input.SecretString;
      return {};
    });
    const client = new SecretsManagerClient({ region: 'eu-central-1' });

    // Act
    const before = await loadSecrets(client, { hmacSecretArn: 'arn:hmac' });
    const first = await rotateHmacSecret(client, 'arn:hmac', 'n'.repeat(64));
    const second = await rotateHmacSecret(client, 'arn:hmac', 'm'.repeat(64));
    const after = await loadSecrets(client, { hmacSecretArn: 'arn:hmac' });
    const decode = (k: Uint8Array) => new TextDecoder().decode(k);

    // Assess
    expect(before.previousHmacKeys).toEqual([]);
    expect(decode(before.hmacKey!)).toBe(old);
    expect(first.previous).toBe(1);
    expect(second.previous).toBe(2);
    expect(decode(after.hmacKey!)).toBe('m'.repeat(64));
    expect(after.previousHmacKeys?.map(decode)).toEqual(['n'.repeat(64), old]);
    expect(sm.commandCalls(PutSecretValueCommand)).toHaveLength(2);
  });
});

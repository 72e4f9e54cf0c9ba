import { DeleteObjectCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTableNames } from '../../functions/adapters/dynamodb/tables.js';
import type { Acting } from '../../functions/app/audit.js';
import { stagedUploadKey } from '../../functions/app/contact-uploads.js';
import type { AppDeps } from '../../functions/app/deps.js';
import { defaultSettings } from '../../functions/core/settings/settings.schema.js';
import { startLocalRuntime } from '../../functions/local/runtime.js';
import { mobile, vcardOf } from '../fixtures/sms-builders.js';
import { draftCampaign, personWith } from '../unit/app/sms-support.js';

const REGION = 'eu-central-1';
const SESSION_ARN = `arn:aws:secretsmanager:${REGION}:111122223333:secret:SessionSecret-AbCdEf`;
const HMAC_ARN = `arn:aws:secretsmanager:${REGION}:111122223333:secret:HmacSecret-GhIjKl`;
const BUCKET = 'perspectief-test-files-1a2b3c';

type Handler = (event: unknown) => Promise<unknown>;

/**
 * The contact-reader and purge functions as Lambda runs them: the real handler modules, wired by `awsDeps`
 * from the environment the CDK gives them, against the embedded DynamoDB, with only Secrets Manager and S3
 * (which cannot run here) mocked.
 */
describe('the ingest-contacts and purge Lambda handlers', () => {
  const secrets = mockClient(SecretsManagerClient);
  const s3 = mockClient(S3Client);
  const saved = { ...process.env };
  let deps: AppDeps;
  let close: () => Promise<void>;
  let adviser: Acting;

  beforeAll(async () => {
    const runtime = await startLocalRuntime({ logLevel: 'ERROR' });
    deps = runtime.deps;
    close = runtime.close;
    await deps.settings.put(defaultSettings('Teststad'));
    adviser = await personWith(deps, 'adviseur', ['adviser']);
    secrets
      .on(GetSecretValueCommand, { SecretId: SESSION_ARN })
      .resolves({ SecretString: 'session-key-'.padEnd(64, 's') })
      .on(GetSecretValueCommand, { SecretId: HMAC_ARN })
      .resolves({ SecretString: 'hmac-key-'.padEnd(64, 'h') });
    const tables = localTableNames('perspectief-');
    Object.assign(process.env, {
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      DYNAMODB_ENDPOINT: runtime.endpoint,
      TABLE_MAIN: tables.main,
      TABLE_RECIPIENTS: tables.recipients,
      TABLE_AUDIT: tables.audit,
      TABLE_HASHES: tables.hashes,
      HMAC_SECRET_ARN: HMAC_ARN,
      FILES_BUCKET: BUCKET,
      UPLOAD_MAX_BYTES: String(50 * 1024 * 1024),
      LOG_LEVEL: 'ERROR',
    });
  }, 60_000);

  afterAll(async () => {
    process.env = saved;
    secrets.restore();
    s3.restore();
    await close();
  });

  it('reads a staged contact file into the campaign, deletes the version it read, and answers in the protocol', async () => {
    // Prepare
    const campaignId = await draftCampaign(deps, adviser);
    const key = stagedUploadKey({ kind: 'campaign', campaignId }, adviser.actor.userId, 'k1');
    const vcard = new TextEncoder().encode(vcardOf([mobile(11), mobile(12)]));
    s3.on(GetObjectCommand, { Bucket: BUCKET, Key: key }).resolves({
      Body: { transformToByteArray: async () => vcard } as never,
      Metadata: { telefoon: 'telefoon 1', bestandsnaam: 'export.vcf' },
      VersionId: 'v7',
    });
    s3.on(DeleteObjectCommand).resolves({});
    const { handler } = (await import('../../functions/handlers/ingest-contacts.js')) as { handler: Handler };

    // Act
    const result = await handler({ op: 'contacts', acting: adviser, campaignId, input: { stagedKey: key } });

    // Assess
    expect(result).toEqual({ ok: true, value: null });
    const [upload] = await deps.contactUploads.list(campaignId);
    expect(upload?.report.source).toBe('telefoon 1');
    expect(upload?.report.file).toBe('export.vcf');
    expect(upload?.valid).toBe(2);
    expect(s3.commandCalls(DeleteObjectCommand)[0]!.args[0].input).toEqual({
      Bucket: BUCKET,
      Key: key,
      VersionId: 'v7',
    });
  });

  it('answers a file that is gone with the Dutch not-found error as data, not as a function error', async () => {
    // Prepare
    const campaignId = await draftCampaign(deps, adviser);
    const key = stagedUploadKey({ kind: 'campaign', campaignId }, adviser.actor.userId, 'gone');
    s3.on(GetObjectCommand, { Bucket: BUCKET, Key: key }).rejects(
      Object.assign(new Error('The specified key does not exist.'), { name: 'NoSuchKey' }),
    );
    const { handler } = (await import('../../functions/handlers/ingest-contacts.js')) as { handler: Handler };

    // Act
    const result = await handler({ op: 'contacts', acting: adviser, campaignId, input: { stagedKey: key } });

    // Assess
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'not_found', userMessage: expect.stringContaining('al verwerkt') },
    });
    expect(await deps.contactUploads.list(campaignId)).toEqual([]);
  });

  it('runs the nightly purge from an EventBridge Scheduler invocation and reports what it did', async () => {
    // Prepare
    const { handler } = (await import('../../functions/handlers/purge.js')) as { handler: Handler };

    // Act
    const report = await handler({});

    // Assess: nothing is past its retention period yet, so nothing is purged and nothing failed
    expect(report).toEqual({ purged: [], failed: [], expiredHashes: expect.any(Number) });
  });
});

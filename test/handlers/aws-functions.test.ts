import { DeleteObjectCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CheckIfPhoneNumberIsOptedOutCommand, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTableNames } from '../../functions/adapters/dynamodb/tables.js';
import type { Acting } from '../../functions/app/audit.js';
import { stagedUploadKey } from '../../functions/app/contact-uploads.js';
import type { AppDeps } from '../../functions/app/deps.js';
import { defaultSettings } from '../../functions/core/settings/settings.schema.js';
import { startLocalRuntime } from '../../functions/local/runtime.js';
import { logsEvent, smsLog, snsRecord } from '../fixtures/aws-events.js';
import { seedApprovedCampaign, sendingMobile } from '../fixtures/sending-builders.js';
import { mobile, vcardOf } from '../fixtures/sms-builders.js';
import { draftCampaign, personWith } from '../integration/app/sms-support.js';

const REGION = 'eu-central-1';
const SESSION_ARN = `arn:aws:secretsmanager:${REGION}:111122223333:secret:SessionSecret-AbCdEf`;
const HMAC_ARN = `arn:aws:secretsmanager:${REGION}:111122223333:secret:HmacSecret-GhIjKl`;
const BUCKET = 'perspectief-test-files-1a2b3c';

type Handler = (event: unknown) => Promise<unknown>;

/**
 * The contact-reader, purge, dispatcher, delivery-status and inbound-SMS functions as Lambda runs them: the real handler modules, wired by `awsDeps`
 * from the environment the CDK gives them, against the embedded DynamoDB, with only Secrets Manager, S3 and
 * SNS (which cannot run here) mocked.
 */
describe('the Lambda handlers behind the web function', () => {
  const secrets = mockClient(SecretsManagerClient);
  const s3 = mockClient(S3Client);
  const sns = mockClient(SNSClient);
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
      PERSPECTIEF_PUBLIC_URL: 'https://perspectief.voorbeeldstad.nl',
      POWERTOOLS_METRICS_NAMESPACE: 'Perspectief/test',
      LOG_LEVEL: 'ERROR',
    });
  }, 60_000);

  /** The web function's request to the contact-reader function for one staged file, through its handler. */
  async function readStaged(campaignId: string, key: string): Promise<unknown> {
    const { handler } = (await import('../../functions/handlers/ingest-contacts.js')) as { handler: Handler };
    return handler({ op: 'contacts', acting: adviser, campaignId, input: { stagedKeys: [key] } });
  }

  afterAll(async () => {
    process.env = saved;
    secrets.restore();
    s3.restore();
    sns.restore();
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

    // Act
    const result = await readStaged(campaignId, key);

    // Assess
    expect(result).toEqual({ ok: true, value: null });
    const [upload] = await deps.contactUploads.list(campaignId);
    expect(upload?.report.source).toBe('telefoon 1');
    expect(upload?.report.file).toBe('Bestand 1 (vCard)');
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

    // Act
    const result = await readStaged(campaignId, key);

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

  it('sends a due campaign through SNS from an EventBridge Scheduler invocation, one message per number', async () => {
    // Prepare
    const campaign = await seedApprovedCampaign(deps, {
      recipients: 3,
      now: new Date(Date.now() - 60_000),
      ratePerSecond: 50,
      quietHours: { start: '00:00', end: '24:00', days: [1, 2, 3, 4, 5, 6, 7], timeZone: 'Europe/Amsterdam' },
      numberOf: (n) => sendingMobile(900 + n),
    });
    let published = 0;
    sns.on(PublishCommand).callsFake(async () => ({ MessageId: `sns-${++published}` }));
    sns.on(CheckIfPhoneNumberIsOptedOutCommand).resolves({ isOptedOut: false });
    const { handler } = (await import('../../functions/handlers/dispatcher.js')) as {
      handler: (event: unknown, context: { awsRequestId: string }) => Promise<{ sent?: number }>;
    };

    // Act
    const report = await handler(
      { 'detail-type': 'Scheduled Event', source: 'aws.scheduler', detail: {} },
      { awsRequestId: '8f5c1e2a-0000-4000-8000-000000000001' },
    );

    // Assess
    expect(report.sent).toBe(3);
    const to = sns.commandCalls(PublishCommand).map((c) => c.args[0].input.PhoneNumber);
    expect(new Set(to)).toEqual(new Set([0, 1, 2].map((n) => sendingMobile(900 + n))));
    expect((await deps.campaigns.get(campaign.id))?.status).toBe('completed');
    expect(
      sns
        .commandCalls(PublishCommand)
        .every((c) => c.args[0].input.Message?.includes('https://perspectief.voorbeeldstad.nl/r/')),
    ).toBe(true);
  }, 60_000);

  it('records a delivery receipt from a CloudWatch Logs subscription event', async () => {
    // Prepare
    const campaign = await seedApprovedCampaign(deps, {
      recipients: 1,
      now: new Date(),
      numberOf: (n) => sendingMobile(950 + n),
    });
    const [recipient] = await deps.recipients.list(campaign.id);
    await deps.recipients.transition(campaign.id, recipient!.id, { type: 'claim', by: 'test' }, new Date());
    await deps.recipients.transition(
      campaign.id,
      recipient!.id,
      { type: 'mark_sent', messageId: 'sns-handler-1' },
      new Date(),
    );
    const { handler } = (await import('../../functions/handlers/delivery-status.js')) as { handler: Handler };

    // Act
    const result = await handler(
      logsEvent([smsLog('sns-handler-1', recipient!.e164, 'SUCCESS', 'Message has been accepted by phone')]),
    );

    // Assess
    expect(result).toEqual({ recorded: 1, ignored: 0, skipped: 0 });
    expect((await deps.recipients.countByStatus(campaign.id)).delivered).toBe(1);
  });

  it('puts the sender of a STOP reply on the opt-out list from an SNS event', async () => {
    // Prepare
    const before = (await deps.hashLists.hashes('opt_out', new Date())).size;
    const { handler } = (await import('../../functions/handlers/inbound-sms.js')) as { handler: Handler };

    // Act
    const result = await handler({
      Records: [
        snsRecord('in-h-1', {
          originationNumber: '+31629990001',
          destinationNumber: '+3197010000000',
          messageKeyword: 'KEYWORD_123456789012',
          messageBody: 'STOP',
          inboundMessageId: 'in-h-1',
        }),
      ],
    });

    // Assess
    expect(result).toEqual({ optOuts: 1, ignored: 0, skipped: 0 });
    expect((await deps.hashLists.hashes('opt_out', new Date())).size).toBe(before + 1);
  });
});

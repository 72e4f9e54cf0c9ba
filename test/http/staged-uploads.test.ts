import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DeleteObjectCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LambdaContactReading } from '../../functions/adapters/lambda-ingest/lambda-contact-reading.js';
import { LambdaJobRunner } from '../../functions/adapters/lambda-jobs/lambda-job-runner.js';
import { S3UploadStaging } from '../../functions/adapters/s3/s3-upload-staging.js';
import { inProcessContactReading } from '../../functions/app/contact-reading.js';
import type { AppDeps } from '../../functions/app/deps.js';
import { createApp } from '../../functions/http/app.js';
import { handleContactJob, handleIngestRequest } from '../../functions/wiring/ingest-contacts.js';
import { csvOf, mobile, vcardOf } from '../fixtures/sms-builders.js';
import { Client, type Harness, settleJobsOf, startHarness } from './harness.js';
import { createCampaignVia, createCaseVia } from './sms-support.js';

/*
 * The AWS upload path end to end, with only the two services that cannot run here mocked (S3 and Lambda):
 * the real page signs a real presigned POST, the "browser" posts the file to the bucket the way S3 stores
 * it, S3 sends the browser back, and the web function has the ingest function read it through the same
 * request protocol and handler as in AWS, against the embedded DynamoDB.
 */

const s3 = mockClient(S3Client);
const lambda = mockClient(LambdaClient);
const BUCKET = 'perspectief-files-test';
const REGION = 'eu-central-1';

/** What the bucket holds: the object bytes and its metadata, by key, with a version id like S3 gives. */
const bucket = new Map<string, { bytes: Uint8Array; metadata: Record<string, string>; version: string }>();

interface ParsedForm {
  action: string;
  fields: Record<string, string>;
  names: string[];
}

/** The first staged-upload form of a page: its action and every input, in document order. */
function stagedForm(html: string, index = 0): ParsedForm {
  const forms = [...html.matchAll(/<form[^>]*data-staged-upload[^>]*>([\s\S]*?)<\/form>/g)];
  const form = forms[index];
  if (!form) throw new Error('no staged form on the page');
  const action = /action="([^"]+)"/.exec(form[0])![1]!;
  const fields: Record<string, string> = {};
  const names: string[] = [];
  for (const input of form[1]!.matchAll(/<input([^>]*)>/g)) {
    const name = /name="([^"]+)"/.exec(input[1]!)?.[1];
    if (!name) continue;
    names.push(name);
    fields[name] = (/value="([^"]*)"/.exec(input[1]!)?.[1] ?? '')
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"');
  }
  return { action, fields, names };
}

type Condition = Record<string, string> | [string, string, string | number] | [string, number, number];

/**
 * What S3 does with a POST: checks every field against the signed policy (exact matches, starts-with, the
 * size range), stores the file with its x-amz-meta-* fields, and answers with a redirect to
 * success_action_redirect plus bucket, key and etag.
 */
function postToS3(form: ParsedForm, file: Uint8Array, userValues: Record<string, string>): string {
  const fields = { ...form.fields, ...userValues };
  const policy = JSON.parse(Buffer.from(fields.Policy!, 'base64').toString('utf8')) as {
    conditions: Condition[];
  };
  for (const condition of policy.conditions) {
    if (!Array.isArray(condition)) {
      for (const [k, v] of Object.entries(condition)) {
        if (k !== 'bucket') expect(fields[k], k).toBe(v);
      }
    } else if (condition[0] === 'content-length-range') {
      expect(file.length).toBeGreaterThanOrEqual(condition[1] as number);
      if (file.length > (condition[2] as number)) throw new Error('EntityTooLarge');
    } else if (condition[0] === 'starts-with') {
      expect(fields[String(condition[1]).slice(1)] ?? '').toMatch(new RegExp(`^${condition[2]}`));
    } else {
      expect(fields[String(condition[1]).slice(1)]).toBe(condition[2]);
    }
  }
  const metadata = Object.fromEntries(
    Object.entries(fields)
      .filter(([k]) => k.startsWith('x-amz-meta-'))
      .map(([k, v]) => [k.slice('x-amz-meta-'.length), v]),
  );
  bucket.set(fields.key!, { bytes: file, metadata, version: `v${bucket.size + 1}` });
  const redirect = new URL(fields.success_action_redirect!);
  redirect.searchParams.set('bucket', BUCKET);
  redirect.searchParams.set('key', fields.key!);
  redirect.searchParams.set('etag', '"0123"');
  return `${redirect.pathname}${redirect.search}`;
}

/**
 * Follows S3's redirect back to the platform: the hand-over page (served even without a session, since a
 * browser coming from S3 leaves the SameSite=Strict cookie behind) and then its same-site refresh.
 */
async function returnFromS3(client: Client, back: string): Promise<Response> {
  const handOver = await client.get(back);
  expect(handOver.status).toBe(200);
  const refresh = /<meta http-equiv="refresh" content="0;url=([^"]+)"/.exec(await handOver.text());
  expect(refresh).not.toBeNull();
  const started = await client.get(refresh![1]!.replace(/&amp;/g, '&'));
  // The files are read as a job; its page sends a finished upload back to the campaign.
  const job = started.headers.get('location') ?? '';
  return started.status === 303 && job.startsWith('/taken/') ? client.get(job) : started;
}

describe('uploads through S3 and the ingest function (the AWS path)', () => {
  let h: Harness;
  let client: Client;
  let deps: AppDeps;

  beforeAll(async () => {
    h = await startHarness();
    const staging = new S3UploadStaging({
      bucket: BUCKET,
      region: REGION,
      client: async () =>
        new S3Client({ region: REGION, credentials: { accessKeyId: 'AKIATEST', secretAccessKey: 'secret' } }),
    });
    // The ingest function's side: its own reading on the same store, taking files out of the bucket.
    const ingestSide = inProcessContactReading(h.deps, staging);
    deps = {
      ...h.deps,
      uploadStaging: staging,
      contactReading: new LambdaContactReading({
        functionName: 'perspectief-ingest',
        client: async () => new LambdaClient({ region: REGION }),
      }),
    };
    deps.jobRunner = new LambdaJobRunner({
      client: async () => new LambdaClient({ region: REGION }),
      functions: { contacts: 'perspectief-ingest' },
    });
    // Lambda's queue for asynchronous calls: the event runs after the call answered 202; the client's
    // requests wait for it explicitly (settleJobsOf).
    const queued = new Set<Promise<void>>();
    settleJobsOf({
      settled: async () => {
        while (queued.size > 0) await Promise.all([...queued]);
      },
    });
    lambda
      .on(InvokeCommand)
      .callsFake(async (input: { Payload: Uint8Array; FunctionName: string; InvocationType?: string }) => {
        expect(input.FunctionName).toBe('perspectief-ingest');
        const request = JSON.parse(new TextDecoder().decode(input.Payload));
        if (input.InvocationType === 'Event') {
          const run: Promise<void> = new Promise((resolve) => setImmediate(resolve))
            .then(() => handleContactJob(h.deps, staging, request))
            .finally(() => queued.delete(run));
          queued.add(run);
          return { StatusCode: 202 };
        }
        const result = await handleIngestRequest(ingestSide, request);
        return { StatusCode: 200, Payload: new TextEncoder().encode(JSON.stringify(result)) };
      });
    s3.on(GetObjectCommand).callsFake(async (input: { Key: string }) => {
      const object = bucket.get(input.Key);
      if (!object) throw Object.assign(new Error('The specified key does not exist.'), { name: 'NoSuchKey' });
      return {
        Body: { transformToByteArray: async () => object.bytes },
        Metadata: object.metadata,
        VersionId: object.version,
      };
    });
    s3.on(DeleteObjectCommand).callsFake(async (input: { Key: string; VersionId?: string }) => {
      if (bucket.get(input.Key)?.version === input.VersionId) bucket.delete(input.Key);
      return {};
    });
    const app = createApp(deps, { stylesheet: 'body{}' });
    client = new Client(app);
    await client.login('adviser');
  });

  beforeEach(() => {
    s3.resetHistory();
    lambda.resetHistory();
  });

  afterAll(async () => {
    s3.restore();
    lambda.restore();
    await h.close();
  });

  it('signs a form straight to the bucket, reads the file in the ingest function and leaves nothing behind', async () => {
    // Prepare
    const campaignId = await createCampaignVia(client, await createCaseVia(client));
    const page = await client.get(`/campagnes/${campaignId}`);
    const html = await page.text();
    const form = stagedForm(html);
    const vcard = new TextEncoder().encode(vcardOf([mobile(1), mobile(2), mobile(3)]));

    // Act
    const back = postToS3(form, vcard, {
      'x-amz-meta-telefoon': 'telefoon 1',
      'x-amz-meta-bestandsnaam': encodeURIComponent('Contacten van Jan 0612345678.vcf'),
    });
    const done = await returnFromS3(client, back);

    // Assess: the form goes to S3 only, cannot be stretched, and the CSP lets it
    expect(form.action).toBe(`https://${BUCKET}.s3.${REGION}.amazonaws.com/`);
    expect(page.headers.get('content-security-policy')).toContain(
      `https://${BUCKET}.s3.${REGION}.amazonaws.com`,
    );
    expect(form.names).not.toContain('_csrf');
    expect(form.names.at(-1)).toBe('file');
    const expiresAt = /data-expires-at="([^"]+)"/.exec(html)?.[1];
    const policy = JSON.parse(Buffer.from(form.fields.Policy!, 'base64').toString('utf8')) as {
      expiration: string;
    };
    expect(expiresAt).toBe(policy.expiration);
    expect(Date.parse(policy.expiration) - Date.now()).toBeGreaterThan(55 * 60_000);
    expect(form.fields.key).toMatch(new RegExp(`^uploads/campagne/${campaignId}/[^/]+/[A-Za-z0-9-]+$`));
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`/campagnes/${campaignId}#contactlijsten`);
    const uploads = await h.deps.contactUploads.list(campaignId);
    expect(uploads).toHaveLength(1);
    expect(uploads[0]!.report.source).toBe('telefoon 1');
    expect(uploads[0]!.report.file).toBe('Bestand 1 (vCard)');
    expect(uploads[0]!.valid).toBe(3);
    expect(bucket.has(form.fields.key!)).toBe(false);
    expect(s3.commandCalls(DeleteObjectCommand)[0]!.args[0].input.VersionId).toBe('v1');
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(1);
    // One file per form: the next file most likely comes from the same phone, so its label is suggested
    const next = stagedForm(await (await client.get(`/campagnes/${campaignId}`)).text());
    expect(next.fields['x-amz-meta-telefoon']).toBe('telefoon 1');
    expect(next.fields.key).not.toBe(form.fields.key);
  });

  it('reads a staged file once: following the same link again changes nothing and says why in Dutch', async () => {
    // Prepare
    const campaignId = await createCampaignVia(client, await createCaseVia(client, 'Herhaling'));
    const form = stagedForm(await (await client.get(`/campagnes/${campaignId}`)).text());
    const back = postToS3(form, new TextEncoder().encode(csvOf([mobile(4)])), {
      'x-amz-meta-telefoon': 'telefoon 1',
    });
    await returnFromS3(client, back);

    // Act
    const again = await returnFromS3(client, back);

    // Assess: the second reading is a job that fails with the reason, and counts nothing
    expect(again.status).toBe(200);
    const text = await again.text();
    expect(text).toContain('data-job-state="failed"');
    expect(text).toContain('al verwerkt of de upload is verlopen');
    expect(await h.deps.contactUploads.list(campaignId)).toHaveLength(1);
  });

  it('refuses a key of another campaign or person before the bucket is touched', async () => {
    // Prepare
    const campaignId = await createCampaignVia(client, await createCaseVia(client, 'Vreemde sleutel'));
    const other = await createCampaignVia(client, await createCaseVia(client, 'Andere zaak'));
    const form = stagedForm(await (await client.get(`/campagnes/${other}`)).text());
    postToS3(form, new TextEncoder().encode(csvOf([mobile(5)])), { 'x-amz-meta-telefoon': 'telefoon 1' });

    // Act
    const response = await client.get(
      `/campagnes/${campaignId}/uploads/verwerken?key=${encodeURIComponent(form.fields.key!)}`,
    );

    // Assess
    expect(response.status).toBe(422);
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
    expect(bucket.has(form.fields.key!)).toBe(true);
    expect(await h.deps.contactUploads.list(campaignId)).toHaveLength(0);
  });

  it('puts a do-not-contact file through the same path, and pasted numbers through the ingest function', async () => {
    // Prepare
    const admin = new Client(createApp(deps, { stylesheet: 'body{}' }));
    await admin.login('admin');
    const html = await (await admin.get('/beheer/niet-benaderen')).text();
    const addForm = stagedForm(html, 0);

    // Act
    const back = postToS3(addForm, new TextEncoder().encode(csvOf([mobile(6), mobile(7)])), {});
    const added = await returnFromS3(admin, back);
    const pasted = await admin.request('/beheer/niet-benaderen', {
      method: 'POST',
      body: (() => {
        const form = new FormData();
        form.set('_csrf', admin.csrf);
        form.set('nummers', mobile(8));
        return form;
      })(),
    });

    // Assess
    expect(addForm.fields.key).toMatch(/^uploads\/niet-benaderen\/add\//);
    expect(added.status).toBe(200);
    expect(await added.text()).toContain('2 nummers toegevoegd');
    expect(await pasted.text()).toContain('1 nummer toegevoegd');
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(2);
    expect(bucket.has(addForm.fields.key!)).toBe(false);
  });

  it('hands over to the platform when the browser comes back from S3 without its session, and reads nothing without one', async () => {
    // Prepare
    const campaignId = await createCampaignVia(client, await createCaseVia(client, 'Zonder sessie'));
    const form = stagedForm(await (await client.get(`/campagnes/${campaignId}`)).text());
    const back = postToS3(form, new TextEncoder().encode(csvOf([mobile(9)])), {
      'x-amz-meta-telefoon': 'telefoon 1',
    });
    const stranger = new Client(createApp(deps, { stylesheet: 'body{}' }));

    // Act
    const handOver = await stranger.get(back);
    const html = await handOver.text();
    const target = /content="0;url=([^"]+)"/.exec(html)![1]!.replace(/&amp;/g, '&');
    const withoutSession = await stranger.get(target);
    const forged = await stranger.get(`/campagnes/${campaignId}/uploads/ontvangen?key=..%2Fetc%2Fpasswd`);

    // Assess
    expect(handOver.status).toBe(200);
    expect(target).toBe(
      `/campagnes/${campaignId}/uploads/verwerken?key=${encodeURIComponent(form.fields.key!)}`,
    );
    expect(html).toContain('Bestand ontvangen');
    expect(withoutSession.status).toBe(303);
    expect(withoutSession.headers.get('location')).toContain('/inloggen');
    expect(bucket.has(form.fields.key!)).toBe(true);
    expect(forged.status).toBe(422);
  });

  it('signs a form per file for the page script, and reads the files of one post round as one upload of one phone', async () => {
    // Prepare
    const campaignId = await createCampaignVia(client, await createCaseVia(client, 'Meerdere bestanden'));
    const page = await client.get(`/campagnes/${campaignId}`);
    const html = await page.text();
    const form = stagedForm(html);
    const raw = /data-more-fields="([^"]*)"/
      .exec(html)![1]!
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
    const more = JSON.parse(raw) as Record<string, string>[];
    const second: typeof form = { ...form, fields: more[0]! };

    // Act: what the script does, file by file, then on to the processing address with every key
    postToS3(form, new TextEncoder().encode(vcardOf([mobile(31), mobile(32)])), {
      'x-amz-meta-telefoon': 'telefoon 3',
      'x-amz-meta-bestandsnaam': 'a.vcf',
    });
    postToS3(second, new TextEncoder().encode(csvOf([mobile(32), mobile(33)])), {
      'x-amz-meta-telefoon': 'telefoon 3',
      'x-amz-meta-bestandsnaam': 'b.csv',
    });
    const keys = [form.fields.key!, second.fields.key!].map((k) => `key=${encodeURIComponent(k)}`).join('&');
    const done = await client.get(`/campagnes/${campaignId}/uploads/verwerken?${keys}`);

    // Assess
    expect(more).toHaveLength(9);
    expect(new Set([form.fields.key, ...more.map((f) => f.key)]).size).toBe(10);
    expect(page.headers.get('content-security-policy')).toMatch(
      /connect-src 'self' https:\/\/perspectief-files-test/,
    );
    expect(done.status).toBe(303);
    const uploads = await h.deps.contactUploads.list(campaignId);
    expect(uploads.map((u) => [u.report.file, u.report.source]).sort()).toEqual([
      ['Bestand 1 (vCard)', 'telefoon 3'],
      ['Bestand 2 (CSV)', 'telefoon 3'],
    ]);
    expect(bucket.has(form.fields.key!) || bucket.has(second.fields.key!)).toBe(false);
  });
});

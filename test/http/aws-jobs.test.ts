import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddressIndex } from '../../functions/adapters/bag-file/address-index.js';
import { isJobEvent } from '../../functions/adapters/lambda-jobs/job-event.js';
import { LambdaJobRunner } from '../../functions/adapters/lambda-jobs/lambda-job-runner.js';
import { createCapturingLogger } from '../../functions/adapters/logger/powertools-logger.js';
import { S3FileStore } from '../../functions/adapters/s3/s3-file-store.js';
import { S3UploadStaging } from '../../functions/adapters/s3/s3-upload-staging.js';
import { type Acting, systemActing } from '../../functions/app/audit.js';
import { approveCampaign, createCampaignFromBlueprint } from '../../functions/app/campaigns.js';
import { createCase } from '../../functions/app/cases.js';
import type { AppDeps } from '../../functions/app/deps.js';
import { renderLetters } from '../../functions/app/letters.js';
import { createUser } from '../../functions/app/users.js';
import type { Address } from '../../functions/core/letters/address.schema.js';
import { defaultSettings } from '../../functions/core/settings/settings.schema.js';
import { createApp } from '../../functions/http/app.js';
import type { AppEnv } from '../../functions/http/env.js';
import { type LocalRuntime, startLocalRuntime } from '../../functions/local/runtime.js';
import { handleContactJob } from '../../functions/wiring/ingest-contacts.js';
import { handleLetterJob } from '../../functions/wiring/letter-jobs.js';
import { manualClock } from '../fixtures/builders.js';
import { mobile } from '../fixtures/sms-builders.js';
import { Client, PASSWORD, settleJobsOf } from './harness.js';

/*
 * The AWS path of the jobs, with the AWS adapters pointed at local stand-ins: an S3 that stores objects,
 * takes presigned POSTs and serves GETs, and a Lambda that answers the Invoke API and runs the real
 * handlers (the web function's letter jobs, the contact reader's jobs). Every response of the web function
 * is measured: none may carry more than 5 MB, since API Gateway refuses above 6 MB.
 */

const BUCKET = 'perspectief-files';
const REGION = 'eu-central-1';
const credentials = { accessKeyId: 'AKIASTANDIN', secretAccessKey: 'stand-in' };
const LIMIT = 5 * 1024 * 1024;
const LETTERS = 10_000;
const CENTRE = { lat: 52.09, lon: 5.12 };

/** 250 streets of 40 houses within a few hundred metres of CENTRE: one run of 10,000 letters. */
function denseNeighbourhood(): Address[] {
  const addresses: Address[] = [];
  for (let s = 0; s < LETTERS / 40; s++) {
    for (let h = 1; h <= 40; h++) {
      addresses.push({
        id: `0344010000${String(s * 40 + h).padStart(6, '0')}`,
        street: `Proeflaan ${s + 1}`,
        houseNumber: h,
        letter: '',
        addition: '',
        postcode: '3511AA',
        city: 'Teststad',
        lat: CENTRE.lat + (s - 125) * 0.00002,
        lon: CENTRE.lon + (h - 20) * 0.00003,
        purposes: ['woonfunctie'],
        residential: true,
      });
    }
  }
  return addresses;
}

interface Stored {
  bytes?: Buffer;
  size: number;
  briefs: number;
  metadata: Record<string, string>;
  version: string;
}

async function body(req: IncomingMessage, onChunk?: (chunk: Buffer) => void, keep = true): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    onChunk?.(chunk as Buffer);
    if (keep) chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The content of an aws-chunked body: `<hex size>[;…]\r\n<data>\r\n` until a chunk of size 0. */
function decodeAwsChunked(raw: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const end = raw.indexOf('\r\n', at);
    const size = Number.parseInt(raw.subarray(at, end).toString('latin1').split(';')[0]!, 16);
    if (!size) return Buffer.concat(parts);
    parts.push(raw.subarray(end + 2, end + 2 + size));
    at = end + 2 + size + 2;
  }
}

/**
 * S3 on 127.0.0.1, path-style: PUT (counting `class="brief"` as it streams in, keeping only objects up to
 * 64 MB), a browser's POST upload with its policy checked, GET with metadata and version, DELETE of a version.
 */
async function startS3() {
  const objects = new Map<string, Stored>();
  let versions = 0;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://s3');
    const [, bucket, ...rest] = url.pathname.split('/');
    const key = decodeURIComponent(rest.join('/'));
    if (bucket !== BUCKET) return void res.writeHead(404).end();
    if (req.method === 'PUT') {
      const marker = 'class="brief"';
      let tail = '';
      let briefs = 0;
      let size = 0;
      const large = Number(req.headers['content-length'] ?? 0) > 64 * 1024 * 1024;
      const bytes = await body(
        req,
        (chunk) => {
          size += chunk.length;
          const text = tail + chunk.toString('latin1');
          briefs += text.split(marker).length - 1;
          tail = text.slice(-(marker.length - 1));
        },
        !large,
      );
      // The SDK streams with a trailing checksum (aws-chunked); the object is the decoded content.
      const chunked = (req.headers['content-encoding'] ?? '').includes('aws-chunked');
      const decodedSize = Number(req.headers['x-amz-decoded-content-length'] ?? size);
      const content = chunked && !large ? decodeAwsChunked(bytes) : bytes;
      objects.set(key, {
        ...(large ? {} : { bytes: content }),
        size: decodedSize,
        briefs,
        metadata: {},
        version: `v${++versions}`,
      });
      return void res.writeHead(200, { etag: '"0"' }).end();
    }
    if (req.method === 'POST' && key === '') {
      const raw = await body(req);
      const form = await new Request('http://s3/', {
        method: 'POST',
        headers: { 'content-type': req.headers['content-type'] ?? '' },
        body: new Uint8Array(raw),
      }).formData();
      const fields: Record<string, string> = {};
      let file: Blob | undefined;
      for (const [name, value] of form) {
        if (typeof value === 'string') fields[name] = value;
        else file = value;
      }
      const policy = JSON.parse(Buffer.from(fields.Policy ?? '', 'base64').toString('utf8')) as {
        conditions: (Record<string, string> | [string, string | number, string | number])[];
      };
      const size = file?.size ?? 0;
      const ok = policy.conditions.every((c) => {
        if (!Array.isArray(c)) return Object.entries(c).every(([k, v]) => k === 'bucket' || fields[k] === v);
        if (c[0] === 'content-length-range') return size >= Number(c[1]) && size <= Number(c[2]);
        if (c[0] === 'starts-with') return (fields[String(c[1]).slice(1)] ?? '').startsWith(String(c[2]));
        return fields[String(c[1]).slice(1)] === c[2];
      });
      if (!ok || !file) return void res.writeHead(403).end('<Error><Code>AccessDenied</Code></Error>');
      const metadata = Object.fromEntries(
        Object.entries(fields)
          .filter(([k]) => k.startsWith('x-amz-meta-'))
          .map(([k, v]) => [k.slice('x-amz-meta-'.length), v]),
      );
      const bytes = Buffer.from(await file.arrayBuffer());
      objects.set(fields.key!, { bytes, size: bytes.length, briefs: 0, metadata, version: `v${++versions}` });
      const back = new URL(fields.success_action_redirect!);
      back.searchParams.set('key', fields.key!);
      return void res.writeHead(303, { location: back.href }).end();
    }
    const object = objects.get(key);
    if (req.method === 'GET') {
      if (!object?.bytes) {
        return void res
          .writeHead(404, { 'content-type': 'application/xml' })
          .end('<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>none</Message></Error>');
      }
      return void res
        .writeHead(200, {
          'content-length': String(object.bytes.length),
          'x-amz-version-id': object.version,
          ...Object.fromEntries(Object.entries(object.metadata).map(([k, v]) => [`x-amz-meta-${k}`, v])),
        })
        .end(object.bytes);
    }
    if (req.method === 'DELETE') {
      const version = url.searchParams.get('versionId');
      if (object && (!version || object.version === version)) objects.delete(key);
      return void res.writeHead(204).end();
    }
    res.writeHead(405).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, objects, server };
}

/**
 * Lambda's Invoke API on 127.0.0.1: an asynchronous call (`X-Amz-Invocation-Type: Event`) is answered 202
 * at once and its event queued, then run by the named function's real handler; `settled()` waits for the
 * queue, so the test synchronises on it instead of on time.
 */
async function startLambda(functions: Record<string, (event: unknown) => Promise<void>>) {
  const queued = new Set<Promise<void>>();
  const calls: { name: string; type: string }[] = [];
  const server = createServer(async (req, res) => {
    const match = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(
      new URL(req.url ?? '/', 'http://l').pathname,
    );
    const name = decodeURIComponent(match?.[1] ?? '');
    const type = String(req.headers['x-amz-invocation-type'] ?? 'RequestResponse');
    const event = JSON.parse((await body(req)).toString('utf8')) as unknown;
    calls.push({ name, type });
    const run = functions[name];
    if (!run) return void res.writeHead(404, { 'x-amzn-errortype': 'ResourceNotFoundException' }).end('{}');
    if (type !== 'Event') return void res.writeHead(400).end('{}');
    const job: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => run(event))
      .finally(() => queued.delete(job));
    queued.add(job);
    res.writeHead(202).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
    calls,
    settled: async () => {
      while (queued.size > 0) await Promise.all([...queued]);
    },
  };
}

/** The web function's app with every response body measured. */
function measured(app: Hono<AppEnv>, sizes: { path: string; bytes: number }[]): Hono<AppEnv> {
  return {
    request: async (input: string, init?: RequestInit) => {
      const response = await app.request(input, init);
      const bytes = await response.arrayBuffer();
      sizes.push({ path: new URL(input).pathname, bytes: bytes.byteLength });
      return new Response(bytes.byteLength === 0 ? null : bytes, response);
    },
  } as Hono<AppEnv>;
}

async function person(deps: AppDeps, username: string, role: 'area_manager' | 'adviser'): Promise<Acting> {
  const { user } = await createUser(deps, systemActing('test'), {
    username,
    displayName: username,
    roles: [role],
    password: PASSWORD,
  });
  return { actor: { userId: user.id, username: user.username, roles: user.roles }, role };
}

describe('jobs through the AWS adapters, against stand-ins for S3 and Lambda', () => {
  let runtime: LocalRuntime;
  let s3: Awaited<ReturnType<typeof startS3>>;
  let lambda: Awaited<ReturnType<typeof startLambda>>;
  let web: AppDeps;
  let client: Client;
  let manager: Acting;
  let adviser: Acting;
  const sizes: { path: string; bytes: number }[] = [];

  beforeAll(async () => {
    const clock = manualClock(new Date().toISOString());
    runtime = await startLocalRuntime({
      logger: createCapturingLogger(),
      clock,
      addresses: new AddressIndex(denseNeighbourhood()),
    });
    await runtime.deps.settings.put(defaultSettings('Teststad'));
    s3 = await startS3();
    const s3Client = new S3Client({ region: REGION, endpoint: s3.url, forcePathStyle: true, credentials });
    const staging = new S3UploadStaging({
      bucket: BUCKET,
      region: REGION,
      endpoint: s3.url,
      client: async () => s3Client,
    });
    const files = new S3FileStore({ bucket: BUCKET, client: async () => s3Client });
    // The web function's deps and the contact reader's deps, both on the embedded DynamoDB, as in AWS.
    lambda = await startLambda({
      'perspectief-web': (event) => (isJobEvent(event) ? handleLetterJob(web, event) : Promise.reject(event)),
      'perspectief-ingest': (event) =>
        isJobEvent(event) ? handleContactJob(runtime.deps, staging, event) : Promise.reject(event),
    });
    const lambdaClient = new LambdaClient({ region: REGION, endpoint: lambda.url, credentials });
    web = {
      ...runtime.deps,
      files,
      uploadStaging: staging,
      jobRunner: new LambdaJobRunner({
        client: async () => lambdaClient,
        functions: {
          letters_print: 'perspectief-web',
          letters_pdf: 'perspectief-web',
          contacts: 'perspectief-ingest',
        },
      }),
    };
    settleJobsOf(lambda);
    manager = await person(runtime.deps, 'gebiedsmanager', 'area_manager');
    adviser = await person(runtime.deps, 'adviseur', 'adviser');
    client = new Client(measured(createApp(web, { stylesheet: 'body{}' }), sizes));
  }, 120_000);

  afterAll(async () => {
    await runtime?.close();
    await new Promise<void>((resolve) => s3?.server.close(() => resolve()));
    await new Promise<void>((resolve) => lambda?.server.close(() => resolve()));
  });

  it('makes the print view of 10,000 letters in the bucket and hands it out by a presigned link, never as a response', async () => {
    // Prepare: an approved selection of 10,000 addresses and its letter run
    const kase = await createCase(runtime.deps, manager, {
      name: 'Grote actie',
      actionDate: '2026-03-01',
      municipality: 'Teststad',
      areaDescription: 'de Proeflanen',
      responsibleUserId: adviser.actor.userId,
    });
    const campaign = await createCampaignFromBlueprint(runtime.deps, manager, {
      caseId: kase.id,
      blueprintId: 'wijkbericht-na-arrestaties',
      name: 'Wijkbericht groot',
    });
    await client.login('gebiedsmanager');
    const area = await client.post(`/wijkberichten/${campaign.id}/gebied`, {
      locatie: `${CENTRE.lat}, ${CENTRE.lon}`,
      straal: '1000',
    });
    expect(area.status).toBe(303);
    expect((await runtime.deps.letterSelections.get(campaign.id))?.letterCount).toBe(LETTERS);
    const from = new Date().toISOString().slice(0, 10);
    const until = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const caseText = 'Er zijn vijftien mensen aangehouden.';
    expect(
      (await client.post(`/wijkberichten/${campaign.id}/aanbieden`, { from, until, zaaktekst: caseText }))
        .status,
    ).toBe(303);
    const submitted = (await runtime.deps.campaigns.get(campaign.id))!;
    await approveCampaign(runtime.deps, adviser, campaign.id, {
      requestFingerprint: submitted.approvalRequest!.fingerprint,
      legalReference: 'PARKET 13/654321-26',
      confirmed: true,
      namesNobody: true,
    });
    const batch = await renderLetters(runtime.deps, manager, {
      campaignId: campaign.id,
      mode: 'addressed',
      caseText,
      baseUrl: 'https://perspectief.example.nl',
    });
    expect(batch.letters).toBe(LETTERS);

    // Act: start the job (the request returns once the stand-in Lambda's queue is empty), open it, get the link
    const started = await client.post(`/wijkberichten/${campaign.id}/brieven/${batch.id}/print`);
    const jobPath = started.headers.get('location') ?? '';
    const jobPage = await client.get(jobPath);
    const link = await client.get(`${jobPath}/bestand`);

    // Assess
    expect(started.status).toBe(303);
    expect(lambda.calls).toContainEqual({ name: 'perspectief-web', type: 'Event' });
    expect(await jobPage.text()).toContain('data-job-state="done"');
    expect(link.status).toBe(303);
    const url = new URL(link.headers.get('location') ?? '');
    expect(url.origin).toBe(s3.url);
    const key = decodeURIComponent(url.pathname.slice(`/${BUCKET}/`.length));
    expect(key).toMatch(/^letters\/job-[0-9a-f]{32}-1\.html$/);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    const stored = s3.objects.get(key)!;
    expect(stored.briefs).toBe(LETTERS);
    expect(stored.size).toBeGreaterThan(40 * LIMIT);
    const job = (await runtime.deps.jobs.get(jobPath.split('/').pop()!))!;
    expect(job.progress).toEqual({ done: LETTERS, total: LETTERS });
    expect(job.result?.bytes).toBe(stored.size);
    expect(Math.max(...sizes.map((s) => s.bytes))).toBeLessThanOrEqual(LIMIT);
  }, 600_000);

  it('reads a 50 MB contact file from the bucket in the contact reader and removes it once recorded', async () => {
    // Prepare: a 50 MB CSV of 4,000 distinct numbers with notes that are dropped at reading
    const kase = await createCase(runtime.deps, adviser, {
      name: 'Grote telefoon',
      actionDate: '2026-03-01',
      municipality: 'Teststad',
      areaDescription: 'Kanaleneiland',
    });
    const campaign = await createCampaignFromBlueprint(runtime.deps, adviser, {
      caseId: kase.id,
      blueprintId: 'sms-bom-straathandel',
      name: 'SMS-bom groot',
    });
    const note = 'x'.repeat(180);
    const rows: string[] = ['Name,Phone 1 - Type,Phone 1 - Value,Notes'];
    let size = rows[0]!.length + 2;
    for (let i = 0; size < 50 * 1024 * 1024 - 300; i++) {
      const row = `Persoon ${i},Mobile,${mobile(i % 4000)},${note}`;
      rows.push(row);
      size += row.length + 2;
    }
    const csv = new TextEncoder().encode(`${rows.join('\r\n')}\r\n`);
    expect(csv.length).toBeGreaterThan(49 * 1024 * 1024);
    expect(csv.length).toBeLessThanOrEqual(50 * 1024 * 1024);
    const browser = new Client(measured(createApp(web, { stylesheet: 'body{}' }), sizes));
    await browser.login('adviseur');
    const page = await (await browser.get(`/campagnes/${campaign.id}`)).text();
    const form = /<form[^>]*data-staged-upload[^>]*>([\s\S]*?)<\/form>/.exec(page)!;
    const action = /action="([^"]+)"/.exec(form[0])![1]!;
    const post = new FormData();
    for (const input of form[1]!.matchAll(/<input([^>]*)>/g)) {
      const name = /name="([^"]+)"/.exec(input[1]!)?.[1];
      const value = (/value="([^"]*)"/.exec(input[1]!)?.[1] ?? '')
        .replace(/&amp;/g, '&')
        .replace(/&quot;/g, '"');
      if (!name || name === 'file') continue;
      post.append(
        name,
        name === 'x-amz-meta-telefoon'
          ? 'telefoon 1'
          : name === 'x-amz-meta-bestandsnaam'
            ? 'groot.csv'
            : value,
      );
    }
    post.append('file', new Blob([csv]), 'groot.csv');

    // Act: the "browser" posts to the bucket, comes back through the hand-over page, and the job runs
    const stored = await fetch(action, { method: 'POST', body: post, redirect: 'manual' });
    const back = new URL(stored.headers.get('location') ?? '');
    const handOver = await (await browser.get(`${back.pathname}${back.search}`)).text();
    const next = /content="0;url=([^"]+)"/.exec(handOver)![1]!.replace(/&amp;/g, '&');
    const started = await browser.get(next);
    const done = await browser.get(started.headers.get('location') ?? '');

    // Assess
    expect(stored.status).toBe(303);
    expect(started.status).toBe(303);
    expect(lambda.calls).toContainEqual({ name: 'perspectief-ingest', type: 'Event' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`/campagnes/${campaign.id}#contactlijsten`);
    const uploads = await runtime.deps.contactUploads.list(campaign.id);
    expect(uploads).toHaveLength(1);
    expect(uploads[0]!.sizeBytes).toBe(csv.length);
    expect(uploads[0]!.distinct).toBe(4000);
    expect([...s3.objects.keys()].some((k) => k.startsWith('uploads/'))).toBe(false);
    expect(Math.max(...sizes.map((s) => s.bytes))).toBeLessThanOrEqual(LIMIT);
  }, 600_000);
});

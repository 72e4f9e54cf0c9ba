import { existsSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { S3Client } from '@aws-sdk/client-s3';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3UploadStaging } from '../../functions/adapters/s3/s3-upload-staging.js';
import { contactJobWorkers, inProcessContactReading } from '../../functions/app/contact-reading.js';
import type { AppDeps } from '../../functions/app/deps.js';
import { inProcessJobRunner } from '../../functions/app/jobs.js';
import { csvOf, mobile, vcardOf } from '../fixtures/sms-builders.js';
import { CHROMIUM, cspViolations, launchBrowser, login, type Server, startServer } from './support.js';

const BUCKET = 'perspectief-files';

interface StoredObject {
  bytes: Buffer;
  metadata: Record<string, string>;
  version: string;
}

/**
 * A stand-in for S3 on 127.0.0.1 — another site than the platform on localhost, as S3 is in AWS: it takes
 * a browser's POST upload (checking the signed policy's conditions), answers with S3's 303 to
 * success_action_redirect, and serves GET and DELETE of objects with their x-amz-meta-* fields to the SDK.
 */
async function startS3(): Promise<{ url: string; objects: Map<string, StoredObject>; server: HttpServer }> {
  const objects = new Map<string, StoredObject>();
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://s3');
    const [, bucket, ...rest] = url.pathname.split('/');
    const key = decodeURIComponent(rest.join('/'));
    if (bucket !== BUCKET) return void res.writeHead(404).end();
    if (req.method === 'POST' && key === '') {
      const form = await new Request('http://s3/', {
        method: 'POST',
        headers: { 'content-type': req.headers['content-type'] ?? '' },
        body,
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
      const version = `v${objects.size + 1}`;
      objects.set(fields.key!, { bytes: Buffer.from(await file.arrayBuffer()), metadata, version });
      const back = new URL(fields.success_action_redirect!);
      back.searchParams.set('bucket', BUCKET);
      back.searchParams.set('key', fields.key!);
      back.searchParams.set('etag', '"0"');
      // S3 answers with the bucket's CORS rule for the platform's origin, which lets the page's script post.
      return void res
        .writeHead(303, { location: back.href, 'access-control-allow-origin': req.headers.origin ?? '*' })
        .end();
    }
    const object = objects.get(key);
    if (req.method === 'GET') {
      if (!object) {
        return void res
          .writeHead(404, { 'content-type': 'application/xml' })
          .end(
            '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>none</Message></Error>',
          );
      }
      return void res
        .writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-length': String(object.bytes.length),
          'x-amz-version-id': object.version,
          ...Object.fromEntries(Object.entries(object.metadata).map(([k, v]) => [`x-amz-meta-${k}`, v])),
        })
        .end(object.bytes);
    }
    if (req.method === 'DELETE') {
      if (object && object.version === url.searchParams.get('versionId')) objects.delete(key);
      return void res.writeHead(204).end();
    }
    res.writeHead(405).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, objects, server };
}

describe.runIf(existsSync(CHROMIUM) || process.env.CI === 'true')(
  'contact files through a staging store on another site, in a real browser',
  () => {
    let s3: Awaited<ReturnType<typeof startS3>>;
    let server: Server;
    let browser: Browser;

    beforeAll(async () => {
      s3 = await startS3();
      const client = new S3Client({
        region: 'eu-central-1',
        endpoint: s3.url,
        forcePathStyle: true,
        credentials: { accessKeyId: 'AKIAE2E', secretAccessKey: 'e2e' },
      });
      const staging = new S3UploadStaging({
        bucket: BUCKET,
        region: 'eu-central-1',
        endpoint: s3.url,
        client: async () => client,
      });
      server = await startServer((deps) => {
        const wired: AppDeps = { ...deps, uploadStaging: staging };
        wired.contactReading = inProcessContactReading(wired, staging);
        // Contact jobs read the staged files from the stand-in, in the background as locally.
        wired.jobRunner = inProcessJobRunner(() => wired, contactJobWorkers(staging));
        return wired;
      });
      browser = await launchBrowser();
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
      await new Promise<void>((resolve) => s3?.server.close(() => resolve()));
    });

    it('posts the file straight to the store, comes back signed in, reads it and leaves nothing behind', async () => {
      // Prepare: a case and a campaign, through the pages
      const context = await browser.newContext();
      const page = await context.newPage();
      await login(page, server.url, 'adviser');
      await page.goto(`${server.url}/zaken`);
      await page.getByLabel('Naam van de zaak').fill('Bazooka');
      await page.getByLabel('Datum van de actie (klapdag)').fill('2026-03-01');
      await page.getByLabel('Gebied').fill('Kanaleneiland-Zuid');
      await page.getByRole('button', { name: 'Zaak aanmaken' }).click();
      await page.getByRole('button', { name: 'Campagne aanmaken' }).click();
      await page.getByRole('heading', { level: 2, name: 'Berichtvarianten' }).waitFor();
      const campaignPath = new URL(page.url()).pathname;

      // A form left open past its policy's end is not posted (S3 would answer with its own English page):
      // the page says so in Dutch and fetches a fresh one.
      await page.locator('form[data-staged-upload]').evaluate((f) => {
        f.setAttribute('data-expires-at', new Date(Date.now() - 1000).toISOString());
      });
      await page.getByLabel('Contactbestanden (vCard, CSV of XLSX)').setInputFiles({
        name: 'te laat.vcf',
        mimeType: 'text/vcard',
        buffer: Buffer.from(vcardOf([mobile(20)])),
      });
      await page.getByRole('button', { name: 'Uploaden en verwerken' }).click();
      await page.getByText('Dit formulier was verlopen').waitFor();
      await page.waitForFunction(() => {
        const at = document.querySelector('form[data-staged-upload]')?.getAttribute('data-expires-at') ?? '';
        return Date.parse(at) > Date.now();
      });
      expect(s3.objects.size).toBe(0);

      // Act: one file, with the page's script naming it, posted to the store on the other site
      await page.getByLabel('Van welke telefoon?').fill('telefoon 1');
      await page.getByLabel('Contactbestanden (vCard, CSV of XLSX)').setInputFiles({
        name: 'export telefoon.vcf',
        mimeType: 'text/vcard',
        buffer: Buffer.from(vcardOf([mobile(21), mobile(22), mobile(23)])),
      });
      await page.getByRole('button', { name: 'Uploaden en verwerken' }).click();
      await page.waitForURL((url) => url.pathname === campaignPath && url.hash === '#contactlijsten');

      // Assess
      const reports = (await page.locator('.upload-reports').textContent()) ?? '';
      expect(reports).toContain('Bestand 1 (vCard)');
      expect(reports).not.toContain('export telefoon');
      expect(reports).toContain('telefoon 1');
      expect(s3.objects.size).toBe(0);

      // Several files of the next phone at once: the script posts them one after another, each with its own
      // signed fields, and the page then has them read as one upload
      expect(await page.getByLabel('Van welke telefoon?').inputValue()).toBe('telefoon 2');
      await page.getByLabel('Contactbestanden (vCard, CSV of XLSX)').setInputFiles([
        {
          name: 'tweede.vcf',
          mimeType: 'text/vcard',
          buffer: Buffer.from(vcardOf([mobile(24), mobile(25)])),
        },
        { name: 'tweede.csv', mimeType: 'text/csv', buffer: Buffer.from(csvOf([mobile(25), mobile(26)])) },
      ]);
      await page.getByRole('button', { name: 'Uploaden en verwerken' }).click();
      await page.waitForFunction(
        () => document.querySelector('.upload-reports')?.textContent?.includes('Bestand 3 (CSV)') ?? false,
      );
      const all = (await page.locator('.upload-reports').textContent()) ?? '';
      expect(all).toContain('Bestand 2 (vCard)');
      expect(all).not.toContain('tweede');
      expect(all).toContain('telefoon 2');
      expect(s3.objects.size).toBe(0);
      expect(cspViolations(context)).toEqual([]);
      await context.close();
    }, 60_000);
  },
);

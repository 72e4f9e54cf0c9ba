import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../http/harness.js';
import { createCampaignVia, createCaseVia, uploadVia } from '../http/sms-support.js';
import {
  billionLaughsWorkbook,
  lyingZipBombWorkbook,
  manyCardsVcard,
  oneLineCsv,
  qpFoldedVcard,
  xxeWorkbook,
  zipBombWorkbook,
} from './files.js';
import { type HostileServer, startHostileServer, streamBody, watch } from './server.js';

/*
 * Hostile input against the real server on a real socket: each file or request is generated here, sent
 * while a health probe keeps asking `/gezondheid`, and must get a Dutch answer that names the reason, leave
 * the campaign's data as it was, and keep the process's memory within a stated bound.
 */

/**
 * The bound on the growth of this process's resident memory during one hostile request, in MB. It holds
 * the test's own copy of the file and its multipart body, the server's copy, and the one worker thread
 * reading it (a heap limit of 256 MB). The reported attacks took the process to 1.2–2.7 GB.
 */
const MEMORY_BOUND_MB = 700;
const MB = 1024 * 1024;

describe('hostile input', () => {
  let server: HostileServer;
  let adviser: Client;
  let campaignId: string;

  beforeAll(async () => {
    server = await startHostileServer();
    adviser = server.client();
    expect((await adviser.login('adviser')).status).toBe(303);
    campaignId = await createCampaignVia(adviser, await createCaseVia(adviser));
    // One good file, so "unchanged" means something: its numbers must survive every hostile upload.
    const good = await uploadVia(adviser, campaignId, 'telefoon 1', [
      { name: 'goed.csv', content: 'naam,telefoon\nA,0612345678\nB,0687654321\n' },
    ]);
    expect(good.status).toBe(303);
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  /** What must not change: the recipient set, the accepted files and the campaign's status. */
  async function campaignData() {
    const campaign = await server.deps.campaigns.get(campaignId);
    const uploads = await server.deps.contactUploads.list(campaignId);
    return {
      status: campaign?.status,
      recipients: campaign?.kind === 'sms' ? campaign.recipients : undefined,
      accepted: uploads.filter((u) => u.accepted).map((u) => u.id),
    };
  }

  /** Uploads one hostile file under watch; returns the report's problem text for that file. */
  async function uploadHostile(name: string, content: Uint8Array) {
    const before = await campaignData();
    const uploadsBefore = (await server.deps.contactUploads.list(campaignId)).length;
    const watched = await watch(server.base, () =>
      uploadVia(adviser, campaignId, 'telefoon 2', [{ name, content }]),
    );
    expect(watched.result.status).toBe(303);
    const uploads = await server.deps.contactUploads.list(campaignId);
    expect(uploads.length).toBe(uploadsBefore + 1);
    const report = uploads.find((u) => !before.accepted.includes(u.id) && u.report.source === 'telefoon 2');
    expect(await campaignData()).toEqual(before);
    return { watched, report: uploads.at(-1)?.report ?? report?.report };
  }

  it('reads a vCard of 2 MB and of 4 MB of quoted-printable soft line breaks, answering health probes meanwhile', async () => {
    for (const megabytes of [2, 4]) {
      // Act
      const before = await campaignData();
      const watched = await watch(server.base, () =>
        uploadVia(adviser, campaignId, 'telefoon 3', [
          { name: `qp-${megabytes}.vcf`, content: qpFoldedVcard(megabytes * MB) },
        ]),
      );

      // Assess: read (one number), the server answered throughout, memory bounded
      expect(watched.result.status).toBe(303);
      const upload = (await server.deps.contactUploads.list(campaignId)).find(
        (u) => u.report.source === 'telefoon 3' && u.sizeBytes > megabytes * MB - 1024,
      );
      expect(upload?.report.format).toBe('vcard');
      expect(upload?.report.records).toBe(1);
      expect(upload?.found).toBe(1);
      expect(watched.probes.every((status) => status === 200)).toBe(true);
      expect(watched.rssGrowthMb).toBeLessThan(MEMORY_BOUND_MB);
      // The file's one number joins the set; nothing else of the campaign changed.
      expect((await campaignData()).accepted).toEqual(expect.arrayContaining(before.accepted));
      await removeUpload(upload!.id);
      expect(await campaignData()).toEqual(before);
    }
  }, 180_000);

  it('reads a vCard of 250,000 cards on a worker while the server keeps answering', async () => {
    // Act
    const before = await campaignData();
    const watched = await watch(server.base, () =>
      uploadVia(adviser, campaignId, 'telefoon 4', [{ name: 'veel.vcf', content: manyCardsVcard(250_000) }]),
    );

    // Assess: probes were answered while the file was being read, not only afterwards
    expect(watched.result.status).toBe(303);
    expect(watched.answeredDuring).toBeGreaterThan(0);
    expect(watched.probes.every((status) => status === 200)).toBe(true);
    expect(watched.rssGrowthMb).toBeLessThan(MEMORY_BOUND_MB);
    const upload = (await server.deps.contactUploads.list(campaignId)).find(
      (u) => u.report.source === 'telefoon 4',
    );
    expect(upload?.report.records).toBe(250_000);
    await removeUpload(upload!.id);
    expect(await campaignData()).toEqual(before);
  }, 300_000);

  it('refuses a 40 MB CSV without line breaks and says so', async () => {
    const { watched, report } = await uploadHostile('een-regel.csv', oneLineCsv(40 * MB));

    expect(report?.problems[0]?.reason).toMatch(/geen regeleinden/);
    expect(report?.records).toBe(0);
    expect(watched.probes.every((status) => status === 200)).toBe(true);
    expect(watched.rssGrowthMb).toBeLessThan(MEMORY_BOUND_MB);
  }, 180_000);

  it('refuses a zip bomb (2 MB packed, 2 GB unpacked) and one that lies about its size, as too large unpacked', async () => {
    for (const bomb of [await zipBombWorkbook(2048), await lyingZipBombWorkbook(2048)]) {
      const { watched, report } = await uploadHostile('bom.xlsx', bomb);

      expect(bomb.length).toBeLessThan(3 * MB);
      expect(report?.problems[0]?.reason).toMatch(/te groot uitgepakt/);
      expect(report?.problems[0]?.reason).not.toMatch(/beschadigd/);
      expect(watched.probes.every((status) => status === 200)).toBe(true);
      expect(watched.rssGrowthMb).toBeLessThan(MEMORY_BOUND_MB);
    }
  }, 180_000);

  it('refuses XXE and billion-laughs workbooks without expanding an entity', async () => {
    for (const file of [xxeWorkbook(), billionLaughsWorkbook()]) {
      const { watched, report } = await uploadHostile('entiteiten.xlsx', file);

      expect(report?.problems[0]?.reason).toMatch(/XML-entiteiten of een DTD/);
      expect(report?.numbers).toBe(0);
      expect(watched.probes.every((status) => status === 200)).toBe(true);
      expect(watched.rssGrowthMb).toBeLessThan(MEMORY_BOUND_MB);
    }
  }, 120_000);

  it('stops reading an anonymous 200 MB body after a few kB, with a Dutch 413', async () => {
    // Prepare: an anonymous visitor with the CSRF cookie of the /stop page
    const before = await campaignData();
    const optOutsBefore = await optOuts();

    // Act: streamed without a length (nothing of 200 MB is allocated), and once with a declared length
    const watched = await watch(server.base, () =>
      streamBody(server.port, '/stop', 200 * MB, { 'content-type': 'application/x-www-form-urlencoded' }),
    );
    const declared = await fetch(`${server.base}/stop`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(200 * MB) },
      body: 'nummer=1',
    }).catch((error: unknown) => error);

    // Assess
    expect(watched.result.status).toBe(413);
    expect(watched.result.body).toContain('te groot');
    expect(watched.result.sentBytes).toBeLessThan(200 * MB);
    if (declared instanceof Response) expect(declared.status).toBe(413);
    expect(watched.probes.every((status) => status === 200)).toBe(true);
    expect(watched.rssGrowthMb).toBeLessThan(MEMORY_BOUND_MB);
    expect(await optOuts()).toBe(optOutsBefore);
    expect(await campaignData()).toEqual(before);
  }, 120_000);

  it('answers a broken multipart body with a Dutch 422, signed in or not, never a 500', async () => {
    // Prepare
    const before = await campaignData();
    const broken = '--XYZ\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\nabc\r\n--XY';
    const visitor = server.client();
    await visitor.get('/stop');

    // Act
    const watched = await watch(server.base, async () => [
      await adviser.request(`/campagnes/${campaignId}/uploads`, {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=XYZ' },
        body: broken,
      }),
      await visitor.request('/stop', {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=XYZ' },
        body: broken,
      }),
      await adviser.request(`/campagnes/${campaignId}/uploads`, {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data' },
        body: 'no boundary at all',
      }),
    ]);

    // Assess
    for (const res of watched.result) {
      expect(res.status).toBe(422);
      expect(await res.text()).toContain('kon niet worden gelezen');
    }
    expect(server.logs.filter((line) => line.includes('"level":"ERROR"'))).toEqual([]);
    expect(watched.probes.every((status) => status === 200)).toBe(true);
    expect(watched.rssGrowthMb).toBeLessThan(MEMORY_BOUND_MB);
    expect(await campaignData()).toEqual(before);
  }, 60_000);

  it('keeps one bucket per connecting address however X-Forwarded-For rotates', async () => {
    // Prepare
    const before = await campaignData();
    const visitor = server.client();
    await visitor.get('/stop');
    const optOutsBefore = await optOuts();

    // Act: 30 opt-outs, each claiming another address
    const watched = await watch(server.base, async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) {
        const res = await visitor.request('/stop', {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'x-forwarded-for': `198.51.100.${i}`,
          },
          body: new URLSearchParams({ _csrf: visitor.csrf, nummer: `06${String(20_000_000 + i)}` }),
        });
        await res.arrayBuffer();
        statuses.push(res.status);
      }
      return statuses;
    });

    // Assess: the limit of 10 per address held; the rest got the Dutch "wait" page
    expect(watched.result.filter((status) => status === 303)).toHaveLength(10);
    expect(watched.result.filter((status) => status === 429)).toHaveLength(20);
    expect((await optOuts()) - optOutsBefore).toBe(10);
    expect(watched.probes.every((status) => status === 200)).toBe(true);
    expect(watched.rssGrowthMb).toBeLessThan(MEMORY_BOUND_MB);
    expect(await campaignData()).toEqual(before);
  }, 60_000);

  /** Opt-out events in the audit trail this month. */
  async function optOuts(): Promise<number> {
    const month = server.deps.clock.now().toISOString().slice(0, 7);
    return (await server.deps.audit.list({ action: 'optout.recorded', months: [month] })).length;
  }

  async function removeUpload(uploadId: string): Promise<void> {
    const res = await adviser.post(`/campagnes/${campaignId}/uploads/${uploadId}/verwijderen`);
    expect(res.status).toBe(303);
  }
});

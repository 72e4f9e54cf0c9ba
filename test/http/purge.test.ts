import { InvokeCommand } from '@aws-sdk/client-lambda';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LambdaPdfRenderer } from '../../functions/adapters/lambda-pdf/lambda-pdf-renderer.js';
import { createApp } from '../../functions/http/app.js';
import { awsClients, payload } from '../adapters/lambda-pdf/fixtures.js';
import { completedCampaign, numbersFoundIn } from '../fixtures/purge-builders.js';
import { aCase } from '../fixtures/sms-builders.js';
import { Client, type Harness, startHarness } from './harness.js';

describe('"nu verwijderen" and the purge certificate over HTTP', () => {
  let h: Harness;
  let admin: Client;
  let adviser: Client;
  let om: Client;
  let distributor: Client;
  beforeAll(async () => {
    h = await startHarness();
    await h.deps.settings.put({ ...(await h.deps.settings.get())!, maxRatePerSecond: 1000 });
    await h.deps.cases.create(aCase({ id: 'case-sending' }));
    admin = new Client(h.app);
    adviser = new Client(h.app);
    om = new Client(h.app);
    distributor = new Client(h.app);
    await admin.login('admin');
    await adviser.login('adviser');
    await om.login('om-liaison');
    await distributor.login('distributor');
  });
  afterAll(async () => h.close());

  it('asks for confirmation, purges, and shows the certificate as a page, a CSV and a PDF without any number', async () => {
    // Prepare
    const { campaign, numbers } = await completedCampaign(h.deps, { recipients: 8, offset: 5000 });
    const pageBefore = await (await admin.get(`/campagnes/${campaign.id}`)).text();
    const adviserPage = await (await adviser.get(`/campagnes/${campaign.id}`)).text();

    // Act
    const confirm = await admin.get(`/campagnes/${campaign.id}/nu-verwijderen`);
    const confirmHtml = await confirm.text();
    const unconfirmed = await admin.post(`/campagnes/${campaign.id}/nu-verwijderen`);
    const byAdviser = await adviser.post(`/campagnes/${campaign.id}/nu-verwijderen`, { bevestig: 'ja' });
    const statusBetween = (await h.deps.campaigns.get(campaign.id))?.status;
    const purged = await admin.post(`/campagnes/${campaign.id}/nu-verwijderen`, { bevestig: 'ja' });
    const certificatePage = await om.get(`/campagnes/${campaign.id}/vernietigingsverklaring`);
    const certificateHtml = await certificatePage.text();
    const csv = await om.get(`/campagnes/${campaign.id}/vernietigingsverklaring.csv`);
    const csvBytes = new Uint8Array(await csv.arrayBuffer());
    const csvText = new TextDecoder('utf-8', { ignoreBOM: true }).decode(csvBytes);
    const pdf = await adviser.get(`/campagnes/${campaign.id}/vernietigingsverklaring.pdf`);
    const pdfBytes = new Uint8Array(await pdf.arrayBuffer());
    const forDistributor = await distributor.get(`/campagnes/${campaign.id}/vernietigingsverklaring`);
    const pageAfter = await (await adviser.get(`/campagnes/${campaign.id}`)).text();
    const dashboard = await adviser.get(`/campagnes/${campaign.id}/verzending`);
    const dashboardHtml = await dashboard.text();

    // Assess
    expect(pageBefore).toContain(`/campagnes/${campaign.id}/nu-verwijderen`);
    expect(adviserPage).not.toContain('nu-verwijderen');
    expect(adviserPage).toContain('automatisch verwijderd 30 dagen');
    expect(confirm.status).toBe(200);
    expect(confirmHtml).toContain('Nu definitief verwijderen');
    expect(unconfirmed.status).toBe(422);
    expect(await unconfirmed.text()).toContain('Bevestig');
    expect(byAdviser.status).toBe(403);
    expect(statusBetween).toBe('completed');
    expect(purged.status).toBe(303);
    expect(purged.headers.get('location')).toBe(`/campagnes/${campaign.id}/vernietigingsverklaring`);
    expect(certificatePage.status).toBe(200);
    expect(certificateHtml).toContain('Vernietigingsverklaring telefoonnummers');
    expect(certificateHtml).toContain('Parket 13/123456-26');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csvText.startsWith('\uFEFFsectie;onderdeel;waarde\r\n')).toBe(true);
    expect(csvText).toMatch(/verwijderd;Ontvangers \(telefoonnummers met status\);8\r\n/);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(new TextDecoder().decode(pdfBytes.slice(0, 5))).toBe('%PDF-');
    expect(forDistributor.status).toBe(403);
    expect(pageAfter).toContain(`/campagnes/${campaign.id}/vernietigingsverklaring.csv`);
    expect(dashboard.status).toBe(200);
    expect(dashboardHtml).toContain('gewist');
    expect(numbersFoundIn([certificateHtml, csvText, pageAfter, dashboardHtml], numbers)).toEqual([]);
  }, 60_000);

  it('refuses "nu verwijderen" while a campaign is being sent, with the reason on the confirmation page', async () => {
    // Prepare
    const { campaign } = await completedCampaign(h.deps, { recipients: 2, offset: 5100 });
    await h.deps.campaigns.save(
      { ...campaign, status: 'paused', version: campaign.version + 1 },
      campaign.version,
    );

    // Act
    const confirm = await (await om.get(`/campagnes/${campaign.id}/nu-verwijderen`)).text();
    const attempt = await om.post(`/campagnes/${campaign.id}/nu-verwijderen`, { bevestig: 'ja' });
    const noCertificate = await om.get(`/campagnes/${campaign.id}/vernietigingsverklaring`);

    // Assess
    expect(confirm).toContain('annuleert u eerst');
    expect(confirm).not.toContain('Nu definitief verwijderen');
    expect(attempt.status).toBe(409);
    expect(await attempt.text()).toContain('Annuleer eerst de verzending');
    expect(await h.deps.recipients.count(campaign.id)).toBe(2);
    expect(noCertificate.status).toBe(404);
  });

  it('redirects the certificate PDF to a short-lived link where the renderer offers one, audited as an export', async () => {
    // Prepare
    const { campaign } = await completedCampaign(h.deps, { recipients: 2, offset: 5200 });
    expect((await admin.post(`/campagnes/${campaign.id}/nu-verwijderen`, { bevestig: 'ja' })).status).toBe(
      303,
    );
    const { s3, lambda } = awsClients();
    const s3Mock = mockClient(s3);
    mockClient(lambda)
      .on(InvokeCommand)
      .resolves({ StatusCode: 200, Payload: payload({ ok: true, pages: 1, bytes: 1 }) });
    s3Mock.on(PutObjectCommand).resolves({});
    s3Mock.on(DeleteObjectCommand).resolves({});
    const pdf = new LambdaPdfRenderer({
      s3: async () => s3,
      lambda: async () => lambda,
      bucket: 'files',
      functionName: 'render-pdf',
      ids: h.deps.ids,
    });
    const inAws = new Client(createApp({ ...h.deps, pdf }, { stylesheet: 'body{}' }));
    inAws.adoptCookies(om);
    const before = await exportsOf(campaign.id);

    // Act
    const response = await inAws.get(`/campagnes/${campaign.id}/vernietigingsverklaring.pdf`);

    // Assess
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.pathname).toMatch(/^\/letters\/[^/]+\.pdf$/);
    expect(location.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(location.searchParams.get('response-content-disposition')).toBe(
      `attachment; filename="vernietigingsverklaring-${campaign.id}.pdf"`,
    );
    expect(await exportsOf(campaign.id)).toBe(before + 1);
  });

  async function exportsOf(campaignId: string): Promise<number> {
    const month = new Date().toISOString().slice(0, 7);
    const events = await h.deps.audit.list({ months: [month], action: 'audit.exported' });
    return events.filter((e) => e.subjectId === campaignId && e.details.changedFields?.includes('pdf'))
      .length;
  }
});

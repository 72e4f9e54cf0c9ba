import { InvokeCommand } from '@aws-sdk/client-lambda';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CENTRE, DEMO_CITY } from '../../functions/adapters/bag-file/demo-neighbourhood.js';
import { LambdaPdfRenderer } from '../../functions/adapters/lambda-pdf/lambda-pdf-renderer.js';
import { createCapturingLogger } from '../../functions/adapters/logger/powertools-logger.js';
import { S3FileStore } from '../../functions/adapters/s3/s3-file-store.js';
import { systemActing } from '../../functions/app/audit.js';
import { approveCampaign, createCampaignFromBlueprint, editCampaign } from '../../functions/app/campaigns.js';
import { createCase } from '../../functions/app/cases.js';
import type { AppDeps } from '../../functions/app/deps.js';
import { inProcessJobRunner, letterJobWorkers } from '../../functions/app/jobs.js';
import { createUser } from '../../functions/app/users.js';
import { RoleSchema } from '../../functions/core/auth/roles.js';
import { ValidationError } from '../../functions/core/errors.js';
import { defaultSettings } from '../../functions/core/settings/settings.schema.js';
import { createApp } from '../../functions/http/app.js';
import { streetValue } from '../../functions/http/views/letters.js';
import { startLocalRuntime } from '../../functions/local/runtime.js';
import { awsClients, payload } from '../adapters/lambda-pdf/fixtures.js';
import { manualClock } from '../fixtures/builders.js';
import { Client, PASSWORD, settleJobsOf, usernameFor } from './harness.js';

const AMSTERDAM_OUTSIDE = '48.8566, 2.3522';
const SECOND_POINT = `${(DEMO_CENTRE.lat + 0.0012).toFixed(6)}, ${(DEMO_CENTRE.lon + 0.0015).toFixed(6)}`;

async function setup() {
  const clock = manualClock(new Date().toISOString());
  const logger = createCapturingLogger();
  const runtime = await startLocalRuntime({ logger, clock });
  const deps = runtime.deps;
  await deps.settings.put(defaultSettings('Teststad'));
  const ids = new Map<string, string>();
  for (const role of RoleSchema.options) {
    const { user } = await createUser(deps, systemActing('test'), {
      username: usernameFor(role),
      displayName: `Test ${role}`,
      roles: [role],
      password: PASSWORD,
    });
    ids.set(role, user.id);
  }
  const second = await createUser(deps, systemActing('test'), {
    username: 'bezorger-twee',
    displayName: 'Tweede bezorger',
    roles: ['distributor'],
    password: PASSWORD,
  });
  const app = createApp(deps, { stylesheet: 'body{}' });
  settleJobsOf(runtime.jobs);
  return { runtime, deps, app, clock, logs: logger.lines, ids, secondDistributor: second.user.id };
}

function actingAs(deps: AppDeps, userId: string, role: 'area_manager' | 'om_liaison' | 'adviser') {
  return deps.users.get(userId).then((u) => ({
    actor: { userId: u!.id, username: u!.username, roles: u!.roles },
    role,
  }));
}

describe('wijkberichten over HTTP', () => {
  let t: Awaited<ReturnType<typeof setup>>;
  let manager: Client;
  let campaignId: string;
  beforeAll(async () => {
    t = await setup();
    manager = new Client(t.app);
    expect((await manager.login(usernameFor('area_manager'))).status).toBe(303);
    const acting = await actingAs(t.deps, t.ids.get('area_manager')!, 'area_manager');
    const kase = await createCase(t.deps, acting, {
      name: 'Bazooka',
      actionDate: '2026-03-01',
      municipality: 'Teststad',
      areaDescription: 'de omgeving van de Proefstraat',
      responsibleUserId: t.ids.get('adviser')!,
    });
    const campaign = await createCampaignFromBlueprint(t.deps, acting, {
      caseId: kase.id,
      blueprintId: 'wijkbericht-na-arrestaties',
      name: 'Wijkbericht Bazooka',
    });
    campaignId = campaign.id;
  });
  afterAll(async () => t.runtime.close());

  it('refuses a point outside the Netherlands, a radius of 0 or above the maximum, and an unknown address', async () => {
    const area = `/wijkberichten/${campaignId}/gebied`;
    const outside = await manager.post(area, { locatie: AMSTERDAM_OUTSIDE, straal: '150' });
    expect(outside.status).toBe(422);
    expect(await outside.text()).toContain('ligt niet in Nederland');
    const zero = await manager.post(area, { locatie: `${DEMO_CENTRE.lat}, ${DEMO_CENTRE.lon}`, straal: '0' });
    expect(zero.status).toBe(422);
    expect(await zero.text()).toContain('groter zijn dan 0 meter');
    const huge = await manager.post(area, {
      locatie: `${DEMO_CENTRE.lat}, ${DEMO_CENTRE.lon}`,
      straal: '5000',
    });
    expect(huge.status).toBe(422);
    expect(await huge.text()).toContain('hoogstens 1000 meter');
    const nowhere = await manager.post(area, { locatie: 'Nergensstraat 12345 Nietbestaand', straal: '150' });
    expect(nowhere.status).toBe(422);
    expect(await nowhere.text()).toContain('Locatie 1 is niet gevonden');
    expect(await t.deps.letterSelections.get(campaignId)).toBeUndefined();
  });

  it('suggests addresses while typing and geocodes a typed address on submit', async () => {
    const res = await manager.get('/wijkberichten/adressen?q=Proefstraat%201');
    const { suggestions } = (await res.json()) as { suggestions: { label: string }[] };
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions[0]?.label).toContain('Proefstraat');
    const saved = await manager.post(`/wijkberichten/${campaignId}/gebied`, {
      locatie: [suggestions[0]!.label, SECOND_POINT],
      straal: '150',
    });
    expect(saved.status).toBe(303);
    const selection = await t.deps.letterSelections.get(campaignId);
    expect(selection?.points).toHaveLength(2);
    expect(selection?.streets.length).toBeGreaterThan(1);
    expect(selection?.letterCount).toBeGreaterThan(0);
    const page = await (await manager.get(`/wijkberichten/${campaignId}/gebied`)).text();
    for (const row of selection!.rows) expect(page).toContain(streetValue(row).replace('|', '|'));
    const svg = await manager.get(`/wijkberichten/${campaignId}/kaart.svg`);
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    expect((await svg.text()).match(/<circle/g)?.length).toBeGreaterThan(selection!.letterCount);
  });

  it('ticks streets off, switches to within-the-radius, and refuses a stale form', async () => {
    const before = (await t.deps.letterSelections.get(campaignId))!;
    const keep = before.streets.slice(0, 2);
    const res = await manager.post(`/wijkberichten/${campaignId}/straten`, {
      straat: keep.map(streetValue),
      modus: 'within_radius',
      versie: String(before.version),
    });
    expect(res.status).toBe(303);
    const after = (await t.deps.letterSelections.get(campaignId))!;
    expect(after.streets).toEqual(keep);
    const expected = before.rows
      .filter((r) => keep.some((k) => k.street === r.street))
      .reduce((sum, r) => sum + r.within_radius, 0);
    expect(after.letterCount).toBe(expected);
    const stale = await manager.post(`/wijkberichten/${campaignId}/straten`, {
      straat: keep.map(streetValue),
      modus: 'whole_streets',
      versie: String(before.version),
    });
    expect(stale.status).toBe(409);
    const campaign = await t.deps.campaigns.get(campaignId);
    expect(campaign?.recipients.fingerprint).toBe(after.addressesFingerprint);
  });

  it('refuses to render letters before approval, then renders exactly the approved addresses', async () => {
    const refused = await manager.post(`/wijkberichten/${campaignId}/brieven`, {
      modus: 'addressed',
      zaaktekst: 'Er zijn twee mensen aangehouden.',
    });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('nog niet goedgekeurd');
    const from = t.clock.now().toISOString().slice(0, 10);
    const until = new Date(t.clock.now().getTime() + 7 * 86_400_000).toISOString().slice(0, 10);
    const caseText = 'Er zijn twee mensen aangehouden. <script>alert(1)</script>';
    expect(
      (await manager.post(`/wijkberichten/${campaignId}/aanbieden`, { from, until, zaaktekst: caseText }))
        .status,
    ).toBe(303);
    const submitted = (await t.deps.campaigns.get(campaignId))!;
    expect(submitted.status).toBe('ready_for_approval');
    expect(submitted.approvalRequest?.letterSnapshot?.caseFields.caseText).toBe(caseText);
    await approveCampaign(t.deps, await actingAs(t.deps, t.ids.get('adviser')!, 'adviser'), campaignId, {
      requestFingerprint: submitted.approvalRequest!.fingerprint,
      legalReference: 'PARKET 13/123456-26',
      confirmed: true,
      namesNobody: true,
    });
    const edited = await manager.post(`/wijkberichten/${campaignId}/brieven`, {
      modus: 'addressed',
      zaaktekst: 'Er zijn twee mensen aangehouden: Jan Jansen.',
    });
    expect(edited.status).toBe(409);
    expect(await edited.text()).toContain('niet de goedgekeurde tekst');
    expect(await t.deps.letterBatches.list(campaignId)).toEqual([]);
    const rendered = await manager.post(`/wijkberichten/${campaignId}/brieven`, {
      modus: 'addressed',
      zaaktekst: caseText,
    });
    expect(rendered.status).toBe(303);
    const [batch] = await t.deps.letterBatches.list(campaignId);
    const selection = (await t.deps.letterSelections.get(campaignId))!;
    expect(batch?.letters).toBe(selection.letterCount);
    expect(batch?.pages).toBe(selection.letterCount);
    const started = await manager.post(`/wijkberichten/${campaignId}/brieven/${batch!.id}/print`);
    expect(started.status).toBe(303);
    const jobPath = started.headers.get('location')!;
    expect(jobPath).toMatch(/^\/taken\/[0-9a-f]{32}$/);
    const jobPage = await (await manager.get(jobPath)).text();
    expect(jobPage).toContain('Printweergave openen');
    const link = await manager.get(`${jobPath}/bestand`);
    expect(link.status).toBe(303);
    const file = await manager.get(link.headers.get('location')!);
    expect(file.headers.get('content-disposition')).toMatch(/^inline; filename="wijkberichten-/);
    const print = await file.text();
    expect(print.match(/class="brief"/g)).toHaveLength(selection.letterCount);
    expect(print).not.toContain('<script>alert(1)</script>');
    expect(print).toContain('&lt;script&gt;');
    expect(print).toContain(`Aan de bewoners van ${selection.streets[0]!.street}`);
    const month = t.clock.now().toISOString().slice(0, 7);
    const events = await t.deps.audit.list({ months: [month], action: 'letters.rendered' });
    expect(
      events.some((e) => e.subjectId === batch!.id && e.details.counts?.letters === batch!.letters),
    ).toBe(true);
  });

  it('makes the PDF as a job that the PDF function writes into the bucket, then hands out a 5-minute link (AWS), counted and audited', async () => {
    // Prepare: the AWS renderer and file store, on mocked S3 and Lambda; the job runs in the background
    const { s3, lambda } = awsClients();
    const s3Mock = mockClient(s3);
    const lambdaMock = mockClient(lambda);
    s3Mock.on(PutObjectCommand).resolves({});
    s3Mock.on(DeleteObjectCommand).resolves({});
    lambdaMock
      .on(InvokeCommand)
      .resolves({ StatusCode: 200, Payload: payload({ ok: true, pages: 1, bytes: 1234 }) });
    const pdf = new LambdaPdfRenderer({
      s3: async () => s3,
      lambda: async () => lambda,
      bucket: 'files',
      functionName: 'render-pdf',
      ids: t.deps.ids,
    });
    const aws: AppDeps = {
      ...t.deps,
      pdf,
      files: new S3FileStore({ bucket: 'files', client: async () => s3 }),
    };
    const runner = inProcessJobRunner(() => aws, letterJobWorkers);
    aws.jobRunner = runner;
    settleJobsOf(runner);
    const inAws = new Client(createApp(aws, { stylesheet: 'body{}' }));
    await inAws.login(usernameFor('area_manager'));
    const [batch] = await t.deps.letterBatches.list(campaignId);

    // Act
    const started = await inAws.post(`/wijkberichten/${campaignId}/brieven/${batch!.id}/pdf`);
    const jobPath = started.headers.get('location')!;
    const jobPage = await (await inAws.get(jobPath)).text();
    const response = await inAws.get(`${jobPath}/bestand`);

    // Assess
    expect(started.status).toBe(303);
    expect(jobPage).toContain('PDF downloaden');
    expect(response.status).toBe(303);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.host).toBe('files.s3.eu-central-1.amazonaws.com');
    const event = JSON.parse(
      new TextDecoder().decode(
        lambdaMock.commandCalls(InvokeCommand)[0]?.args[0].input.Payload as Uint8Array,
      ),
    ) as { pdfKey: string };
    expect(location.pathname).toBe(`/${event.pdfKey}`);
    expect(event.pdfKey).toMatch(/^letters\/job-[0-9a-f]{32}-1\.pdf$/);
    expect(location.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(location.searchParams.get('response-content-disposition')).toBe(
      `attachment; filename="wijkberichten-${batch!.createdAt.slice(0, 10)}.pdf"`,
    );
    const html = String(s3Mock.commandCalls(PutObjectCommand)[0]?.args[0].input.Body);
    expect(html.match(/class="brief"/g)).toHaveLength(batch!.pages);
    expect((await t.deps.letterBatches.get(campaignId, batch!.id))?.downloads).toBe(batch!.downloads + 1);
    const month = t.clock.now().toISOString().slice(0, 7);
    const exported = await t.deps.audit.list({ months: [month], action: 'letters.exported' });
    expect(exported.filter((e) => e.subjectId === batch!.id)).toHaveLength(1);
    s3Mock.restore();
    lambdaMock.restore();
  });

  it('refuses a letter text with an unknown merge field when it is saved, naming the field, and keeps the old text', async () => {
    const acting = await actingAs(t.deps, t.ids.get('area_manager')!, 'area_manager');
    const kase = await createCase(t.deps, acting, {
      name: 'Onbekend veld',
      actionDate: '2026-03-01',
      municipality: 'Teststad',
      areaDescription: 'de Oefenlaan',
      responsibleUserId: t.ids.get('adviser')!,
    });
    const campaign = await createCampaignFromBlueprint(t.deps, acting, {
      caseId: kase.id,
      blueprintId: 'wijkbericht-na-arrestaties',
      name: 'Met fout veld',
    });
    const attempt = editCampaign(t.deps, acting, campaign.id, {
      letter: {
        ...campaign.letter!,
        paragraphs: ['Beste {{bewonersnaam}}, er is iets gebeurd in {{gemeente}}.'],
      },
    });
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({ userMessage: expect.stringContaining('{{bewonersnaam}}') });
    const stored = (await t.deps.campaigns.get(campaign.id))!;
    expect(stored.letter).toEqual(campaign.letter);
    expect(stored.version).toBe(campaign.version);
    await editCampaign(t.deps, acting, campaign.id, {
      letter: { ...campaign.letter!, paragraphs: ['Er is iets gebeurd in {{gemeente}} op {{datum}}.'] },
    });
    expect((await t.deps.campaigns.get(campaign.id))!.letter?.paragraphs).toEqual([
      'Er is iets gebeurd in {{gemeente}} op {{datum}}.',
    ]);
  });

  it('plans a round; only its distributor sees it, ticks a street off, and may undo only within 10 minutes', async () => {
    const selection = (await t.deps.letterSelections.get(campaignId))!;
    const distributorId = t.ids.get('distributor')!;
    const planned = await manager.post(`/wijkberichten/${campaignId}/rondes`, {
      datum: '2026-03-03',
      van: '09:00',
      tot: '12:00',
      team: [distributorId],
      straat: selection.streets.map(streetValue),
    });
    expect(planned.status).toBe(303);
    const [round] = await t.deps.rounds.listByCampaign(campaignId);
    expect(round?.streets.map((s) => s.street).sort()).toEqual(selection.streets.map((s) => s.street).sort());

    const other = new Client(t.app);
    await other.login('bezorger-twee');
    expect((await other.get(`/bezorging/${round!.id}`)).status).toBe(404);
    const sneaky = await other.post(`/bezorging/${round!.id}/bezorgd`, {
      straat: streetValue(round!.streets[0]!),
    });
    expect(sneaky.status).toBe(404);
    expect((await manager.get(`/bezorging/${round!.id}`)).status).toBe(403);

    const distributor = new Client(t.app);
    await distributor.login(usernameFor('distributor'));
    const roundPage = await (await distributor.get(`/bezorging/${round!.id}`)).text();
    expect(roundPage).toContain(round!.streets[0]!.street);
    const [first, second] = round!.streets;
    expect(
      (await distributor.post(`/bezorging/${round!.id}/bezorgd`, { straat: streetValue(first!) })).status,
    ).toBe(303);
    expect(
      (await distributor.post(`/bezorging/${round!.id}/ongedaan`, { straat: streetValue(first!) })).status,
    ).toBe(303);
    expect((await t.deps.rounds.get(round!.id))?.streets[0]?.status).toBe('planned');
    await distributor.post(`/bezorging/${round!.id}/bezorgd`, { straat: streetValue(first!) });
    t.clock.advance(10 * 60 * 1000 + 1000);
    const late = await distributor.post(`/bezorging/${round!.id}/ongedaan`, { straat: streetValue(first!) });
    expect(late.status).toBe(409);
    expect(await late.text()).toContain('binnen 10 minuten');
    const problem = await distributor.post(`/bezorging/${round!.id}/probleem`, {
      straat: streetValue(second!),
      notitie: 'brievenbus dichtgeplakt',
    });
    expect(problem.status).toBe(303);

    const dashboard = await (await manager.get(`/wijkberichten/${campaignId}/bezorging`)).text();
    expect(dashboard).toContain(
      `${first!.count} van ${round!.streets.reduce((s, x) => s + x.count, 0)} brieven bezorgd`,
    );
    const csv = await (await manager.get(`/wijkberichten/${campaignId}/verspreidlijst.csv`)).text();
    expect(csv).toContain('brievenbus dichtgeplakt');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(round!.streets.length + 1);
  });

  it('serves the web version per street without address data and counts opens per street only', async () => {
    const [version] = await t.deps.webVersions.list(campaignId);
    expect(version).toBeDefined();
    const anonymous = new Client(t.app);
    const res = await anonymous.get(`/w/${version!.code}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Aan de bewoners van deze straat');
    expect(html).not.toMatch(/Aan de bewoners van [A-Z][a-z]+ \d/);
    expect(html.match(/<main>/g)).toHaveLength(1);
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(html).toContain('<button type="button" data-voorlezen hidden');
    const script = await anonymous.get('/assets/voorlezen.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(await script.text()).toContain('synth.speak(utterance)');
    expect(res.headers.get('set-cookie') ?? '').not.toContain('pf_session');
    await anonymous.get(`/w/${version!.code}`);
    expect((await t.deps.webVersions.get(version!.code))?.opens).toBe(2);
    expect((await anonymous.get(`/w/${'f'.repeat(32)}`)).status).toBe(404);
    const dashboard = await (await manager.get(`/wijkberichten/${campaignId}/bezorging`)).text();
    expect(dashboard).toContain('Webversie 2 keer geopend');
    expect(DEMO_CITY).toContain('fictief');
  });

  it('refuses a case text with an address, and voids the approval of a changed text only after a confirmation step', async () => {
    // Prepare: the campaign is approved and has a run with a published web version
    const approved = (await t.deps.campaigns.get(campaignId))!;
    const [batch] = await t.deps.letterBatches.list(campaignId);
    const [version] = await t.deps.webVersions.list(campaignId);
    expect(approved.status).toBe('approved');

    // Act: a text naming a person's address, then an acceptable new text without and with confirmation
    const screened = await manager.post(`/wijkberichten/${campaignId}/tekst`, {
      zaaktekst: 'Er is iemand aangehouden: Jan Jansen, Proefstraat 12, 3511 AB. Bel 06-12345678.',
    });
    const asked = await manager.post(`/wijkberichten/${campaignId}/tekst`, {
      zaaktekst: 'Er zijn drie mensen aangehouden.',
    });
    const stillApproved = (await t.deps.campaigns.get(campaignId))!;
    const confirmed = await manager.post(`/wijkberichten/${campaignId}/tekst`, {
      zaaktekst: 'Er zijn drie mensen aangehouden.',
      bevestig: '1',
    });
    const voided = (await t.deps.campaigns.get(campaignId))!;

    // Assess
    expect(screened.status).toBe(422);
    const refusal = /role="alert">([\s\S]*?)<\/div>/.exec(await screened.text())?.[1] ?? '';
    expect(refusal).toContain('een straat met huisnummer (Proefstraat ••)');
    expect(refusal).toContain('een postcode (35•• ••)');
    expect(refusal).toContain('een telefoonnummer (•••• 78)');
    expect(refusal).not.toContain('12345678');
    expect(asked.status).toBe(409);
    const confirmPage = await asked.text();
    expect(confirmPage).toContain(`Dit maakt de goedkeuring van „${approved.name}” ongeldig`);
    expect(confirmPage).toContain('name="bevestig" value="1"');
    expect(stillApproved.version).toBe(approved.version);
    expect(stillApproved.approval).not.toBeNull();
    expect(confirmed.status).toBe(303);
    expect(voided.status).toBe('draft');
    expect(voided.approval).toBeNull();
    expect(voided.letterSnapshot?.caseFields.caseText).toBe('Er zijn drie mensen aangehouden.');
    const month = t.clock.now().toISOString().slice(0, 7);
    const events = await t.deps.audit.list({ months: [month], action: 'campaign.approval_voided' });
    expect(events.some((e) => e.campaignId === campaignId && e.details.voided === 'approval')).toBe(true);
    const print = await manager.post(`/wijkberichten/${campaignId}/brieven/${batch!.id}/print`, {});
    expect(print.status).toBe(409);
    expect((await new Client(t.app).get(`/w/${version!.code}`)).status).toBe(404);
    const render = await manager.post(`/wijkberichten/${campaignId}/brieven`, { modus: 'addressed' });
    expect(render.status).toBe(409);
  });

  it('refuses rendering when a municipality setting in the letter changed after approval', async () => {
    // Prepare: approve the changed text again (another decider: the case's responsible manager)
    const from = t.clock.now().toISOString().slice(0, 10);
    const until = new Date(t.clock.now().getTime() + 7 * 86_400_000).toISOString().slice(0, 10);
    await manager.post(`/wijkberichten/${campaignId}/aanbieden`, { from, until });
    const submitted = (await t.deps.campaigns.get(campaignId))!;
    await approveCampaign(t.deps, await actingAs(t.deps, t.ids.get('adviser')!, 'adviser'), campaignId, {
      requestFingerprint: submitted.approvalRequest!.fingerprint,
      legalReference: 'PARKET 13/123456-26',
      confirmed: true,
      namesNobody: true,
    });
    const settings = (await t.deps.settings.get())!;

    // Act
    await t.deps.settings.put({ ...settings, signatureTitle: 'Team Handhaving' });
    const refused = await manager.post(`/wijkberichten/${campaignId}/brieven`, { modus: 'addressed' });
    await t.deps.settings.put(settings);
    const rendered = await manager.post(`/wijkberichten/${campaignId}/brieven`, { modus: 'addressed' });

    // Assess
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('niet meer gelijk aan de goedgekeurde brief');
    expect(rendered.status).toBe(303);
  });

  it('asks before a change of streets voids the approval, and changes nothing until confirmed', async () => {
    // Prepare
    const before = (await t.deps.campaigns.get(campaignId))!;
    const selection = (await t.deps.letterSelections.get(campaignId))!;
    const form = {
      straat: selection.streets.slice(1).map(streetValue),
      modus: selection.mode,
      versie: String(selection.version),
    };

    // Act
    const asked = await manager.post(`/wijkberichten/${campaignId}/straten`, form);
    const untouched = (await t.deps.letterSelections.get(campaignId))!;
    const confirmed = await manager.post(`/wijkberichten/${campaignId}/straten`, { ...form, bevestig: '1' });

    // Assess
    expect(before.status).toBe('approved');
    expect(asked.status).toBe(409);
    expect(await asked.text()).toContain(`Dit maakt de goedkeuring van „${before.name}” ongeldig`);
    expect(untouched.version).toBe(selection.version);
    expect(confirmed.status).toBe(303);
    const after = (await t.deps.campaigns.get(campaignId))!;
    expect(after.status).toBe('draft');
    expect(after.approval).toBeNull();
  });
  it('asks before a settings change voids a letter approval, then voids it through the state machine, audited', async () => {
    // Prepare: the letter approved again; the administrator's settings form as it stands
    const from = t.clock.now().toISOString().slice(0, 10);
    const until = new Date(t.clock.now().getTime() + 7 * 86_400_000).toISOString().slice(0, 10);
    expect((await manager.post(`/wijkberichten/${campaignId}/aanbieden`, { from, until })).status).toBe(303);
    const submitted = (await t.deps.campaigns.get(campaignId))!;
    await approveCampaign(t.deps, await actingAs(t.deps, t.ids.get('adviser')!, 'adviser'), campaignId, {
      requestFingerprint: submitted.approvalRequest!.fingerprint,
      legalReference: 'PARKET 13/123456-26',
      confirmed: true,
      namesNobody: true,
    });
    const approved = (await t.deps.campaigns.get(campaignId))!;
    const admin = new Client(t.app);
    expect((await admin.login(usernameFor('admin'))).status).toBe(303);
    const s = (await t.deps.settings.get())!;
    const form = {
      municipality: s.municipality,
      primaryColor: s.primaryColor,
      senderLine: s.senderLine,
      signatureTitle: s.signatureTitle,
      generalContact: s.generalContact,
      allowedLinkDomains: s.allowedLinkDomains.join(' '),
      maxRatePerSecond: String(s.maxRatePerSecond),
      frequencyCapDays: String(s.frequencyCapDays + 1),
      approvalValidityDays: String(s.approvalValidityDays),
      retentionDays: String(s.retentionDays),
      maxRadiusMetres: String(s.maxRadiusMetres),
      pricePerSegmentEur: String(s.pricePerSegmentEur),
    };

    // Act: a change outside the letter, then a new signature without and with confirmation
    const outsideLetter = await admin.post('/beheer/instellingen', form);
    const afterOutside = (await t.deps.campaigns.get(campaignId))!;
    const changed = { ...form, signatureTitle: 'Team Handhaving' };
    const asked = await admin.post('/beheer/instellingen', changed);
    const untouched = (await t.deps.settings.get())!;
    const stillApproved = (await t.deps.campaigns.get(campaignId))!;
    const confirmed = await admin.post('/beheer/instellingen', { ...changed, bevestig: '1' });
    const voided = (await t.deps.campaigns.get(campaignId))!;

    // Assess
    expect(approved.status).toBe('approved');
    expect(outsideLetter.status).toBe(200);
    expect(afterOutside.version).toBe(approved.version);
    expect(afterOutside.approval).not.toBeNull();
    expect(asked.status).toBe(409);
    const confirmPage = await asked.text();
    expect(confirmPage).toContain(`Dit maakt de goedkeuring van „${approved.name}” ongeldig`);
    expect(confirmPage).toContain('name="signatureTitle" value="Team Handhaving"');
    expect(untouched.signatureTitle).toBe(s.signatureTitle);
    expect(stillApproved.version).toBe(approved.version);
    expect(confirmed.status).toBe(200);
    expect((await t.deps.settings.get())!.signatureTitle).toBe('Team Handhaving');
    expect(voided.status).toBe('draft');
    expect(voided.approval).toBeNull();
    expect(voided.letterSnapshot?.branding).not.toEqual(approved.letterSnapshot?.branding);
    const month = t.clock.now().toISOString().slice(0, 7);
    const events = await t.deps.audit.list({ months: [month], action: 'campaign.approval_voided' });
    const bySettings = events.filter(
      (e) => e.campaignId === campaignId && e.details.reason === 'municipality settings changed',
    );
    expect(bySettings).toHaveLength(1);
    expect(bySettings[0]?.details.voided).toBe('approval');
    expect(bySettings[0]?.actorUserId).toBe('system:settings');
    const render = await manager.post(`/wijkberichten/${campaignId}/brieven`, { modus: 'addressed' });
    expect(render.status).toBe(409);
  });

  it('asks before a new logo voids a letter approval; the confirmed logo is checked again and lands on the letter', async () => {
    // Prepare: the letter approved again
    const { makePng } = await import('../fixtures/png.js');
    const from = t.clock.now().toISOString().slice(0, 10);
    const until = new Date(t.clock.now().getTime() + 7 * 86_400_000).toISOString().slice(0, 10);
    expect((await manager.post(`/wijkberichten/${campaignId}/aanbieden`, { from, until })).status).toBe(303);
    const submitted = (await t.deps.campaigns.get(campaignId))!;
    await approveCampaign(t.deps, await actingAs(t.deps, t.ids.get('adviser')!, 'adviser'), campaignId, {
      requestFingerprint: submitted.approvalRequest!.fingerprint,
      legalReference: 'PARKET 13/123456-26',
      confirmed: true,
      namesNobody: true,
    });
    const admin = new Client(t.app);
    expect((await admin.login(usernameFor('admin'))).status).toBe(303);
    const form = new FormData();
    form.set('_csrf', admin.csrf);
    form.set('logo', new File([new Uint8Array(makePng(12, 4))], 'logo.png'));

    // Act: upload, then a forged confirmation, then the confirmation the page carried
    const asked = await admin.request('/beheer/instellingen/logo', { method: 'POST', body: form });
    const stillApproved = (await t.deps.campaigns.get(campaignId))!;
    const page = await asked.text();
    const logoData = /name="logoData" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const forged = await admin.post('/beheer/instellingen/logo', {
      logoData: `data:image/png;base64,${Buffer.concat([makePng(12, 4), Buffer.from('<script>x</script>')]).toString('base64')}`,
      bevestig: '1',
    });
    const afterForged = (await t.deps.settings.get())!.logoUrl;
    const confirmed = await admin.post('/beheer/instellingen/logo', { logoData, bevestig: '1' });
    const voided = (await t.deps.campaigns.get(campaignId))!;

    // Assess
    expect(asked.status).toBe(409);
    expect(page).toContain(`Dit maakt de goedkeuring van „${submitted.name}” ongeldig`);
    expect(stillApproved.status).toBe('approved');
    expect(forged.status).toBe(422);
    expect(afterForged).toBeUndefined();
    expect(confirmed.status).toBe(200);
    const stored = (await t.deps.settings.get())!.logoUrl;
    expect(stored).toBe(logoData);
    expect(voided.status).toBe('draft');
    expect(voided.letterSnapshot?.branding.logo).toBe(stored);
  });
});

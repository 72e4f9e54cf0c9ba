import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CENTRE } from '../../functions/adapters/bag-file/demo-neighbourhood.js';
import { approveCampaign, createCampaignFromBlueprint } from '../../functions/app/campaigns.js';
import { createCase } from '../../functions/app/cases.js';
import { processOutboxReceipts } from '../../functions/app/delivery-status.js';
import { runDispatcher } from '../../functions/app/dispatch.js';
import { RoleSchema } from '../../functions/core/auth/roles.js';
import { accessTable } from '../../functions/http/access.js';
import { isoToAmsterdamLocal } from '../../functions/http/views/sms-format.js';
import { numbersFoundIn, purgeMobile } from '../fixtures/purge-builders.js';
import { Client, type Harness, startHarness, usernameFor } from './harness.js';
import {
  createCampaignVia,
  createCaseVia,
  requestFingerprintOn,
  settingsForm,
  uploadVia,
} from './sms-support.js';

const NUMBERS = Array.from({ length: 10 }, (_, i) => purgeMobile(600_000 + i));
/** The fixture's people: names, e-mail addresses, street addresses and notes that must never be logged. */
const PEOPLE = [
  {
    name: 'Pieter Bakkerszoon',
    email: 'pieter.bakkerszoon@example.nl',
    street: 'Lindengracht 77',
    note: 'levert op dinsdag',
  },
  {
    name: 'Fatima Zwanenburg',
    email: 'f.zwanenburg@example.nl',
    street: 'Vondelkade 12',
    note: 'schuld van 400 euro',
  },
];
const STOP_NUMBER = purgeMobile(600_100);

/** A number in the notations people type: 0612345678, 06-12345678, +31 6 1234 5678, 0031612345678. */
function notations(e164: string): string[] {
  const n = e164.slice(3);
  return [e164, `0${n}`, `06-${n.slice(1)}`, `+31 6 ${n.slice(1, 5)} ${n.slice(5)}`, `0031${n}`];
}

function vcard(): string {
  return NUMBERS.slice(0, 6)
    .map((e164, i) => {
      const p = PEOPLE[i % 2]!;
      const [, , ...rest] = notations(e164);
      return [
        'BEGIN:VCARD',
        'VERSION:3.0',
        `FN:${p.name}`,
        `N:${p.name.split(' ')[1]};${p.name.split(' ')[0]};;;`,
        `EMAIL:${p.email}`,
        `ADR;TYPE=HOME:;;${p.street};Utrecht;;3511AB;Nederland`,
        `NOTE:${p.note}`,
        `TEL;TYPE=CELL:${rest[i % rest.length]}`,
        'END:VCARD',
      ].join('\r\n');
    })
    .join('\r\n');
}

function csv(): string {
  const rows = NUMBERS.slice(6).map((e164, i) => {
    const p = PEOPLE[i % 2]!;
    return `${p.name},${p.email},"${p.street}",${notations(e164)[1]}`;
  });
  return `Naam,E-mail,Adres,Telefoon\r\n${rows.join('\r\n')}\r\n`;
}

/** E.164 numbers and Dutch mobile numbers in any common notation. */
const ANY_MOBILE = [
  /\+316\d{8}/,
  /(?<!\d)06[\s-]?\d{8}(?!\d)/,
  /\+31[\s-]?6[\s-]?\d{4}[\s-]?\d{4}/,
  /(?<!\d)00316\d{8}/,
];

describe('no personal data in logs, error bodies or any page, through every flow', () => {
  let h: Harness;
  const bodies: { where: string; text: string }[] = [];
  const ids = { caseId: '', campaignId: '', letterCampaignId: '', batchId: '', code: '' };
  beforeAll(async () => {
    h = await startHarness();
    await h.deps.settings.put({ ...(await h.deps.settings.get())!, maxRatePerSecond: 1000 });
    h.deps.sending.outbox!.configure({ ...h.deps.sending.outbox!.settings(), receiptDelayMs: 0 });
  });
  afterAll(async () => h.close());

  async function read(client: Client, path: string, where = path): Promise<Response> {
    const res = await client.get(path);
    // PDFs are binary: their compressed streams hold digit runs of every kind. Their text is the letters'.
    if (!(res.headers.get('content-type') ?? '').includes('application/pdf')) {
      bodies.push({ where, text: await res.clone().text() });
    }
    return res;
  }

  it('runs upload, approval, sending, receipts, a click, /stop, letters and purge', async () => {
    const adviser = new Client(h.app);
    const om = new Client(h.app);
    const admin = new Client(h.app);
    const manager = new Client(h.app);
    const visitor = new Client(h.app);
    for (const [client, role] of [
      [adviser, 'adviser'],
      [om, 'om_liaison'],
      [admin, 'admin'],
      [manager, 'area_manager'],
    ] as const) {
      await client.login(usernameFor(role));
    }

    // Upload (with a broken file whose error must not echo its content), approval, launch.
    ids.caseId = await createCaseVia(adviser);
    ids.campaignId = await createCampaignVia(adviser, ids.caseId);
    const uploaded = await uploadVia(adviser, ids.campaignId, 'telefoon 1', [
      { name: 'Pieter Bakkerszoon.vcf', content: vcard() },
      { name: 'export.csv', content: csv() },
      { name: 'kapot.xlsx', content: `PK\u0003\u0004${PEOPLE[0]!.name} ${NUMBERS[0]}` },
    ]);
    bodies.push({ where: 'upload', text: await uploaded.text() });
    const settings = await adviser.post(
      `/campagnes/${ids.campaignId}/instellingen`,
      settingsForm({
        quietStart: '00:00',
        quietEnd: '24:00',
        quietDays: ['1', '2', '3', '4', '5', '6', '7'],
        windowFrom: isoToAmsterdamLocal(new Date(Date.now() - 300_000).toISOString()),
      }),
    );
    expect(settings.status).toBe(303);
    expect((await adviser.post(`/campagnes/${ids.campaignId}/indienen`)).status).toBe(303);
    const approved = await om.post(`/goedkeuringen/${ids.campaignId}/goedkeuren`, {
      requestFingerprint: await requestFingerprintOn(om, ids.campaignId),
      legalReference: '13/654321-22',
      confirmed: 'ja',
    });
    expect(approved.status).toBe(303);
    expect(
      (await adviser.post(`/campagnes/${ids.campaignId}/verzending/inplannen`, { nu: 'nu' })).status,
    ).toBe(303);

    // Send, receipts, a click, an opt-out by SMS web form.
    await runDispatcher(h.deps, {
      dispatcherId: 'privacy',
      runForMs: 20_000,
      campaignIds: [ids.campaignId],
      idleMs: 10,
    });
    await processOutboxReceipts(h.deps);
    const campaign = (await h.deps.campaigns.get(ids.campaignId))!;
    const link = await h.deps.sending.links.codeFor(
      campaign.id,
      campaign.variants[0]!.id,
      'unused',
      h.deps.clock.now(),
    );
    ids.code = link.code;
    expect((await visitor.get(`/r/${link.code}`)).status).toBe(302);
    await read(visitor, '/stop');
    expect((await visitor.post('/stop', { nummer: notations(STOP_NUMBER)[2]! })).status).toBe(303);
    expect(campaign.status).toBe('completed');
    expect(campaign.recipients.counts?.sendable).toBe(NUMBERS.length);
    expect((await h.deps.sending.outbox!.list(100)).length).toBe(NUMBERS.length);

    // Letters: area, approval, render, PDF.
    const managerUser = (await h.deps.users.findByUsername('area-manager'))!;
    const managerActing = {
      actor: { userId: managerUser.id, username: managerUser.username, roles: managerUser.roles },
      role: 'area_manager' as const,
    };
    const kase = await createCase(h.deps, managerActing, {
      name: 'Bazooka brieven',
      actionDate: '2026-03-01',
      municipality: 'Teststad',
      areaDescription: 'rond de Proefstraat',
      responsibleUserId: (await h.deps.users.findByUsername('adviser'))!.id,
    });
    const letter = await createCampaignFromBlueprint(h.deps, managerActing, {
      caseId: kase.id,
      blueprintId: 'wijkbericht-na-arrestaties',
      name: 'Wijkbericht Bazooka',
    });
    ids.letterCampaignId = letter.id;
    await manager.post(`/wijkberichten/${letter.id}/gebied`, {
      locatie: `${DEMO_CENTRE.lat}, ${DEMO_CENTRE.lon}`,
      straal: '120',
    });
    const from = new Date().toISOString().slice(0, 10);
    const until = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await manager.post(`/wijkberichten/${letter.id}/aanbieden`, {
      from,
      until,
      zaaktekst: 'Er is iemand aangehouden.',
    });
    const submitted = (await h.deps.campaigns.get(letter.id))!;
    const decide = async (username: string, role: 'om_liaison' | 'adviser') => {
      const user = (await h.deps.users.findByUsername(username))!;
      return approveCampaign(
        h.deps,
        { actor: { userId: user.id, username: user.username, roles: user.roles }, role },
        letter.id,
        {
          requestFingerprint: submitted.approvalRequest!.fingerprint,
          legalReference: 'PARKET 13/123456-26',
          confirmed: true,
          namesNobody: true,
        },
      );
    };
    // Whoever the role table lets decide on letters: the OM liaison, or the case's responsible adviser.
    await decide('om-liaison', 'om_liaison').catch(() => decide('adviser', 'adviser'));
    await manager.post(`/wijkberichten/${letter.id}/brieven`, {
      modus: 'addressed',
      zaaktekst: 'Er is iemand aangehouden.',
    });
    const [batch] = await h.deps.letterBatches.list(letter.id);
    ids.batchId = batch?.id ?? 'geen';
    // The PDF is a job; its file comes through a short-lived link.
    const job = await manager.post(`/wijkberichten/${letter.id}/brieven/${ids.batchId}/pdf`);
    const jobPath = job.headers.get('location') ?? '';
    bodies.push({ where: 'pdf job', text: await (await manager.get(jobPath)).text() });
    const fileLink = await manager.get(`${jobPath}/bestand`);
    const pdf = await manager.get(fileLink.headers.get('location') ?? '');
    expect(pdf.headers.get('content-type')).toBe('application/pdf');

    // Every page as every role, while the numbers are still stored.
    for (const role of RoleSchema.options) {
      const client = new Client(h.app);
      await client.login(usernameFor(role));
      for (const entry of accessTable(h.app)) {
        if (entry.method !== 'get' || entry.path.endsWith('.pdf')) continue;
        const path = entry.path
          .replace(/^\/zaken\/:id/, `/zaken/${ids.caseId}`)
          .replace(/^\/wijkberichten\/:id/, `/wijkberichten/${ids.letterCampaignId}`)
          .replace(':id', ids.campaignId)
          .replace(':batchId', ids.batchId)
          .replace(':code', ids.code)
          .replace(/:[a-zA-Z]+/g, 'onbekend');
        if (path === '/uitloggen' || path.startsWith('/auth/')) continue;
        await read(client, path, `${role} GET ${path}`);
      }
    }

    // Purge.
    const purged = await admin.post(`/campagnes/${ids.campaignId}/nu-verwijderen`, { bevestig: 'ja' });
    expect(purged.status).toBe(303);
    await read(om, `/campagnes/${ids.campaignId}/vernietigingsverklaring`);
    await read(om, `/campagnes/${ids.campaignId}/vernietigingsverklaring.csv`);
  }, 180_000);

  it('finds no number, name, e-mail, address or note in any log line, and no number in any page', () => {
    const logs = h.logs.join('\n');
    const personal = PEOPLE.flatMap((p) => [p.name, ...p.name.split(' '), p.email, p.street, p.note]);
    const numberLeaks = numbersFoundIn([logs], [...NUMBERS, STOP_NUMBER]);
    const patternLeaks = ANY_MOBILE.filter((re) => re.test(logs)).map(String);
    const personalLeaks = personal.filter((word) => logs.includes(word));
    const pageLeaks = bodies
      .filter(({ text }) => numbersFoundIn([text], [...NUMBERS, STOP_NUMBER]).length > 0)
      .map((b) => b.where);

    expect(h.logs.length).toBeGreaterThan(10);
    expect(bodies.length).toBeGreaterThan(RoleSchema.options.length * 10);
    expect(numberLeaks).toEqual([]);
    expect(patternLeaks).toEqual([]);
    expect(personalLeaks).toEqual([]);
    expect(pageLeaks).toEqual([]);
  });
});

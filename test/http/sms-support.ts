import { expect } from 'vitest';
import { isoToAmsterdamLocal } from '../../functions/http/views/sms-format.js';
import type { Client } from './harness.js';

/** Creates a case through the web app and returns its id. */
export async function createCaseVia(client: Client, name = 'Bazooka'): Promise<string> {
  const res = await client.post('/zaken', {
    name,
    actionDate: '2026-03-01',
    municipality: 'Utrecht',
    areaDescription: 'Kanaleneiland-Zuid',
  });
  expect(res.status).toBe(303);
  return res.headers.get('location')!.split('/').pop()!;
}

/** Creates an SMS campaign from the street-dealing blueprint and returns its id. */
export async function createCampaignVia(client: Client, caseId: string): Promise<string> {
  const res = await client.post(`/zaken/${caseId}/campagnes`, {
    blueprintId: 'sms-bom-straathandel',
    name: '',
  });
  expect(res.status).toBe(303);
  return res.headers.get('location')!.split('/').pop()!;
}

/** Posts contact files of one phone as multipart, the way the upload form does. */
export function uploadVia(
  client: Client,
  campaignId: string,
  source: string,
  files: { name: string; content: string | Uint8Array }[],
  headers: Record<string, string> = {},
): Promise<Response> {
  const form = new FormData();
  form.set('_csrf', client.csrf);
  form.set('telefoon', source);
  for (const f of files) {
    const bytes = typeof f.content === 'string' ? new TextEncoder().encode(f.content) : f.content;
    form.append('bestanden', new File([new Uint8Array(bytes)], f.name));
  }
  return client.request(`/campagnes/${campaignId}/uploads`, { method: 'POST', body: form, headers });
}

/** The settings form with a planned window from an hour from now for four days. */
export function settingsForm(
  overrides: Record<string, string | string[]> = {},
): Record<string, string | string[]> {
  const from = new Date(Date.now() + 3_600_000).toISOString();
  const until = new Date(Date.now() + 4 * 86_400_000).toISOString();
  return {
    name: 'SMS-bom Bazooka',
    helpLink: 'https://hulpnadrugs.example.nl/',
    senderName: 'Gemeente',
    ratePerSecond: '10',
    allowedCountries: 'NL',
    quietStart: '09:00',
    quietEnd: '20:00',
    quietDays: ['1', '2', '3', '4', '5', '6'],
    windowFrom: isoToAmsterdamLocal(from),
    windowUntil: isoToAmsterdamLocal(until),
    ...overrides,
  };
}

/** The variant editor form for these texts. */
export function variantsForm(texts: readonly string[], action = 'opslaan'): Record<string, string> {
  const form: Record<string, string> = { actie: action };
  texts.forEach((text, i) => {
    form[`variant-${i}-id`] = `v${i + 1}`;
    form[`variant-${i}-label`] = `Variant ${i + 1}`;
    form[`variant-${i}-text`] = text;
  });
  return form;
}

/** The request fingerprint shown on the OM liaison's request page. */
export async function requestFingerprintOn(client: Client, campaignId: string): Promise<string> {
  const html = await (await client.get(`/goedkeuringen/${campaignId}`)).text();
  const match = /name="requestFingerprint" value="(sha256:[0-9a-f]{64})"/.exec(html);
  expect(match).not.toBeNull();
  return match![1]!;
}

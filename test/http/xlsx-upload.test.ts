import { afterAll, describe, expect, it } from 'vitest';
import { systemActing } from '../../functions/app/audit.js';
import { createUser } from '../../functions/app/users.js';
import { defaultSettings } from '../../functions/core/settings/settings.schema.js';
import { createApp } from '../../functions/http/app.js';
import { startLocalRuntime } from '../../functions/local/runtime.js';
import { workbook } from '../unit/contacts/builders.js';
import { Client, PASSWORD, settleJobsOf } from './harness.js';
import { createCampaignVia, createCaseVia, uploadVia } from './sms-support.js';

/*
 * A real XLSX upload over HTTP, read both ways the embedded runtime reads files: on its worker thread
 * (the default) and in the web process itself (`contactFileTimeoutMs: false`, the path through the
 * `workbooks` dependency). Both must hand the workbook to the exceljs reader.
 */
describe.each([
  ['on the worker thread', {}],
  ['in the web process', { contactFileTimeoutMs: false as const }],
])('an XLSX upload read %s', (_, options) => {
  const closers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const close of closers) await close();
  });

  it('counts the numbers of every sheet', async () => {
    // Prepare
    const runtime = await startLocalRuntime(options);
    closers.push(runtime.close);
    settleJobsOf(runtime.jobs);
    await runtime.deps.settings.put(defaultSettings('Teststad'));
    await createUser(runtime.deps, systemActing('test'), {
      username: 'adviser',
      displayName: 'Test adviser',
      roles: ['adviser'],
      password: PASSWORD,
    });
    const adviser = new Client(createApp(runtime.deps, { stylesheet: 'body{}' }));
    expect((await adviser.login('adviser')).status).toBe(303);
    const campaignId = await createCampaignVia(adviser, await createCaseVia(adviser));
    const file = await workbook({
      Contacten: [
        ['Naam', 'Mobiel'],
        ['A', '06 1234 5601'],
        ['B', '06 1234 5602'],
      ],
      Oproepen: [['Telefoon'], [612345603]],
    });

    // Act
    const response = await uploadVia(adviser, campaignId, 'telefoon 1', [
      { name: 'rapport.xlsx', content: file.bytes },
    ]);

    // Assess
    expect(response.status).toBe(303);
    const uploads = await runtime.deps.contactUploads.list(campaignId);
    expect(uploads.map((u) => ({ format: u.report.format, accepted: u.accepted, valid: u.valid }))).toEqual([
      { format: 'xlsx', accepted: true, valid: 3 },
    ]);
  }, 60_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCapturingLogger } from '../../../functions/adapters/logger/powertools-logger.js';
import type { AppDeps } from '../../../functions/app/deps.js';
import {
  PURGEABLE_STATUSES,
  purgeCampaign,
  purgeDueCampaigns,
  RETENTION_JOB,
  runPurge,
} from '../../../functions/app/purge.js';
import { type SendingDashboard, sendingDashboard } from '../../../functions/app/sending.js';
import { frequencyCapEntry } from '../../../functions/core/sending/frequency-cap.js';
import { defaultSettings } from '../../../functions/core/settings/settings.schema.js';
import { type LocalRuntime, startLocalRuntime } from '../../../functions/local/runtime.js';
import {
  adminActing,
  adviserActing,
  completedCampaign,
  numbersFoundIn,
  omActing,
  scanAllTables,
  stringsOf,
} from '../../fixtures/purge-builders.js';
import { aCampaign } from '../../fixtures/sms-builders.js';

const DAY = 86_400_000;

/** The figures a purge must keep: everything but the moment, the message and the buttons. */
function figures(d: SendingDashboard) {
  return { funnel: d.funnel, variants: d.variants, cost: d.cost, progress: d.progress.settled };
}

describe('purge of an SMS campaign', () => {
  let runtime: LocalRuntime;
  let deps: AppDeps;
  beforeAll(async () => {
    runtime = await startLocalRuntime({ logger: createCapturingLogger() });
    deps = runtime.deps;
    await deps.settings.put({ ...defaultSettings('Teststad'), maxRatePerSecond: 1000, retentionDays: 30 });
  });
  afterAll(async () => runtime.close());

  it('leaves none of its numbers in any table while the dashboard shows the same figures', async () => {
    // Prepare
    const { campaign, numbers } = await completedCampaign(deps, { recipients: 24, offset: 0 });
    const before = await sendingDashboard(deps, adviserActing, campaign.id);
    const foundBefore = numbersFoundIn(
      (await scanAllTables(runtime.endpoint)).flatMap((r) => stringsOf(r.item)),
      numbers,
    );

    // Act
    const report = await purgeDueCampaigns(deps, new Date(Date.parse(campaign.updatedAt) + 31 * DAY));
    const after = await sendingDashboard(deps, adviserActing, campaign.id);
    const rows = await scanAllTables(runtime.endpoint);
    const uploads = await deps.contactUploads.list(campaign.id);

    // Assess
    expect(campaign.status).toBe('completed');
    expect(foundBefore).toEqual(numbers);
    expect(before.funnel.sent).toBe(24);
    expect(before.funnel.delivered).toBeGreaterThan(0);
    expect(before.funnel.clicks).toBe(3);
    expect(report.purged).toContain(campaign.id);
    expect(report.failed).toEqual([]);
    expect(
      numbersFoundIn(
        rows.flatMap((r) => stringsOf(r.item)),
        numbers,
      ),
    ).toEqual([]);
    expect(after.campaign.status).toBe('purged');
    expect(figures(after)).toEqual(figures(before));
    expect(uploads.map((u) => [u.report.file, u.report.source, u.distinct])).toEqual([
      ['verwijderd bestand', 'telefoon 1', 12],
      ['verwijderd bestand', 'telefoon 2', 12],
    ]);
    const text = JSON.stringify(rows);
    expect(text).not.toContain('Jan');
    expect(text).not.toContain('Kees');
    const certificate = (await deps.retention.records.certificate(campaign.id))!;
    expect(certificate.deleted.recipient_items).toBe(24);
    expect(certificate.deleted.extraction_items).toBe(2);
    expect(certificate.deleted.outbox_messages).toBe(24);
    expect(certificate.deleted.outbox_receipts).toBe(24 - 12);
    expect(certificate.deleted.upload_reports_redacted).toBe(2);
    expect(certificate.performedBy).toBe(RETENTION_JOB);
    expect(certificate.orderedBy).toEqual({ userId: RETENTION_JOB, role: 'system' });
    expect(
      certificate.statusCounts.delivered + certificate.statusCounts.failed + certificate.statusCounts.sent,
    ).toBe(24);
  });

  it('is resumable: killed halfway and run again it ends the same, with one certificate and one audit event', async () => {
    // Prepare
    const { campaign, numbers } = await completedCampaign(deps, { recipients: 30, offset: 1000 });
    const before = await sendingDashboard(deps, adviserActing, campaign.id);
    let batches = 0;
    const dying: AppDeps = {
      ...deps,
      recipients: Object.assign(Object.create(deps.recipients) as typeof deps.recipients, {
        deleteBatch: async (id: string, limit: number) => {
          if (++batches > 2) throw new Error('killed');
          return deps.recipients.deleteBatch(id, limit);
        },
      }),
    };
    const order = { userId: RETENTION_JOB, role: 'system' } as const;

    // Act
    const killed = await runPurge(dying, campaign, order, { batchSize: 5 }).catch((e: Error) => e);
    const halfway = await deps.campaigns.get(campaign.id);
    const leftHalfway = await deps.recipients.count(campaign.id);
    const later = new Date(Date.parse(campaign.updatedAt) + 31 * DAY);
    const rerun = await purgeDueCampaigns(deps, later);
    const again = await purgeDueCampaigns(deps, later);
    const certificate = await deps.retention.records.certificate(campaign.id);
    const events = (
      await deps.audit.list({ caseId: campaign.caseId, campaignId: campaign.id, action: 'campaign.purged' })
    ).filter((e) => e.subjectId === campaign.id);
    const after = await sendingDashboard(deps, adviserActing, campaign.id);
    const rows = await scanAllTables(runtime.endpoint);

    // Assess
    expect(killed).toBeInstanceOf(Error);
    expect(halfway?.status).toBe('completed');
    expect(leftHalfway).toBe(30 - 10);
    expect(rerun.purged).toContain(campaign.id);
    expect(again.purged).not.toContain(campaign.id);
    expect(events).toHaveLength(1);
    expect(certificate?.auditEventId).toBe(events[0]!.id);
    expect(certificate?.deleted.recipient_items).toBe(30);
    expect(events[0]!.details.counts).toMatchObject({ recipient_items: 30, extraction_items: 2 });
    expect(figures(after)).toEqual(figures(before));
    expect(
      numbersFoundIn(
        rows.flatMap((r) => stringsOf(r.item)),
        numbers,
      ),
    ).toEqual([]);
  });

  it('writes only the missing certificate or audit event when a run died after the transition', async () => {
    // Prepare
    const { campaign } = await completedCampaign(deps, { recipients: 6, offset: 2000 });
    const failing = (part: 'certificate' | 'audit'): AppDeps => ({
      ...deps,
      ...(part === 'audit'
        ? {
            audit: {
              append: async () => Promise.reject(new Error('killed')),
              list: (q) => deps.audit.list(q),
            },
          }
        : {
            retention: {
              ...deps.retention,
              records: Object.assign(Object.create(deps.retention.records) as typeof deps.retention.records, {
                saveCertificate: async () => Promise.reject(new Error('killed')),
              }),
            },
          }),
    });
    const order = { userId: adminActing.actor.userId, role: 'admin' } as const;

    // Act
    const first = await runPurge(failing('certificate'), campaign, order).catch((e: Error) => e);
    const afterFirst = await deps.retention.records.certificate(campaign.id);
    const purged = (await deps.campaigns.get(campaign.id))!;
    const second = await runPurge(failing('audit'), purged, order).catch((e: Error) => e);
    const afterSecond = await deps.retention.records.certificate(campaign.id);
    const third = await runPurge(deps, purged, order);
    const fourth = await runPurge(deps, purged, order);
    const events = (
      await deps.audit.list({ caseId: campaign.caseId, campaignId: campaign.id, action: 'campaign.purged' })
    ).filter((e) => e.subjectId === campaign.id);

    // Assess
    expect(first).toBeInstanceOf(Error);
    expect(afterFirst).toBeUndefined();
    expect(purged.status).toBe('purged');
    expect(second).toBeInstanceOf(Error);
    expect(afterSecond?.auditEventId).toBeNull();
    expect(third.auditEventId).toBe(events[0]!.id);
    expect(fourth).toEqual(third);
    expect(events).toHaveLength(1);
    expect(events[0]!.actorUserId).toBe('user-admin');
    expect(events[0]!.actorRole).toBe('admin');
    expect(third.orderedBy).toEqual(order);
    expect(third.deleted.recipient_items).toBe(6);
  });

  it('lets the admin and the OM liaison purge now after confirmation, never the adviser, never while sending', async () => {
    // Prepare
    const { campaign: forOm } = await completedCampaign(deps, { recipients: 3, offset: 3000 });
    const { campaign: running } = await completedCampaign(deps, { recipients: 3, offset: 3100 });
    await deps.campaigns.save(
      { ...running, status: 'paused', version: running.version + 1 },
      running.version,
    );

    // Act
    const adviser = await purgeCampaign(deps, adviserActing, forOm.id, { confirm: true }).catch((e) => e);
    const unconfirmed = await purgeCampaign(deps, omActing, forOm.id, { confirm: false }).catch((e) => e);
    const byOm = await purgeCampaign(deps, omActing, forOm.id, { confirm: true });
    const doubleClick = await purgeCampaign(deps, omActing, forOm.id, { confirm: false });
    const paused = await purgeCampaign(deps, adminActing, running.id, { confirm: true }).catch((e) => e);

    // Assess
    expect(adviser.name).toBe('ActionForbiddenError');
    expect(unconfirmed.name).toBe('ValidationError');
    expect(byOm.orderedBy).toEqual({ userId: 'user-om', role: 'om_liaison' });
    expect(doubleClick.auditEventId).toBe(byOm.auditEventId);
    expect((await deps.campaigns.get(forOm.id))?.status).toBe('purged');
    expect((await deps.campaigns.get(forOm.id))?.updatedBy).toBe(RETENTION_JOB);
    expect(paused.name).toBe('IllegalTransitionError');
    expect(paused.userMessage).toContain('Annuleer eerst');
    expect(await deps.recipients.count(running.id)).toBe(3);
  });

  it('purges only campaigns past their retention period, and drafts only when they hold recipient data', async () => {
    // Prepare
    const { campaign } = await completedCampaign(deps, { recipients: 2, offset: 4000 });
    const ended = Date.parse(campaign.updatedAt);
    const emptyDraft = aCampaign({ caseId: 'case-purge' });
    await deps.campaigns.create(emptyDraft);

    // Act
    const early = await purgeDueCampaigns(deps, new Date(ended + 29 * DAY));
    const statusEarly = (await deps.campaigns.get(campaign.id))?.status;
    await deps.settings.put({ ...(await deps.settings.get())!, retentionDays: 7 });
    const late = await purgeDueCampaigns(deps, new Date(ended + 8 * DAY));
    await deps.settings.put({ ...(await deps.settings.get())!, retentionDays: 30 });

    // Assess
    expect(PURGEABLE_STATUSES).toContain('draft');
    expect(early.purged).not.toContain(campaign.id);
    expect(statusEarly).toBe('completed');
    expect(late.purged).toContain(campaign.id);
    expect(late.purged).not.toContain(emptyDraft.id);
    expect((await deps.campaigns.get(emptyDraft.id))?.status).toBe('draft');
  });

  it('deletes expired frequency-cap entries explicitly and never counts them', async () => {
    // Prepare
    const now = deps.clock.now();
    const expired = frequencyCapEntry('a'.repeat(64), 'c1', new Date(now.getTime() - 10 * DAY), 5);
    const valid = frequencyCapEntry('b'.repeat(64), 'c1', now, 5);
    await deps.hashLists.add(
      'recently_messaged',
      [expired, valid].map((e) => ({ hash: e.hash, expiresAt: e.expiresAt })),
      now.toISOString(),
    );

    // Act
    const counted = await deps.hashLists.hashes('recently_messaged', now);
    const report = await purgeDueCampaigns(deps, now);
    const rows = await scanAllTables(runtime.endpoint);

    // Assess
    expect(counted.has('a'.repeat(64))).toBe(false);
    expect(counted.has('b'.repeat(64))).toBe(true);
    expect(report.expiredHashes).toBeGreaterThanOrEqual(1);
    expect(rows.some((r) => r.item.sk === 'a'.repeat(64))).toBe(false);
    expect(rows.some((r) => r.item.sk === 'b'.repeat(64))).toBe(true);
  });
});

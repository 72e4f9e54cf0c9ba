import type { AuditEvent } from '../core/audit/audit-event.schema.js';
import { holds } from '../core/auth/permissions.js';
import { CAMPAIGN_STATUS_LABELS, type Campaign } from '../core/campaigns/campaign.schema.js';
import { streetKey } from '../core/letters/address.schema.js';
import { reportDocument } from '../core/results/document.js';
import {
  buildCaseReport,
  type CaseReport,
  type LetterFigures,
  reportCsv,
  type SmsFigures,
} from '../core/results/report.js';
import { type Proportion, wilsonInterval } from '../core/results/statistics.js';
import { type Acting, audit } from './audit.js';
import { forbidden } from './campaign-access.js';
import { loadPolicy, type PolicyDeps } from './campaign-policy.js';
import { getCase } from './cases.js';
import type { AppDeps } from './deps.js';
import { distributionOverview } from './distribution.js';
import { type PdfDownload, renderPdfDownload } from './pdf-download.js';
import { type SendingDashboardDeps, sendingDashboard } from './sending.js';

/** Campaigns whose results count as final for learning across cases. */
const FINISHED: readonly Campaign['status'][] = ['completed', 'purged'];

export function resultParts(acting: Acting): { sms: boolean; letters: boolean } {
  const roles = acting.actor.roles;
  return {
    sms: holds(roles, 'results.sms'),
    letters: holds(roles, 'results.letters'),
  };
}

function monthsBetween(from: Date, to: Date): string[] {
  const months: string[] = [];
  const at = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1));
  while (at <= to && months.length < 36) {
    months.push(at.toISOString().slice(0, 7));
    at.setUTCMonth(at.getUTCMonth() + 1);
  }
  return months.reverse();
}

function firstEvent(events: readonly AuditEvent[], campaignId: string, action: AuditEvent['action']) {
  return events
    .filter((e) => e.campaignId === campaignId && e.action === action)
    .map((e) => e.at)
    .sort()[0];
}

/** What the SMS part of a case's results uses. */
type SmsFiguresDeps = SendingDashboardDeps &
  Pick<AppDeps, 'clock' | 'audit'> & {
    sending: Pick<AppDeps['sending'], 'links'>;
    retention: Pick<AppDeps['retention'], 'records'>;
  };

/** What a case's results use: its SMS and letter figures, the case, its campaigns and trail. */
export type CaseResultsDeps = SmsFiguresDeps &
  PolicyDeps &
  Pick<AppDeps, 'cases' | 'campaigns' | 'letterSelections' | 'letterBatches' | 'rounds' | 'webVersions'>;

async function smsFigures(
  deps: SmsFiguresDeps,
  acting: Acting,
  campaign: Campaign,
  events: readonly AuditEvent[],
  retentionDays: number,
): Promise<SmsFigures> {
  const [dashboard, clicks, certificate] = await Promise.all([
    sendingDashboard(deps, acting, campaign.id),
    deps.sending.links.clicks(campaign.id),
    deps.retention.records.certificate(campaign.id),
  ]);
  const byHour = new Map<string, number>();
  for (const c of clicks) byHour.set(c.hour, (byHour.get(c.hour) ?? 0) + c.clicks);
  const start = firstEvent(events, campaign.id, 'campaign.started') ?? null;
  const end = firstEvent(events, campaign.id, 'campaign.completed') ?? null;
  const now = deps.clock.now();
  let optOuts = 0;
  if (start !== null) {
    const recorded = await deps.audit.list({
      months: monthsBetween(new Date(start), now),
      action: 'optout.recorded',
      limit: 10_000,
    });
    optOuts = recorded.filter((e) => e.at >= start).length;
  }
  const counts = campaign.approvalRequest?.counts ?? campaign.recipients.counts;
  const finished = campaign.status === 'completed' || campaign.status === 'cancelled';
  return {
    campaignId: campaign.id,
    name: campaign.name,
    statusLabel: CAMPAIGN_STATUS_LABELS[campaign.status],
    blueprintId: campaign.blueprintId,
    funnel: {
      imported: counts?.imported ?? 0,
      valid: counts?.valid ?? 0,
      sendable: counts?.sendable ?? 0,
      approved: dashboard.funnel.approved,
      sent: dashboard.funnel.sent,
      delivered: dashboard.funnel.delivered,
      failed: dashboard.funnel.failed,
      clicks: dashboard.funnel.clicks,
    },
    excluded: { ...(counts?.excluded ?? {}) },
    variants: dashboard.variants.map((v) => ({
      id: v.id,
      label: v.label,
      sends: v.sends,
      deliveries: v.deliveries,
      clicks: v.clicks,
    })),
    clicksByHour: [...byHour.entries()].sort().map(([hour, n]) => ({ hour, clicks: n })),
    optOutsSinceStart: optOuts,
    cost: { estimate: dashboard.cost.estimate, soFar: dashboard.cost.soFar },
    window: { start, end },
    privacy: {
      purgedAt: certificate?.purgedAt ?? null,
      purgeDueAt: finished
        ? new Date(Date.parse(campaign.updatedAt) + retentionDays * 86_400_000).toISOString()
        : null,
      certificate: certificate !== undefined,
    },
  };
}

async function letterFigures(
  deps: Pick<AppDeps, 'letterSelections' | 'letterBatches' | 'rounds' | 'webVersions'>,
  campaign: Campaign,
): Promise<LetterFigures> {
  const [selection, batches, overview, opensByHour] = await Promise.all([
    deps.letterSelections.get(campaign.id),
    deps.letterBatches.list(campaign.id),
    distributionOverview(deps, campaign.id),
    deps.webVersions.opensByHour(campaign.id),
  ]);
  const latest = batches[0];
  const deliveredAt = new Map<string, string>();
  for (const round of overview.rounds) {
    for (const s of round.streets) {
      if (s.deliveredAt === null) continue;
      const key = streetKey(s);
      const known = deliveredAt.get(key);
      if (known === undefined || s.deliveredAt > known) deliveredAt.set(key, s.deliveredAt);
    }
  }
  const streets = new Map<string, LetterFigures['streets'][number]>();
  for (const s of latest?.streets ?? []) {
    streets.set(streetKey(s), {
      street: s.street,
      city: s.city,
      letters: s.letters,
      delivered: 0,
      opens: 0,
      deliveredAt: null,
    });
  }
  for (const s of overview.streets) {
    const key = streetKey(s);
    streets.set(key, {
      street: s.street,
      city: s.city,
      letters: s.letters,
      delivered: s.delivered,
      opens: s.opens,
      deliveredAt: s.status === 'delivered' ? (deliveredAt.get(key) ?? null) : null,
    });
  }
  for (const w of overview.webVersions) {
    const key = streetKey(w);
    const row = streets.get(key);
    if (row) row.opens = w.opens;
    else
      streets.set(key, {
        street: w.street,
        city: w.city,
        letters: 0,
        delivered: 0,
        opens: w.opens,
        deliveredAt: null,
      });
  }
  return {
    campaignId: campaign.id,
    name: campaign.name,
    statusLabel: CAMPAIGN_STATUS_LABELS[campaign.status],
    locations: selection?.points.map((p) => p.label || `${p.lat.toFixed(4)}, ${p.lon.toFixed(4)}`) ?? [],
    radiusM: selection?.radiusM ?? null,
    addressesSelected: selection?.letterCount ?? 0,
    lettersRendered: latest?.letters ?? 0,
    renderedAt: batches.map((b) => b.createdAt).sort()[0] ?? null,
    opensByHour: [...opensByHour].sort((a, b) => a.hour.localeCompare(b.hour)),
    streets: [...streets.values()].sort(
      (a, b) => a.city.localeCompare(b.city) || a.street.localeCompare(b.street),
    ),
  };
}

/**
 * The results of a case across SMS and letters: timeline, funnel, variants with intervals and a verdict,
 * coverage and opens per street, purge status. Each role gets the parts it may see.
 */
export async function caseResults(
  deps: CaseResultsDeps,
  acting: Acting,
  caseId: string,
): Promise<CaseReport> {
  const parts = resultParts(acting);
  if (!parts.sms && !parts.letters) forbidden('view case results');
  const found = await getCase(deps, acting, caseId);
  const [campaigns, events, { settings }] = await Promise.all([
    deps.campaigns.listByCase(caseId),
    deps.audit.list({ caseId, limit: 2000 }),
    loadPolicy(deps),
  ]);
  const byAge = [...campaigns].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const sms = parts.sms
    ? await Promise.all(
        byAge
          .filter((c) => c.kind === 'sms')
          .map((c) => smsFigures(deps, acting, c, events, settings.retentionDays)),
      )
    : undefined;
  const letters = parts.letters
    ? await Promise.all(byAge.filter((c) => c.kind === 'letter').map((c) => letterFigures(deps, c)))
    : undefined;
  return buildCaseReport({
    caseId: found.id,
    caseName: found.name,
    actionDate: found.actionDate,
    municipality: found.municipality,
    areaDescription: found.areaDescription,
    ...(sms ? { sms } : {}),
    ...(letters ? { letters } : {}),
    generatedAt: deps.clock.now().toISOString(),
  });
}

async function auditExport(
  deps: Pick<AppDeps, 'audit' | 'clock'>,
  acting: Acting,
  caseId: string,
  format: 'csv' | 'pdf',
) {
  await audit(deps, acting, {
    action: 'audit.exported',
    subjectType: 'case',
    subjectId: caseId,
    caseId,
    details: { changedFields: ['case_results', format] },
  });
}

/** The results as CSV for others: counts only, small counts suppressed; audited as an export. */
export async function caseResultsCsv(deps: CaseResultsDeps, acting: Acting, caseId: string): Promise<string> {
  const report = await caseResults(deps, acting, caseId);
  await auditExport(deps, acting, caseId, 'csv');
  return reportCsv(report, { suppress: true });
}

/** The results as PDF for others, rendered on request like the purge certificate; audited as an export. */
export async function caseResultsPdf(
  deps: CaseResultsDeps & Pick<AppDeps, 'settings' | 'pdf'>,
  acting: Acting,
  caseId: string,
): Promise<PdfDownload> {
  const report = await caseResults(deps, acting, caseId);
  const settings = await deps.settings.get();
  const pdf = await renderPdfDownload(
    deps.pdf,
    { html: reportDocument(report, settings?.municipality ?? '') },
    `resultaten-zaak-${caseId}.pdf`,
  );
  await auditExport(deps, acting, caseId, 'pdf');
  return pdf;
}

/** Pooled results of one blueprint variant over every finished campaign. */
export interface PooledVariant {
  blueprintId: string;
  variantId: string;
  label: string;
  campaigns: number;
  sends: number;
  clicks: number;
  rate: Proportion;
}

/**
 * Cross-case learning: per blueprint variant, the sends and clicks of every completed (or purged) SMS
 * campaign added up, with a Wilson interval. Only counts are pooled; the texts may have been edited per
 * campaign, so this says how the variant as a starting point did.
 */
export async function pooledVariantResults(
  deps: SendingDashboardDeps,
  acting: Acting,
  options: { blueprintId?: string; excludeCampaignId?: string } = {},
): Promise<PooledVariant[]> {
  if (!resultParts(acting).sms) forbidden('view variant results');
  const finished = (await Promise.all(FINISHED.map((s) => deps.campaigns.listByStatus(s))))
    .flat()
    .filter(
      (c) =>
        c.kind === 'sms' &&
        c.id !== options.excludeCampaignId &&
        (options.blueprintId === undefined || c.blueprintId === options.blueprintId),
    );
  const pooled = new Map<string, PooledVariant>();
  for (const campaign of finished) {
    const dashboard = await sendingDashboard(deps, acting, campaign.id);
    for (const v of dashboard.variants) {
      const key = `${campaign.blueprintId}/${v.id}`;
      const row = pooled.get(key) ?? {
        blueprintId: campaign.blueprintId,
        variantId: v.id,
        label: v.label,
        campaigns: 0,
        sends: 0,
        clicks: 0,
        rate: wilsonInterval(0, 0),
      };
      row.campaigns += 1;
      row.sends += v.sends;
      row.clicks += Math.min(v.clicks, v.sends);
      pooled.set(key, row);
    }
  }
  return [...pooled.values()]
    .map((row) => ({ ...row, rate: wilsonInterval(row.clicks, row.sends) }))
    .sort((a, b) => a.blueprintId.localeCompare(b.blueprintId) || b.rate.estimate - a.rate.estimate);
}

/**
 * What the variants of a campaign's blueprint did before, for the variant editor: per variant id, its pooled
 * results over the other finished campaigns. Empty for a person who may not see SMS results.
 */
export async function previousVariantResults(
  deps: SendingDashboardDeps,
  acting: Acting,
  campaign: Pick<Campaign, 'id' | 'blueprintId'>,
): Promise<Map<string, PooledVariant>> {
  if (!resultParts(acting).sms) return new Map();
  const rows = await pooledVariantResults(deps, acting, {
    blueprintId: campaign.blueprintId,
    excludeCampaignId: campaign.id,
  });
  return new Map(rows.filter((r) => r.sends > 0).map((r) => [r.variantId, r]));
}

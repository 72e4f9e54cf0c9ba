import * as z from 'zod';
import type { AuditAction, AuditDetails, AuditEventDraft } from '../audit/audit-event.schema.js';
import { LegalReferenceSchema, ReasonTextSchema } from '../audit/free-text.js';
import { type ActingRole, campaignActionRole } from '../auth/permissions.js';
import type { Actor } from '../auth/roles.js';
import { ValidationError } from '../errors.js';
import { assertLetterTextClean } from '../letters/free-text-screen.js';
import { assertSnapshotClean, LetterSnapshotSchema } from '../letters/letter-snapshot.js';
import { FingerprintSchema, IsoDateTimeSchema } from '../shared/primitives.schema.js';
import {
  approvalExpiresAt,
  assertApprovalValid,
  assertFourEyes,
  assertLaunchAllowed,
  DEFAULT_APPROVAL_VALIDITY_DAYS,
  isApprovalExpired,
} from './approval.js';
import { LETTER_MERGE_FIELDS, unknownMergeFields } from './blueprint.schema.js';
import { ActionForbiddenError, IllegalTransitionError, StaleRequestError } from './campaign.errors.js';
import {
  type Approval,
  type ApprovalRequest,
  CAMPAIGN_STATUS_LABELS,
  type Campaign,
  type CampaignKind,
  type CampaignStatus,
  CountryCodeSchema,
  LetterContentSchema,
  PlannedWindowSchema,
  QuietHoursSchema,
  RecipientSetSchema,
  SenderNameSchema,
  VariantSchema,
} from './campaign.schema.js';
import { type CampaignAction, CampaignActionSchema } from './campaign-action.js';
import { campaignContentFingerprint } from './fingerprint.js';
import { validateHelpLink } from './help-link.js';
import { assertVariantsValid, DEFAULT_MAX_LINK_LENGTH } from './variants.js';

export type { ActingRole };
export { type CampaignAction, CampaignActionSchema };

/** The role in which the actor may perform the action, or null when none of their roles may (see core/auth/permissions.ts). */
export function actingRole(
  actor: CampaignActor,
  action: CampaignAction,
  kind: CampaignKind,
): ActingRole | null {
  return campaignActionRole(actor, action, kind);
}

/**
 * An edit is `content` when it touches anything the approval covers (recipients, variants, letter, sender,
 * link, countries, planned window) and `settings` otherwise (name, quiet hours, rate).
 */
export type EditScope = 'content' | 'settings';

export interface CampaignTransition {
  from: CampaignStatus;
  action: CampaignAction;
  to: CampaignStatus;
  /** Only for `edit`: the row applies to this scope only; absent means any edit. */
  editScope?: EditScope;
}

/**
 * THE table of allowed transitions. Nothing changes a campaign's status except a row of this table.
 *
 * A content edit after submission voids the request or approval and returns to draft; a settings edit keeps
 * the status. During sending only settings may change: to change content, cancel and start over.
 */
export const CAMPAIGN_TRANSITIONS: readonly CampaignTransition[] = [
  { from: 'draft', action: 'edit', to: 'draft' },
  { from: 'draft', action: 'submit', to: 'ready_for_approval' },
  { from: 'draft', action: 'cancel', to: 'cancelled' },
  { from: 'draft', action: 'purge', to: 'purged' },

  { from: 'ready_for_approval', action: 'edit', editScope: 'content', to: 'draft' },
  { from: 'ready_for_approval', action: 'edit', editScope: 'settings', to: 'ready_for_approval' },
  { from: 'ready_for_approval', action: 'approve', to: 'approved' },
  { from: 'ready_for_approval', action: 'reject', to: 'rejected' },
  { from: 'ready_for_approval', action: 'cancel', to: 'cancelled' },

  { from: 'approved', action: 'edit', editScope: 'content', to: 'draft' },
  { from: 'approved', action: 'edit', editScope: 'settings', to: 'approved' },
  { from: 'approved', action: 'schedule', to: 'scheduled' },
  { from: 'approved', action: 'withdraw', to: 'draft' },
  { from: 'approved', action: 'expire', to: 'expired' },
  { from: 'approved', action: 'cancel', to: 'cancelled' },

  { from: 'scheduled', action: 'edit', editScope: 'content', to: 'draft' },
  { from: 'scheduled', action: 'edit', editScope: 'settings', to: 'scheduled' },
  { from: 'scheduled', action: 'schedule', to: 'scheduled' },
  { from: 'scheduled', action: 'start', to: 'sending' },
  { from: 'scheduled', action: 'withdraw', to: 'draft' },
  { from: 'scheduled', action: 'expire', to: 'expired' },
  { from: 'scheduled', action: 'cancel', to: 'cancelled' },

  { from: 'sending', action: 'edit', editScope: 'settings', to: 'sending' },
  { from: 'sending', action: 'pause', to: 'paused' },
  { from: 'sending', action: 'complete', to: 'completed' },
  { from: 'sending', action: 'withdraw', to: 'cancelled' },
  { from: 'sending', action: 'expire', to: 'expired' },
  { from: 'sending', action: 'cancel', to: 'cancelled' },

  { from: 'paused', action: 'edit', editScope: 'settings', to: 'paused' },
  { from: 'paused', action: 'resume', to: 'sending' },
  { from: 'paused', action: 'withdraw', to: 'cancelled' },
  { from: 'paused', action: 'expire', to: 'expired' },
  { from: 'paused', action: 'cancel', to: 'cancelled' },

  { from: 'rejected', action: 'edit', to: 'draft' },
  { from: 'rejected', action: 'submit', to: 'ready_for_approval' },
  { from: 'rejected', action: 'cancel', to: 'cancelled' },
  { from: 'rejected', action: 'purge', to: 'purged' },

  { from: 'expired', action: 'edit', to: 'draft' },
  { from: 'expired', action: 'submit', to: 'ready_for_approval' },
  { from: 'expired', action: 'cancel', to: 'cancelled' },
  { from: 'expired', action: 'purge', to: 'purged' },

  { from: 'completed', action: 'purge', to: 'purged' },
  { from: 'cancelled', action: 'purge', to: 'purged' },
];

/** The row for this status, action and (for edits) scope, if the table has one. */
export function findTransition(
  from: CampaignStatus,
  action: CampaignAction,
  editScope?: EditScope,
): CampaignTransition | undefined {
  return CAMPAIGN_TRANSITIONS.find(
    (t) => t.from === from && t.action === action && (t.editScope === undefined || t.editScope === editScope),
  );
}

/** Who acts: a person in one of their roles, or a scheduled job. */
export const SystemActorSchema = z.object({
  system: z.enum(['dispatcher', 'scheduler', 'retention', 'settings']),
});
export type SystemActor = z.infer<typeof SystemActorSchema>;
export type CampaignActor = Actor | SystemActor;

function isSystem(actor: CampaignActor): actor is SystemActor {
  return 'system' in actor;
}

/** The user id the audit trail and `updatedBy` record for an actor. */
export function actorUserId(actor: CampaignActor): string {
  return isSystem(actor) ? `system:${actor.system}` : actor.userId;
}

const ChangesSchema = z.strictObject({
  name: z.string().trim().min(2, 'Geef de campagne een naam van minstens 2 tekens.').max(120).optional(),
  variants: z.array(VariantSchema).optional(),
  letter: LetterContentSchema.optional(),
  letterSnapshot: LetterSnapshotSchema.optional(),
  helpLink: z.string().optional(),
  senderName: SenderNameSchema.optional(),
  quietHours: QuietHoursSchema.optional(),
  ratePerSecond: z.number().positive('De snelheid moet groter dan 0 zijn.').optional(),
  allowedCountries: z.array(CountryCodeSchema).min(1, 'Kies minstens één land.').optional(),
  plannedWindow: PlannedWindowSchema.nullable().optional(),
  recipients: RecipientSetSchema.optional(),
});
export type CampaignChanges = z.infer<typeof ChangesSchema>;
type ChangeField = keyof CampaignChanges;

const CONTENT_FIELDS: ReadonlySet<ChangeField> = new Set<ChangeField>([
  'variants',
  'letter',
  'letterSnapshot',
  'helpLink',
  'senderName',
  'allowedCountries',
  'plannedWindow',
  'recipients',
]);

/** What a route or job asks the state machine to do; parse HTTP input with this schema. */
export const CampaignCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('edit'), changes: ChangesSchema }),
  z.object({ type: z.literal('submit') }),
  z.object({
    type: z.literal('approve'),
    /** The request fingerprint the OM liaison's page showed: approving another version is refused. */
    requestFingerprint: FingerprintSchema,
    legalReference: z.string(),
    confirmed: z.boolean(),
    /** For a letter: the approver confirms it names no person, no suspect's address and no official. */
    namesNobody: z.boolean().optional(),
  }),
  z.object({ type: z.literal('reject'), requestFingerprint: FingerprintSchema, reason: z.string() }),
  z.object({ type: z.literal('withdraw'), reason: z.string() }),
  z.object({ type: z.literal('schedule'), startAt: IsoDateTimeSchema }),
  z.object({ type: z.literal('start'), currentFingerprint: FingerprintSchema }),
  z.object({ type: z.literal('pause') }),
  z.object({ type: z.literal('resume'), currentFingerprint: FingerprintSchema }),
  z.object({ type: z.literal('complete') }),
  z.object({ type: z.literal('cancel'), reason: z.string().optional() }),
  z.object({ type: z.literal('expire') }),
  z.object({ type: z.literal('purge') }),
]);
export type CampaignCommand = z.infer<typeof CampaignCommandSchema>;

/** The municipality's rules the state machine enforces; the caller takes them from the settings. */
export interface CampaignPolicy {
  allowedHelpDomains: readonly string[];
  /** Length of the longest tracked link, for the segment count of variants. */
  linkLength: number;
  approvalValidityDays: number;
  maxRatePerSecond: number;
}

export const DEFAULT_CAMPAIGN_POLICY: Omit<CampaignPolicy, 'allowedHelpDomains'> = {
  linkLength: DEFAULT_MAX_LINK_LENGTH,
  approvalValidityDays: DEFAULT_APPROVAL_VALIDITY_DAYS,
  maxRatePerSecond: 20,
};

export interface CampaignActionContext {
  actor: CampaignActor;
  now: Date;
  policy: CampaignPolicy;
  /**
   * The user who answers for the campaign's case. Letter campaigns are decided (approved, rejected,
   * withdrawn) by that person only; without it no letter decision is possible.
   */
  caseResponsibleUserId?: string;
}

/** The actions that decide on a letter campaign: only its case's responsible manager performs them. */
export const LETTER_DECISIONS: readonly CampaignAction[] = ['approve', 'reject', 'withdraw'];

/**
 * Wijkberichten are approved by the case's responsible manager (four-eyes still applies): the letter goes
 * to residents in the municipality's name, so the manager who answers for the case decides, not the OM.
 */
/**
 * The one edit a job makes: after the municipality settings changed, the `settings` job writes a letter's
 * rebuilt final content (`letterSnapshot` alone), so the state machine voids its request or approval and
 * audits why. Nothing else may be edited without a person.
 */
function assertSystemEdit(campaign: Campaign, changes: unknown, ctx: CampaignActionContext): void {
  if (!isSystem(ctx.actor)) return;
  const keys = typeof changes === 'object' && changes !== null ? Object.keys(changes) : [];
  if (ctx.actor.system !== 'settings' || keys.length !== 1 || keys[0] !== 'letterSnapshot') {
    throw new ActionForbiddenError('A job may only rebuild a letter after a settings change', {
      userMessage: 'U heeft niet de rol die hiervoor nodig is.',
      context: { campaignId: campaign.id, action: 'edit' },
    });
  }
}

function assertLetterDecider(campaign: Campaign, action: CampaignAction, ctx: CampaignActionContext): void {
  if (campaign.kind !== 'letter' || !LETTER_DECISIONS.includes(action)) return;
  if (isSystem(ctx.actor) || ctx.caseResponsibleUserId !== ctx.actor.userId) {
    throw new ActionForbiddenError('Only the case responsible manager decides on letter campaigns', {
      userMessage:
        'Alleen de verantwoordelijke manager van de zaak beslist over de goedkeuring van wijkberichten.',
      context: { campaignId: campaign.id, action },
    });
  }
}

export interface CampaignActionResult {
  campaign: Campaign;
  events: AuditEventDraft[];
}

/** Tolerance for a start time chosen in a browser whose clock runs slightly behind. */
const SCHEDULE_SKEW_MS = 60_000;

function invalid(field: string, userMessage: string): never {
  throw new ValidationError(`Invalid ${field}`, { userMessage, context: { field } });
}

function parseOrRefuse<T>(schema: z.ZodType<T>, value: unknown, field: string): T {
  const result = schema.safeParse(value);
  if (!result.success) invalid(field, result.error.issues[0]?.message ?? 'Ongeldige invoer.');
  return result.data;
}

function illegal(campaign: Campaign, action: CampaignAction, userMessage?: string): never {
  throw new IllegalTransitionError(`Action ${action} is not allowed in status ${campaign.status}`, {
    userMessage:
      userMessage ??
      `Dit kan niet bij een campagne met de status "${CAMPAIGN_STATUS_LABELS[campaign.status]}". Vernieuw de pagina.`,
    context: { campaignId: campaign.id, status: campaign.status, action },
  });
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

/** Audit vocabulary is snake_case words: `helpLink` is recorded as `help_link`. */
function auditFieldNames(fields: readonly ChangeField[]): string[] {
  return fields.map((f) => f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
}

function recipientCounts(campaign: Campaign): Record<string, number> | undefined {
  const counts = campaign.recipients.counts;
  if (counts === null) return undefined;
  const flat: Record<string, number> = {
    imported: counts.imported,
    valid: counts.valid,
    sendable: counts.sendable,
  };
  for (const [reason, n] of Object.entries(counts.excluded)) flat[`excluded_${reason}`] = n;
  return flat;
}

class Transition {
  readonly events: AuditEventDraft[] = [];

  constructor(
    private readonly before: Campaign,
    private readonly ctx: CampaignActionContext,
    private readonly role: ActingRole,
  ) {}

  event(action: AuditAction, details: AuditDetails, fingerprint: string | null): void {
    this.events.push({
      at: this.ctx.now.toISOString(),
      actorUserId: actorUserId(this.ctx.actor),
      actorRole: this.role,
      action,
      subjectType: 'campaign',
      subjectId: this.before.id,
      caseId: this.before.caseId,
      campaignId: this.before.id,
      fingerprint,
      details,
    });
  }

  finish(next: Campaign): CampaignActionResult {
    return {
      campaign: {
        ...next,
        version: this.before.version + 1,
        updatedAt: this.ctx.now.toISOString(),
        updatedBy: actorUserId(this.ctx.actor),
      },
      events: this.events,
    };
  }
}

function withPreparer(campaign: Campaign, actor: CampaignActor): string[] {
  const id = actorUserId(actor);
  return campaign.preparers.includes(id) ? [...campaign.preparers] : [...campaign.preparers, id];
}

function transitionTo(campaign: Campaign, action: CampaignAction, editScope?: EditScope): CampaignStatus {
  const row = findTransition(campaign.status, action, editScope);
  if (row === undefined) illegal(campaign, action);
  return row.to;
}

function applyEdit(
  campaign: Campaign,
  rawChanges: unknown,
  ctx: CampaignActionContext,
  t: Transition,
): CampaignActionResult {
  const changes = parseOrRefuse(ChangesSchema, rawChanges, 'changes');
  const next: Campaign = { ...campaign };
  const changed: ChangeField[] = [];
  for (const field of Object.keys(changes) as ChangeField[]) {
    const value = changes[field];
    if (value === undefined) continue;
    if (stableJson(value) !== stableJson(campaign[field])) changed.push(field);
  }
  if (changed.length === 0) return { campaign, events: [] };
  const scope: EditScope = changed.some((f) => CONTENT_FIELDS.has(f)) ? 'content' : 'settings';
  const row = findTransition(campaign.status, 'edit', scope);
  if (row === undefined) {
    illegal(
      campaign,
      'edit',
      campaign.status === 'sending' || campaign.status === 'paused'
        ? 'Tijdens het versturen kunt u ontvangers, teksten, afzender, link en verzendperiode niet wijzigen. Annuleer de campagne als dat nodig is.'
        : `Een campagne met de status "${CAMPAIGN_STATUS_LABELS[campaign.status]}" kan niet meer worden gewijzigd.`,
    );
  }
  const approvalSurvives = row.to !== 'draft' && campaign.approval !== null;
  if (approvalSurvives && campaign.approval?.approvedBy === actorUserId(ctx.actor)) {
    throw new ActionForbiddenError('Approver may not change the approved campaign', {
      userMessage: 'U heeft deze campagne goedgekeurd en kunt haar daarom niet zelf wijzigen.',
      context: { campaignId: campaign.id },
    });
  }
  for (const field of changed) {
    switch (field) {
      case 'name':
        next.name = changes.name!;
        break;
      case 'variants':
        if (campaign.kind !== 'sms') invalid('variants', 'Een brief heeft geen sms-varianten.');
        assertVariantsValid(changes.variants!, { linkLength: ctx.policy.linkLength });
        next.variants = changes.variants!;
        break;
      case 'letter':
        if (campaign.kind !== 'letter') invalid('letter', 'Een sms-campagne heeft geen brieftekst.');
        {
          const [unknown] = unknownMergeFields([changes.letter!.subject, ...changes.letter!.paragraphs]);
          if (unknown !== undefined) {
            invalid(
              'letter',
              `Het invulveld {{${unknown}}} bestaat niet. Gebruik alleen ${LETTER_MERGE_FIELDS.map((f) => `{{${f}}}`).join(', ')}.`,
            );
          }
        }
        assertLetterTextClean([
          { label: 'het onderwerp', text: changes.letter!.subject },
          ...changes.letter!.paragraphs.map((text, i) => ({ label: `alinea ${i + 1}`, text })),
        ]);
        next.letter = changes.letter!;
        break;
      case 'letterSnapshot':
        if (campaign.kind !== 'letter') invalid('letterSnapshot', 'Een sms-campagne heeft geen brief.');
        assertSnapshotClean(changes.letterSnapshot!);
        next.letterSnapshot = changes.letterSnapshot!;
        break;
      case 'helpLink':
        next.helpLink = validateHelpLink(changes.helpLink!, ctx.policy.allowedHelpDomains);
        break;
      case 'senderName':
        next.senderName = changes.senderName!;
        break;
      case 'quietHours':
        next.quietHours = changes.quietHours!;
        break;
      case 'ratePerSecond':
        if (changes.ratePerSecond! > ctx.policy.maxRatePerSecond) {
          invalid(
            'ratePerSecond',
            `De snelheid mag hoogstens ${ctx.policy.maxRatePerSecond} berichten per seconde zijn.`,
          );
        }
        next.ratePerSecond = changes.ratePerSecond!;
        break;
      case 'allowedCountries':
        next.allowedCountries = [...new Set(changes.allowedCountries!)];
        break;
      case 'plannedWindow':
        if (changes.plannedWindow && new Date(changes.plannedWindow.until).getTime() <= ctx.now.getTime()) {
          invalid('plannedWindow', 'De verzendperiode moet in de toekomst eindigen.');
        }
        next.plannedWindow = changes.plannedWindow ?? null;
        break;
      case 'recipients':
        next.recipients = changes.recipients!;
        break;
    }
  }
  next.status = row.to;
  next.preparers = withPreparer(campaign, ctx.actor);
  const voided =
    ['ready_for_approval', 'approved', 'scheduled'].includes(campaign.status) && row.to === 'draft';
  if (row.to === 'draft') {
    next.approvalRequest = null;
    next.approval = null;
  }
  const fingerprint = campaignContentFingerprint(next);
  t.event(
    'campaign.edited',
    {
      fromStatus: campaign.status,
      toStatus: row.to,
      changedFields: auditFieldNames(changed),
      counts: changed.includes('recipients') ? recipientCounts(next) : undefined,
    },
    fingerprint,
  );
  if (voided && campaign.approvalRequest !== null) {
    t.event(
      'campaign.approval_voided',
      {
        voided: campaign.approval === null ? 'request' : 'approval',
        requestSeq: campaign.approvalRequest.seq,
        requestFingerprint: campaign.approvalRequest.fingerprint,
        changedFields: auditFieldNames(changed),
        ...(isSystem(ctx.actor) && ctx.actor.system === 'settings'
          ? { reason: 'municipality settings changed' }
          : {}),
      },
      fingerprint,
    );
  }
  return t.finish(next);
}

function applySubmit(campaign: Campaign, ctx: CampaignActionContext, t: Transition): CampaignActionResult {
  const to = transitionTo(campaign, 'submit');
  if (campaign.kind === 'sms') assertVariantsValid(campaign.variants, { linkLength: ctx.policy.linkLength });
  const helpLink = validateHelpLink(campaign.helpLink, ctx.policy.allowedHelpDomains);
  const { fingerprint: recipientsFingerprint, counts } = campaign.recipients;
  if (recipientsFingerprint === null || counts === null) {
    invalid(
      'recipients',
      campaign.kind === 'sms' ? 'Upload eerst de contactlijsten.' : 'Kies eerst de adressen.',
    );
  }
  if (counts.sendable === 0) invalid('recipients', 'Er zijn geen ontvangers over na de uitsluitingen.');
  if (campaign.kind === 'letter') {
    if (campaign.letterSnapshot === null) {
      invalid('letterSnapshot', 'Vul eerst in wat er is gebeurd en sla de brief op.');
    }
    assertSnapshotClean(campaign.letterSnapshot);
  }
  const window = campaign.plannedWindow;
  if (window === null) invalid('plannedWindow', 'Kies de periode waarin verstuurd mag worden.');
  if (new Date(window.until).getTime() <= ctx.now.getTime()) {
    invalid('plannedWindow', 'De gekozen verzendperiode is al voorbij. Kies een nieuwe periode.');
  }
  const normalised: Campaign = { ...campaign, helpLink };
  const preparers = withPreparer(campaign, ctx.actor);
  const request: ApprovalRequest = {
    seq: campaign.lastRequestSeq + 1,
    fingerprint: campaignContentFingerprint(normalised)!,
    recipientsFingerprint,
    variants: campaign.variants.map((v) => ({ ...v })),
    letter: campaign.letter,
    letterSnapshot: campaign.letterSnapshot,
    senderName: campaign.senderName,
    helpLink,
    counts,
    plannedWindow: window,
    preparedBy: preparers,
    requestedBy: actorUserId(ctx.actor),
    requestedAt: ctx.now.toISOString(),
  };
  t.event(
    'campaign.submitted',
    {
      fromStatus: campaign.status,
      toStatus: to,
      requestSeq: request.seq,
      counts: recipientCounts(campaign),
      variantIds: campaign.variants.map((v) => v.id),
    },
    request.fingerprint,
  );
  return t.finish({
    ...normalised,
    status: to,
    preparers,
    approvalRequest: request,
    approval: null,
    rejection: null,
    withdrawal: null,
    scheduledAt: null,
    lastRequestSeq: request.seq,
  });
}

function assertCurrentRequest(campaign: Campaign, seenFingerprint: string): ApprovalRequest {
  const request = campaign.approvalRequest;
  if (campaign.status === 'ready_for_approval' && request !== null) {
    if (
      request.fingerprint !== seenFingerprint ||
      campaignContentFingerprint(campaign) !== request.fingerprint
    ) {
      throw new StaleRequestError('Request fingerprint differs from the one reviewed', {
        userMessage:
          'Deze aanvraag is gewijzigd nadat u haar opende. Bekijk de nieuwe versie voordat u een besluit neemt.',
        context: { campaignId: campaign.id, requestSeq: request.seq },
      });
    }
    return request;
  }
  if (request !== null && request.fingerprint === seenFingerprint && campaign.approval !== null) {
    illegal(campaign, 'approve', 'Deze aanvraag is al goedgekeurd.');
  }
  if (request !== null && request.fingerprint === seenFingerprint && campaign.status === 'rejected') {
    illegal(campaign, 'approve', 'Over deze aanvraag is al besloten: zij is afgewezen.');
  }
  if (campaign.lastRequestSeq > 0 && ['draft', 'ready_for_approval'].includes(campaign.status)) {
    throw new StaleRequestError('Reviewed request no longer exists', {
      userMessage:
        'Deze aanvraag is gewijzigd of ingetrokken nadat u haar opende. Er is niets goedgekeurd; wacht op de nieuwe aanvraag.',
      context: { campaignId: campaign.id },
    });
  }
  illegal(campaign, 'approve');
}

function applyApprove(
  campaign: Campaign,
  command: Extract<CampaignCommand, { type: 'approve' }>,
  ctx: CampaignActionContext,
  t: Transition,
): CampaignActionResult {
  const request = assertCurrentRequest(campaign, command.requestFingerprint);
  const to = transitionTo(campaign, 'approve');
  assertFourEyes(campaign, actorUserId(ctx.actor));
  const legalReference = parseOrRefuse(LegalReferenceSchema, command.legalReference, 'legalReference');
  if (command.confirmed !== true) {
    invalid(
      'confirmed',
      'Bevestig dat u de ontvangers, de teksten en de verzendperiode heeft gecontroleerd.',
    );
  }
  if (campaign.kind === 'letter' && command.namesNobody !== true) {
    invalid(
      'namesNobody',
      'Bevestig dat de brief geen personen, geen adres van een verdachte en geen medewerker noemt.',
    );
  }
  if (new Date(request.plannedWindow.until).getTime() <= ctx.now.getTime()) {
    illegal(
      campaign,
      'approve',
      'De verzendperiode van deze aanvraag is al voorbij. De adviseur moet een nieuwe periode kiezen.',
    );
  }
  const approval: Approval = {
    requestSeq: request.seq,
    requestFingerprint: request.fingerprint,
    approvedBy: actorUserId(ctx.actor),
    legalReference,
    confirmed: true,
    at: ctx.now.toISOString(),
    expiresAt: approvalExpiresAt(ctx.now, ctx.policy.approvalValidityDays).toISOString(),
    approvedCount: request.counts.sendable,
    ...(campaign.kind === 'letter' ? { namesNobody: true as const } : {}),
  };
  t.event(
    'campaign.approved',
    {
      fromStatus: campaign.status,
      toStatus: to,
      requestSeq: request.seq,
      legalReference,
      expiresAt: approval.expiresAt,
      counts: { approved: approval.approvedCount },
    },
    request.fingerprint,
  );
  return t.finish({ ...campaign, status: to, approval });
}

function applyReject(
  campaign: Campaign,
  command: Extract<CampaignCommand, { type: 'reject' }>,
  ctx: CampaignActionContext,
  t: Transition,
): CampaignActionResult {
  const request = assertCurrentRequest(campaign, command.requestFingerprint);
  const to = transitionTo(campaign, 'reject');
  const reason = parseOrRefuse(ReasonTextSchema, command.reason, 'reason');
  t.event(
    'campaign.rejected',
    { fromStatus: campaign.status, toStatus: to, requestSeq: request.seq, reason },
    request.fingerprint,
  );
  return t.finish({
    ...campaign,
    status: to,
    rejection: {
      requestSeq: request.seq,
      requestFingerprint: request.fingerprint,
      rejectedBy: actorUserId(ctx.actor),
      reason,
      at: ctx.now.toISOString(),
    },
  });
}

function applyWithdraw(
  campaign: Campaign,
  command: Extract<CampaignCommand, { type: 'withdraw' }>,
  ctx: CampaignActionContext,
  t: Transition,
): CampaignActionResult {
  const to = transitionTo(campaign, 'withdraw');
  const reason = parseOrRefuse(ReasonTextSchema, command.reason, 'reason');
  const request = campaign.approvalRequest!;
  t.event(
    'campaign.approval_withdrawn',
    { fromStatus: campaign.status, toStatus: to, requestSeq: request.seq, reason },
    request.fingerprint,
  );
  return t.finish({
    ...campaign,
    status: to,
    approval: null,
    approvalRequest: to === 'draft' ? null : request,
    scheduledAt: to === 'draft' ? null : campaign.scheduledAt,
    withdrawal: {
      requestSeq: request.seq,
      requestFingerprint: request.fingerprint,
      withdrawnBy: actorUserId(ctx.actor),
      reason,
      at: ctx.now.toISOString(),
    },
  });
}

function applySchedule(
  campaign: Campaign,
  command: Extract<CampaignCommand, { type: 'schedule' }>,
  ctx: CampaignActionContext,
  t: Transition,
): CampaignActionResult {
  const to = transitionTo(campaign, 'schedule');
  const approval = assertApprovalValid(campaign, campaignContentFingerprint(campaign) ?? '', ctx.now);
  const startAt = new Date(command.startAt).getTime();
  const window = campaign.approvalRequest!.plannedWindow;
  if (startAt < ctx.now.getTime() - SCHEDULE_SKEW_MS)
    invalid('startAt', 'Het starttijdstip ligt in het verleden.');
  if (startAt < new Date(window.from).getTime() || startAt >= new Date(window.until).getTime()) {
    invalid('startAt', 'Het starttijdstip moet binnen de goedgekeurde verzendperiode liggen.');
  }
  if (startAt >= new Date(approval.expiresAt).getTime()) {
    invalid('startAt', 'Het starttijdstip ligt na het verlopen van de goedkeuring.');
  }
  const scheduledAt = new Date(Math.max(startAt, ctx.now.getTime())).toISOString();
  t.event(
    'campaign.scheduled',
    { fromStatus: campaign.status, toStatus: to, scheduledAt },
    approval.requestFingerprint,
  );
  return t.finish({ ...campaign, status: to, scheduledAt });
}

function applyLaunch(
  campaign: Campaign,
  action: 'start' | 'resume',
  currentFingerprint: string,
  ctx: CampaignActionContext,
  t: Transition,
): CampaignActionResult {
  const to = transitionTo(campaign, action);
  if (action === 'start' && new Date(campaign.scheduledAt!).getTime() > ctx.now.getTime()) {
    illegal(campaign, 'start', 'Het ingeplande starttijdstip is nog niet bereikt.');
  }
  const approval = assertLaunchAllowed(campaign, currentFingerprint, ctx.now);
  t.event(
    action === 'start' ? 'campaign.started' : 'campaign.resumed',
    { fromStatus: campaign.status, toStatus: to, counts: { approved: approval.approvedCount } },
    approval.requestFingerprint,
  );
  return t.finish({ ...campaign, status: to });
}

function applySimple(
  campaign: Campaign,
  action: 'pause' | 'complete' | 'cancel' | 'expire' | 'purge',
  ctx: CampaignActionContext,
  t: Transition,
  reasonInput?: string,
): CampaignActionResult {
  const to = transitionTo(campaign, action);
  if (action === 'expire' && !isApprovalExpired(campaign, ctx.now)) {
    illegal(campaign, 'expire', 'De goedkeuring is nog geldig.');
  }
  const reason =
    reasonInput === undefined || reasonInput.trim() === ''
      ? undefined
      : parseOrRefuse(ReasonTextSchema, reasonInput, 'reason');
  const auditAction: Record<typeof action, AuditAction> = {
    pause: 'campaign.paused',
    complete: 'campaign.completed',
    cancel: 'campaign.cancelled',
    expire: 'campaign.expired',
    purge: 'campaign.purged',
  };
  t.event(
    auditAction[action],
    {
      fromStatus: campaign.status,
      toStatus: to,
      reason,
      counts: action === 'purge' ? recipientCounts(campaign) : undefined,
    },
    campaign.approval?.requestFingerprint ?? campaignContentFingerprint(campaign),
  );
  return t.finish({ ...campaign, status: to });
}

/**
 * Applies one action to a campaign: checks the role, the transition table and the action's rules, and
 * returns the new campaign (version + 1) with the audit events to append in the same write.
 *
 * Pure: the caller loads the campaign, calls this, and stores the result with a conditional write on the
 * old version, so a double click or two browsers produce exactly one change and one set of events.
 * Throws ActionForbiddenError / FourEyesError (forbidden), IllegalTransitionError / StaleRequestError /
 * DispatchRefusedError (conflict) or ValidationError, each with a Dutch `userMessage`.
 */
export function applyCampaignAction(
  campaign: Campaign,
  command: CampaignCommand,
  ctx: CampaignActionContext,
): CampaignActionResult {
  const action = command.type;
  const role = actingRole(ctx.actor, action, campaign.kind);
  if (role === null) {
    throw new ActionForbiddenError(`No role of the actor may ${action} a campaign`, {
      userMessage: 'U heeft niet de rol die hiervoor nodig is.',
      context: { campaignId: campaign.id, action },
    });
  }
  assertLetterDecider(campaign, action, ctx);
  if (command.type === 'edit') assertSystemEdit(campaign, command.changes, ctx);
  const t = new Transition(campaign, ctx, role);
  switch (command.type) {
    case 'edit':
      return applyEdit(campaign, command.changes, ctx, t);
    case 'submit':
      return applySubmit(campaign, ctx, t);
    case 'approve':
      return applyApprove(campaign, command, ctx, t);
    case 'reject':
      return applyReject(campaign, command, ctx, t);
    case 'withdraw':
      return applyWithdraw(campaign, command, ctx, t);
    case 'schedule':
      return applySchedule(campaign, command, ctx, t);
    case 'start':
    case 'resume':
      return applyLaunch(campaign, command.type, command.currentFingerprint, ctx, t);
    case 'cancel':
      return applySimple(campaign, 'cancel', ctx, t, command.reason);
    case 'pause':
    case 'complete':
    case 'expire':
    case 'purge':
      return applySimple(campaign, command.type, ctx, t);
  }
}

/**
 * The actions the actor could try now, for showing buttons. The action itself still checks everything;
 * an action listed here can fail on its rules (four-eyes, expiry, validation).
 */
export function availableActions(campaign: Campaign, actor: CampaignActor): CampaignAction[] {
  return CampaignActionSchema.options.filter(
    (action) =>
      actingRole(actor, action, campaign.kind) !== null &&
      CAMPAIGN_TRANSITIONS.some((t) => t.from === campaign.status && t.action === action),
  );
}

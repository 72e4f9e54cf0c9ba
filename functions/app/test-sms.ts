import { createHash } from 'node:crypto';
import type { CountryCode } from 'libphonenumber-js/max';
import type { CampaignStatus } from '../core/campaigns/campaign.schema.js';
import { TRACKED_LINK_CODE_LENGTH } from '../core/campaigns/sms-text.js';
import { renderSmsText } from '../core/campaigns/variants.js';
import { SENDABLE_TYPES } from '../core/contacts/contacts.schema.js';
import { maskE164 } from '../core/contacts/mask.js';
import { Normaliser } from '../core/contacts/normalise.js';
import { ConflictError, NotFoundError, ValidationError } from '../core/errors.js';
import { TestNumberLabelSchema, type TestSmsRequest, testVariantId } from '../core/sending/test-sms.js';
import { type Acting, audit } from './audit.js';
import { assertHolds, requireVisibleCampaign } from './campaign-access.js';
import type { AppDeps } from './deps.js';
import { getSettings } from './settings.js';

/** What the test-number page and the test-SMS form use. */
export type TestSmsDeps = Pick<AppDeps, 'clock' | 'ids' | 'audit' | 'settings' | 'campaigns' | 'sending'>;

/** A test number as every page shows it: never the number itself. */
export interface ShownTestNumber {
  id: string;
  label: string;
  masked: string;
}

/** Campaign statuses in which a test SMS may still be asked for: before and during sending, never after. */
export const TEST_SMS_STATUSES: readonly CampaignStatus[] = [
  'draft',
  'ready_for_approval',
  'approved',
  'scheduled',
  'sending',
  'paused',
  'rejected',
];

export async function listTestNumbers(deps: Pick<AppDeps, 'sending'>): Promise<ShownTestNumber[]> {
  return (await deps.sending.testSms.listNumbers()).map((n) => ({
    id: n.id,
    label: n.label,
    masked: maskE164(n.e164),
  }));
}

/** Adds a test number the admin typed, read with the same parser as contact files; audited without the number. */
export async function addTestNumber(
  deps: TestSmsDeps,
  acting: Acting,
  input: { nummer: string; naam: string },
): Promise<ShownTestNumber> {
  assertHolds(acting, 'admin.manage');
  const label = TestNumberLabelSchema.safeParse(input.naam);
  if (!label.success) {
    throw new ValidationError('Test number label refused', {
      userMessage: label.error.issues[0]?.message ?? 'Vul een naam in.',
      context: { field: 'naam' },
    });
  }
  const settings = await getSettings(deps);
  const parsed = new Normaliser(settings.defaultRegion as CountryCode).normalise(input.nummer.trim());
  if (!parsed.valid) {
    throw new ValidationError('Test number not a valid phone number', {
      userMessage: `${parsed.reason} Vul een mobiel nummer in, bijvoorbeeld 06 12345678 of +31 6 12345678.`,
      context: { field: 'nummer' },
    });
  }
  if (!SENDABLE_TYPES.has(parsed.type)) {
    throw new ValidationError('Test number cannot receive SMS', {
      userMessage: 'Dit nummer kan geen sms ontvangen. Vul een mobiel nummer in, bijvoorbeeld 06 12345678.',
      context: { field: 'nummer' },
    });
  }
  const existing = await deps.sending.testSms.listNumbers();
  if (existing.some((n) => n.e164 === parsed.e164)) {
    throw new ConflictError('Test number already listed', {
      userMessage: 'Dit nummer staat al op de lijst met testnummers.',
      context: { field: 'nummer' },
    });
  }
  const number = {
    id: deps.ids.next(),
    e164: parsed.e164,
    label: label.data,
    addedAt: deps.clock.now().toISOString(),
  };
  await deps.sending.testSms.addNumber(number);
  await audit(deps, acting, {
    action: 'test_number.added',
    subjectType: 'test_number',
    subjectId: number.id,
  });
  return { id: number.id, label: number.label, masked: maskE164(number.e164) };
}

function testNumberNotFound(id: string): NotFoundError {
  return new NotFoundError('Test number not found', {
    userMessage: 'Dit testnummer staat niet (meer) op de lijst.',
    context: { testNumberId: id },
  });
}

export async function getTestNumber(deps: Pick<AppDeps, 'sending'>, id: string): Promise<ShownTestNumber> {
  const number = await deps.sending.testSms.getNumber(id);
  if (!number) throw testNumberNotFound(id);
  return { id: number.id, label: number.label, masked: maskE164(number.e164) };
}

/** What removing a test number uses: also the local outbox, which drops the test messages to it. */
export type RemoveTestNumberDeps = TestSmsDeps & Pick<AppDeps, 'retention'>;

/**
 * Removes a test number (audited by its id only). In the embedded runtime the outbox's messages to it go too:
 * a test message belongs to no campaign's purge, so nothing else would ever remove it.
 */
export async function removeTestNumber(
  deps: RemoveTestNumberDeps,
  acting: Acting,
  id: string,
): Promise<void> {
  assertHolds(acting, 'admin.manage');
  const number = await deps.sending.testSms.getNumber(id);
  if (!number || !(await deps.sending.testSms.removeNumber(id))) throw testNumberNotFound(id);
  await deps.retention.outbox?.deleteMessagesTo(new Set([number.e164]));
  await audit(deps, acting, { action: 'test_number.removed', subjectType: 'test_number', subjectId: id });
}

/** A short link code from a fresh id (as the dispatcher makes them). */
function newLinkCode(id: string): string {
  return createHash('sha256').update(id).digest('base64url').slice(0, TRACKED_LINK_CODE_LENGTH);
}

/**
 * Asks for a test SMS of one variant to one listed test number: the text is rendered as recipients get it,
 * with a test link whose clicks never count, and the dispatcher's next run sends it. Only the test number's
 * id travels in the form and the request; a number that is not on the list cannot be named at all.
 */
export async function requestTestSms(
  deps: TestSmsDeps,
  acting: Acting,
  campaignId: string,
  input: { variant: string; testnummer: string },
): Promise<TestSmsRequest> {
  assertHolds(acting, 'sms.prepare');
  const campaign = await requireVisibleCampaign(deps, acting, campaignId);
  if (campaign.kind !== 'sms' || !TEST_SMS_STATUSES.includes(campaign.status)) {
    throw new ConflictError('Test SMS not possible in this campaign status', {
      userMessage: 'Voor deze campagne kan geen test-sms meer worden verstuurd.',
      context: { campaignId, status: campaign.status },
    });
  }
  const variant = campaign.variants.find((v) => v.id === input.variant);
  if (!variant) {
    throw new ValidationError('Unknown variant for test SMS', {
      userMessage: 'Kies de variant die u wilt testen.',
      context: { field: 'variant' },
    });
  }
  const number = await deps.sending.testSms.getNumber(input.testnummer);
  if (!number) {
    throw new ValidationError('Test SMS to a number not on the list', {
      userMessage: 'Kies een testnummer van de lijst.',
      context: { field: 'testnummer' },
    });
  }
  const base = deps.sending.publicBaseUrl;
  if (base === '') {
    throw new ConflictError('No public address for links', {
      userMessage:
        'Het openbare adres voor links is niet ingesteld; een test-sms kan nu niet worden verstuurd.',
      context: { campaignId },
    });
  }
  const now = deps.clock.now();
  const link = await deps.sending.links.codeFor(
    campaign.id,
    testVariantId(variant.id),
    newLinkCode(deps.ids.next()),
    now,
  );
  const request: TestSmsRequest = {
    id: deps.ids.next(),
    campaignId: campaign.id,
    variantId: variant.id,
    testNumberId: number.id,
    text: renderSmsText(variant.text, { link: `${base}/r/${link.code}`, stop: `${base}/stop` }),
    requestedAt: now.toISOString(),
    requestedBy: acting.actor.userId,
    status: 'pending',
  };
  await deps.sending.testSms.request(request);
  await audit(deps, acting, {
    action: 'campaign.test_sms_requested',
    subjectType: 'campaign',
    subjectId: campaign.id,
    caseId: campaign.caseId,
    campaignId: campaign.id,
    details: { variantIds: [variant.id] },
  });
  return request;
}

/** A test SMS of a campaign as its page lists it: when, which variant, to which test number (by name), how far. */
export interface ShownTestSms {
  requestedAt: string;
  variantId: string;
  numberLabel: string;
  status: TestSmsRequest['status'];
}

/** The campaign's latest test messages, newest first; a removed test number shows as such. */
export async function recentTestSms(
  deps: Pick<AppDeps, 'sending'>,
  campaignId: string,
  limit = 10,
): Promise<ShownTestSms[]> {
  const [requests, numbers] = await Promise.all([
    deps.sending.testSms.listForCampaign(campaignId, limit),
    deps.sending.testSms.listNumbers(),
  ]);
  const labels = new Map(numbers.map((n) => [n.id, n.label]));
  return requests.map((r) => ({
    requestedAt: r.requestedAt,
    variantId: r.variantId,
    numberLabel: labels.get(r.testNumberId) ?? 'verwijderd testnummer',
    status: r.status,
  }));
}

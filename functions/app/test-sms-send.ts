import { audit, systemActing } from './audit.js';
import type { AppDeps } from './deps.js';

/** What sending the waiting test messages uses: the dispatcher holds all of it. */
export type SendTestSmsDeps = Pick<AppDeps, 'clock' | 'audit' | 'campaigns' | 'sending' | 'logger'>;

/**
 * Sends the waiting test messages, each once: a request is claimed with a conditional write first, so a
 * second run at the same time (or a retried one) skips it. A test message is no recipient: it never touches
 * the recipient records, the frequency cap, the opt-out lists or the campaign's figures.
 */
export async function sendPendingTestSms(
  deps: SendTestSmsDeps,
  dispatcherId: string,
  limit = 20,
): Promise<{ sent: number; failed: number }> {
  const store = deps.sending.testSms;
  const result = { sent: 0, failed: 0 };
  for (const request of await store.listPending(limit)) {
    if (!(await store.claim(request.id, dispatcherId, deps.clock.now()))) continue;
    const [number, campaign] = await Promise.all([
      store.getNumber(request.testNumberId),
      deps.campaigns.get(request.campaignId),
    ]);
    let ok = false;
    if (number && campaign) {
      try {
        const outcome = await deps.sending.gateway.send({
          to: number.e164,
          body: request.text,
          senderId: campaign.senderName,
          test: true,
        });
        ok = outcome.kind === 'accepted';
      } catch (error) {
        deps.logger.warn('test SMS send threw', {
          requestId: request.id,
          error: error instanceof Error ? error.name : 'unknown',
        });
      }
    }
    const status = ok ? 'sent' : 'failed';
    await store.finish(request.id, dispatcherId, status, deps.clock.now());
    result[status] += 1;
    await audit(deps, systemActing('dispatcher'), {
      action: 'campaign.test_sms_sent',
      subjectType: 'campaign',
      subjectId: request.campaignId,
      caseId: campaign?.caseId ?? null,
      campaignId: request.campaignId,
      details: { variantIds: [request.variantId], toStatus: status },
    });
    deps.logger.info('test SMS handled', { requestId: request.id, campaignId: request.campaignId, status });
  }
  return result;
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../functions/app/deps.js';
import { keyedHash } from '../../functions/core/contacts/fingerprint.js';
import { startLocalRuntime } from '../../functions/local/runtime.js';
import { handleDeliveryStatusEvent } from '../../functions/wiring/delivery-status.js';
import { handleInboundSmsEvent } from '../../functions/wiring/inbound-sms.js';
import { logsEvent, smsLog, snsRecord } from '../fixtures/aws-events.js';
import { seedApprovedCampaign, sendingMobile } from '../fixtures/sending-builders.js';

describe('sending handlers with real-shaped events', () => {
  let deps: AppDeps;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const runtime = await startLocalRuntime({});
    deps = runtime.deps;
    close = runtime.close;
  });
  afterAll(async () => {
    await close();
  });

  it('records delivered and failed receipts by message id, once, and ignores unknown ids', async () => {
    // Prepare
    const campaign = await seedApprovedCampaign(deps, {
      recipients: 2,
      now: deps.clock.now(),
      numberOf: (n) => sendingMobile(5_000 + n),
    });
    const [a, b] = await deps.recipients.list(campaign.id);
    const now = deps.clock.now();
    for (const [r, messageId] of [
      [a!, 'sns-msg-a'],
      [b!, 'sns-msg-b'],
    ] as const) {
      await deps.recipients.transition(campaign.id, r.id, { type: 'claim', by: 'test' }, now);
      await deps.recipients.transition(campaign.id, r.id, { type: 'mark_sent', messageId }, now);
    }
    const event = logsEvent([
      smsLog('sns-msg-a', a!.e164, 'SUCCESS', 'Message has been accepted by phone'),
      smsLog('sns-msg-b', b!.e164, 'FAILURE', `Phone carrier has blocked this message for ${b!.e164}`),
      smsLog('sns-msg-other', '+31611111111', 'SUCCESS', 'Message has been accepted by phone'),
    ]);

    // Act
    const first = await handleDeliveryStatusEvent(deps, event);
    const again = await handleDeliveryStatusEvent(deps, event);
    const counts = await deps.recipients.countByStatus(campaign.id);
    const failed = await deps.recipients.findByMessageId('sns-msg-b');

    // Assess
    expect(first).toEqual({ recorded: 2, ignored: 1, skipped: 0 });
    expect(again).toEqual({ recorded: 0, ignored: 3, skipped: 0 });
    expect(counts.delivered).toBe(1);
    expect(counts.failed).toBe(1);
    expect(failed?.state.status).toBe('failed');
    expect(JSON.stringify(failed?.state)).not.toContain(b!.e164.slice(3));
  });

  it('puts STOP senders on the opt-out list as keyed hashes and ignores other replies', async () => {
    // Prepare
    const event = {
      Records: [
        snsRecord('m1', {
          originationNumber: '+31629991234',
          destinationNumber: '+3197010000000',
          messageKeyword: 'KEYWORD_123456789012',
          messageBody: ' Stop.',
          inboundMessageId: 'in-1',
        }),
        snsRecord('m2', {
          originationNumber: '+31629995678',
          destinationNumber: '+3197010000000',
          messageKeyword: 'KEYWORD_123456789012',
          messageBody: 'Bedankt voor de info',
          inboundMessageId: 'in-2',
        }),
      ],
    };

    // Act
    const result = await handleInboundSmsEvent(deps, event);
    const list = await deps.hashLists.hashes('opt_out', deps.clock.now());

    // Assess
    expect(result).toEqual({ optOuts: 1, ignored: 1, skipped: 0 });
    expect(list.has(keyedHash('+31629991234', deps.secrets.hmacKey))).toBe(true);
    expect(list.has(keyedHash('+31629995678', deps.secrets.hmacKey))).toBe(false);
  });
});

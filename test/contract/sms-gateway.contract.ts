import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GatewayOutcomeSchema,
  type SmsGateway,
  type SmsMessage,
} from '../../functions/core/sending/sms-gateway.js';

/** A message as the provider received it, seen from the provider's side. */
export interface ReceivedSms {
  to: string;
  body: string;
  messageId: string;
}

export interface SmsGatewayTarget {
  gateway: SmsGateway;
  /** Every message the provider took, in order. */
  received(): Promise<ReceivedSms[]>;
  /** Makes the provider refuse every further message for its rate, or stop doing so. */
  throttle(on: boolean): Promise<void>;
  /** Puts a number on the provider's own opt-out list; absent when the provider keeps none. */
  optOut?: (e164: string) => Promise<void>;
  /** Requests the provider refused as malformed: a conforming adapter sends none. */
  malformedRequests(): Promise<number>;
  close(): Promise<void>;
}

const message = (overrides: Partial<SmsMessage> = {}): SmsMessage => ({
  to: '+31612345678',
  body: 'Er is een politieactie geweest in uw buurt. Meer informatie: https://example.nl/x',
  senderId: 'Gemeente',
  ...overrides,
});

/**
 * The SmsGateway contract: what the dispatcher relies on from every provider (the local outbox, SNS). A
 * message is sent at most once, an accepted one carries the provider's id, a refusal says whether it may be
 * retried, and a message the provider cannot take never reaches it.
 */
export function smsGatewayContract(name: string, connect: () => Promise<SmsGatewayTarget>): void {
  describe(`SmsGateway on ${name}`, () => {
    let target: SmsGatewayTarget;
    beforeAll(async () => {
      target = await connect();
    });
    afterAll(async () => {
      await target.close();
    });

    it('hands an accepted message to the provider once, under the id it returns', async () => {
      // Prepare
      const before = (await target.received()).length;
      const sms = message({ to: '+31612340001' });
      // Act
      const outcome = await target.gateway.send(sms);
      // Assess
      expect(GatewayOutcomeSchema.parse(outcome).kind).toBe('accepted');
      const received = (await target.received()).slice(before);
      expect(received).toEqual([
        { to: sms.to, body: sms.body, messageId: outcome.kind === 'accepted' ? outcome.messageId : '' },
      ]);
    });

    it('gives every accepted message its own id', async () => {
      const ids = new Set<string>();
      for (const to of ['+31612340002', '+31612340003', '+32470123456']) {
        const outcome = await target.gateway.send(message({ to }));
        if (outcome.kind !== 'accepted') throw new Error(`expected acceptance, got ${outcome.kind}`);
        ids.add(outcome.messageId);
      }
      expect(ids.size).toBe(3);
    });

    it('refuses a number that is not E.164 for good, without reaching the provider', async () => {
      const before = (await target.received()).length;
      for (const to of ['0612345678', '+0612345678', '+3161234567890123', 'tel:+31612345678']) {
        const outcome = await target.gateway.send(message({ to }));
        expect(outcome, to).toMatchObject({ kind: 'refused', code: 'invalid_number', transient: false });
        expect(JSON.stringify(outcome), to).not.toContain('612345678');
      }
      expect((await target.received()).length).toBe(before);
    });

    it('refuses an empty text as an invalid request, without reaching the provider', async () => {
      const before = (await target.received()).length;
      const outcome = await target.gateway.send(message({ body: '' }));
      expect(outcome).toMatchObject({ kind: 'refused', code: 'invalid_request', transient: false });
      expect((await target.received()).length).toBe(before);
    });

    it('reports throttling as a transient refusal and never retries on its own', async () => {
      // Prepare
      const before = (await target.received()).length;
      await target.throttle(true);
      // Act
      const outcome = await target.gateway.send(message({ to: '+31612340004' }));
      await target.throttle(false);
      const after = await target.gateway.send(message({ to: '+31612340004' }));
      // Assess: the throttled message was not taken; the next attempt is the caller's, and goes through once.
      expect(outcome).toMatchObject({ kind: 'refused', code: 'throttled', transient: true });
      expect(after.kind).toBe('accepted');
      expect((await target.received()).slice(before).map((m) => m.to)).toEqual(['+31612340004']);
    });

    it('answers the opt-out question for a valid number, and refuses to send to a number on its list', async () => {
      expect(await target.gateway.isOptedOut('+31612340005')).toBe(false);
      if (!target.optOut) return;
      // Prepare: only a provider with its own opt-out list gets here.
      await target.optOut('+31612340006');
      const before = (await target.received()).length;
      // Act
      const listed = await target.gateway.isOptedOut('+31612340006');
      const outcome = await target.gateway.send(message({ to: '+31612340006' }));
      // Assess
      expect(listed).toBe(true);
      expect(outcome).toMatchObject({ kind: 'refused', code: 'opted_out', transient: false });
      expect((await target.received()).length).toBe(before);
    });

    it('sends only requests the provider accepts as well-formed', async () => {
      expect(await target.malformedRequests()).toBe(0);
    });
  });
}

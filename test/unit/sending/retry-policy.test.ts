import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETRY_POLICY,
  decideAfterOutcome,
  eventForDisposition,
  retryDelayMs,
  sendWithRetry,
} from '../../../functions/core/sending/retry-policy.js';
import {
  type GatewayOutcome,
  type RefusalCode,
  RefusalCodeSchema,
  refused,
  type SmsGateway,
  type SmsMessage,
} from '../../../functions/core/sending/sms-gateway.js';

const message: SmsMessage = { to: '+31612345678', body: 'Hulp nodig? {link}', senderId: 'Gemeente' };

function scripted(outcomes: (GatewayOutcome | 'throw')[]): SmsGateway & { calls: number } {
  const gateway = {
    calls: 0,
    async send(): Promise<GatewayOutcome> {
      const next = outcomes[gateway.calls++] ?? { kind: 'accepted', messageId: 'late' };
      if (next === 'throw') throw new Error('socket hang up');
      return next;
    },
    async isOptedOut(): Promise<boolean> {
      return false;
    },
  };
  return gateway;
}

const noSleep = { policy: DEFAULT_RETRY_POLICY, random: () => 0.5, sleep: async () => {} };

describe('retryDelayMs', () => {
  it('property: grows exponentially with equal jitter and never exceeds the maximum', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        (attempt, r) => {
          // Act
          const delay = retryDelayMs(attempt, DEFAULT_RETRY_POLICY, () => r);
          // Assess
          const ceiling = Math.min(
            DEFAULT_RETRY_POLICY.maxDelayMs,
            DEFAULT_RETRY_POLICY.baseDelayMs * 2 ** (attempt - 1),
          );
          expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
          expect(delay).toBeLessThanOrEqual(ceiling);
        },
      ),
    );
  });

  it('uses the injected random source', () => {
    // Act / Assess
    expect(retryDelayMs(3, DEFAULT_RETRY_POLICY, () => 0)).toBe(500);
    expect(retryDelayMs(3, DEFAULT_RETRY_POLICY, () => 0.999999)).toBe(999);
  });
});

describe('decideAfterOutcome', () => {
  it('retries only transient refusals, and only up to the bound', () => {
    // Prepare
    const throttled = refused('throttled', 'rate exceeded');
    // Act / Assess
    expect(decideAfterOutcome(throttled, 1, DEFAULT_RETRY_POLICY, () => 0).next).toBe('retry');
    expect(decideAfterOutcome(throttled, 4, DEFAULT_RETRY_POLICY, () => 0)).toEqual({
      next: 'done',
      disposition: { kind: 'released', reason: 'retries exhausted (throttled)', attempts: 4 },
    });
  });

  it('never retries unknown, and a refusal flagged permanent is not retried whatever its code', () => {
    // Act / Assess
    expect(
      decideAfterOutcome({ kind: 'unknown', reason: 'timeout' }, 1, DEFAULT_RETRY_POLICY, () => 0),
    ).toEqual({
      next: 'done',
      disposition: { kind: 'unknown', reason: 'timeout', attempts: 1 },
    });
    const inconsistent: GatewayOutcome = {
      kind: 'refused',
      transient: false,
      code: 'throttled',
      reason: 'x',
    };
    expect(decideAfterOutcome(inconsistent, 1, DEFAULT_RETRY_POLICY, () => 0).next).toBe('done');
  });

  it('maps every refusal code to one disposition', () => {
    const expected: Record<RefusalCode, string> = {
      throttled: 'retry',
      kms_throttled: 'retry',
      network_before_send: 'retry',
      opted_out: 'failed:opted_out',
      invalid_number: 'failed:invalid_number',
      invalid_request: 'released:invalid_request',
      spend_limit: 'released:spend_limit',
      not_authorised: 'released:not_authorised',
      kms_unavailable: 'released:kms_unavailable',
    };
    for (const code of RefusalCodeSchema.options) {
      // Act
      const d = decideAfterOutcome(refused(code, 'r'), 1, DEFAULT_RETRY_POLICY, () => 0);
      // Assess
      const label =
        d.next === 'retry'
          ? 'retry'
          : d.disposition.kind === 'failed'
            ? `failed:${d.disposition.code}`
            : d.disposition.kind === 'released'
              ? `released:${d.disposition.pause}`
              : d.disposition.kind;
      expect(label, code).toBe(expected[code]);
    }
  });
});

describe('sendWithRetry', () => {
  it('sends after two throttles and sleeps with growing delays', async () => {
    // Prepare
    const gateway = scripted([
      refused('throttled', 'r'),
      refused('throttled', 'r'),
      { kind: 'accepted', messageId: 'm' },
    ]);
    const sleeps: number[] = [];
    // Act
    const result = await sendWithRetry(gateway, message, {
      ...noSleep,
      random: () => 0,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
    // Assess
    expect(result).toEqual({ kind: 'sent', messageId: 'm', attempts: 3 });
    expect(sleeps).toEqual([125, 250]);
  });

  it('treats a throwing gateway as unknown and never calls it again', async () => {
    // Prepare
    const gateway = scripted(['throw']);
    // Act
    const result = await sendWithRetry(gateway, message, noSleep);
    // Assess
    expect(result.kind).toBe('unknown');
    expect(gateway.calls).toBe(1);
  });

  it('treats an unreadable outcome as unknown', async () => {
    // Prepare
    const gateway = scripted([{ kind: 'accepted', messageId: '' }]);
    // Act
    const result = await sendWithRetry(gateway, message, noSleep);
    // Assess
    expect(result.kind).toBe('unknown');
  });

  it('stops before a retry when the campaign was paused meanwhile', async () => {
    // Prepare
    const gateway = scripted([refused('throttled', 'r')]);
    // Act
    const result = await sendWithRetry(gateway, message, { ...noSleep, shouldContinue: () => false });
    // Assess
    expect(result).toEqual({ kind: 'released', reason: 'stopped before retry', attempts: 1 });
    expect(gateway.calls).toBe(1);
  });

  it('property: after an accepted or unknown outcome the gateway is never called again', async () => {
    const outcomeArb: fc.Arbitrary<GatewayOutcome | 'throw'> = fc.oneof(
      fc.constant<'throw'>('throw'),
      fc.constant<GatewayOutcome>({ kind: 'accepted', messageId: 'm' }),
      fc.constant<GatewayOutcome>({ kind: 'unknown', reason: 'timeout' }),
      fc.constantFrom(...RefusalCodeSchema.options).map((c) => refused(c, 'r')),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(outcomeArb, { minLength: 1, maxLength: 12 }), async (outcomes) => {
        // Prepare
        const gateway = scripted(outcomes);
        // Act
        const result = await sendWithRetry(gateway, message, noSleep);
        // Assess
        const mayHaveLeft = outcomes
          .slice(0, gateway.calls)
          .filter((o) => o === 'throw' || o.kind !== 'refused').length;
        expect(mayHaveLeft).toBeLessThanOrEqual(1);
        expect(gateway.calls).toBeLessThanOrEqual(DEFAULT_RETRY_POLICY.maxAttempts);
        expect(eventForDisposition(result).type).toMatch(/^(mark_sent|mark_failed|mark_unknown|release)$/);
      }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedSourceStatuses,
  applyRecipientEvent,
  isClaimStale,
  RECIPIENT_TRANSITIONS,
  type RecipientDispatchState,
  RecipientDispatchStateSchema,
  type RecipientEvent,
  RecipientStatusSchema,
} from '../../../functions/core/sending/recipient-status.js';

const now = new Date('2025-01-14T10:00:00Z');

const eventArb: fc.Arbitrary<RecipientEvent> = fc.oneof(
  fc.constantFrom('d1', 'd2').map((by) => ({ type: 'claim' as const, by })),
  fc.constant({ type: 'release' as const }),
  fc.constantFrom('m1', 'm2').map((messageId) => ({ type: 'mark_sent' as const, messageId })),
  fc.constant({ type: 'mark_failed' as const, code: 'opted_out' as const, reason: 'opted out' }),
  fc.constant({ type: 'mark_unknown' as const, reason: 'timeout' }),
  fc.constantFrom('m1', 'm2').map((messageId) => ({ type: 'receipt_delivered' as const, messageId })),
  fc.constantFrom('m1', 'm2').map((messageId) => ({ type: 'receipt_failed' as const, messageId })),
  fc.constant({
    type: 'resend' as const,
    decidedBy: 'adviser-1',
    confirmations: [true, true] as const,
    auditEventId: 'audit-1',
  }),
);

function step(state: RecipientDispatchState, event: RecipientEvent): RecipientDispatchState {
  try {
    return applyRecipientEvent(state, event, now);
  } catch {
    return state;
  }
}

describe('recipient transitions', () => {
  it('property: every reachable state is valid and every change follows the table', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 40 }), (events) => {
        // Prepare
        let state: RecipientDispatchState = { status: 'pending' };
        for (const event of events) {
          // Act
          const next = step(state, event);
          // Assess
          expect(RecipientDispatchStateSchema.safeParse(next).success).toBe(true);
          if (next !== state) {
            const t = RECIPIENT_TRANSITIONS[event.type];
            expect(t.from).toContain(state.status);
            expect(next.status).toBe(t.to);
          }
          state = next;
        }
      }),
    );
  });

  it('property: without an adviser resend, a recipient is accepted by the gateway at most once', () => {
    fc.assert(
      fc.property(
        fc.array(
          eventArb.filter((e) => e.type !== 'resend'),
          { maxLength: 60 },
        ),
        (events) => {
          // Prepare
          let state: RecipientDispatchState = { status: 'pending' };
          let sends = 0;
          let unknowns = 0;
          for (const event of events) {
            // Act
            const next = step(state, event);
            if (next !== state && next.status === 'sent') sends++;
            if (next !== state && next.status === 'unknown') unknowns++;
            state = next;
          }
          // Assess
          expect(sends + unknowns).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('nothing leaves unknown except an adviser resend', () => {
    // Prepare
    const fromUnknown = Object.entries(RECIPIENT_TRANSITIONS).filter(([, t]) => t.from.includes('unknown'));
    // Assess
    expect(fromUnknown).toEqual([['resend', { from: ['unknown'], to: 'resent', actor: 'adviser' }]]);
  });

  it('a claim cannot be taken twice: the second dispatcher gets a ConflictError', () => {
    // Prepare
    const claimed = applyRecipientEvent({ status: 'pending' }, { type: 'claim', by: 'd1' }, now);
    // Act / Assess
    expect(() => applyRecipientEvent(claimed, { type: 'claim', by: 'd2' }, now)).toThrow(
      expect.objectContaining({ kind: 'conflict' }),
    );
    expect(allowedSourceStatuses('claim')).toEqual(['pending', 'resent']);
  });

  it('a resend needs both confirmations', () => {
    // Prepare
    const unknown: RecipientDispatchState = { status: 'unknown', reason: 'timeout', at: now.toISOString() };
    // Act / Assess
    expect(() =>
      applyRecipientEvent(
        unknown,
        { type: 'resend', decidedBy: 'a', confirmations: [true, false], auditEventId: 'e' },
        now,
      ),
    ).toThrow(expect.objectContaining({ userMessage: expect.stringContaining('twee keer') }));
  });

  it('a receipt for another message id is refused', () => {
    // Prepare
    const sent: RecipientDispatchState = { status: 'sent', messageId: 'm1', sentAt: now.toISOString() };
    // Act / Assess
    expect(() => applyRecipientEvent(sent, { type: 'receipt_delivered', messageId: 'm2' }, now)).toThrow(
      expect.objectContaining({ kind: 'conflict' }),
    );
    expect(applyRecipientEvent(sent, { type: 'receipt_delivered', messageId: 'm1' }, now).status).toBe(
      'delivered',
    );
  });

  it('redacts a number that a provider put into a failure reason', () => {
    // Prepare
    const claimed: RecipientDispatchState = {
      status: 'claimed',
      claimedBy: 'd1',
      claimedAt: now.toISOString(),
    };
    // Act
    const failed = applyRecipientEvent(
      claimed,
      { type: 'mark_failed', code: 'invalid_number', reason: 'bad destination +31 6 12345678' },
      now,
    );
    // Assess
    expect(JSON.stringify(failed)).not.toMatch(/12345678/);
  });

  it('a claim goes stale after the lease', () => {
    // Prepare
    const claimed: RecipientDispatchState = {
      status: 'claimed',
      claimedBy: 'd1',
      claimedAt: '2025-01-14T09:57:00Z',
    };
    // Act / Assess
    expect(isClaimStale(claimed, now, 120_000)).toBe(true);
    expect(isClaimStale(claimed, now, 240_000)).toBe(false);
    expect(RecipientStatusSchema.options).toContain('resent');
  });
});

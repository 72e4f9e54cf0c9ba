import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOLD_MESSAGES } from '../../../functions/core/sending/dispatch-messages.js';
import {
  campaignHold,
  type DispatchPlanInput,
  maySendNow,
  planBatch,
} from '../../../functions/core/sending/dispatch-plan.js';
import { DEFAULT_SEND_WINDOW, isSendingAllowed } from '../../../functions/core/sending/send-window.js';
import { createTokenBucket, tokenBucketConfig } from '../../../functions/core/sending/token-bucket.js';

const tuesdayNoon = new Date('2025-01-14T11:00:00Z');

function input(overrides: Partial<DispatchPlanInput> = {}): DispatchPlanInput {
  const now = overrides.now ?? tuesdayNoon;
  const config = tokenBucketConfig(10);
  return {
    now,
    campaign: { status: 'sending', withdrawn: false, approvalValid: true, scheduledStart: null },
    window: DEFAULT_SEND_WINDOW,
    claimable: 600,
    remainingCap: 600,
    bucket: { state: createTokenBucket(now.getTime(), config), config },
    maxBatch: 25,
    horizonMs: 1_000,
    ...overrides,
  };
}

describe('planBatch', () => {
  it('claims what the rate allows within the horizon', () => {
    // Act
    const plan = planBatch(input());
    // Assess: one token now plus ten in the coming second
    expect(plan).toMatchObject({ action: 'claim', count: 11, startsCampaign: false });
  });

  it('never claims more than the cap, the claimable recipients or the batch size', () => {
    // Act / Assess
    expect(planBatch(input({ remainingCap: 3 }))).toMatchObject({ count: 3 });
    expect(planBatch(input({ claimable: 2 }))).toMatchObject({ count: 2 });
    expect(planBatch(input({ maxBatch: 5 }))).toMatchObject({ count: 5 });
  });

  it('stops for each campaign state with its Dutch message, withdrawal first', () => {
    // Prepare
    const cases = [
      [{ status: 'sending', withdrawn: true, approvalValid: true }, 'withdrawn'],
      [{ status: 'paused', withdrawn: true, approvalValid: true }, 'withdrawn'],
      [{ status: 'paused', withdrawn: false, approvalValid: true }, 'paused'],
      [{ status: 'cancelled', withdrawn: false, approvalValid: true }, 'cancelled'],
      [{ status: 'draft', withdrawn: false, approvalValid: true }, 'not_dispatchable'],
      [{ status: 'sending', withdrawn: false, approvalValid: false }, 'approval_invalid'],
    ] as const;
    for (const [campaign, reason] of cases) {
      // Act
      const plan = planBatch(input({ campaign: { ...campaign, scheduledStart: null } }));
      // Assess
      expect(plan).toEqual({ action: 'stop', reason, message: HOLD_MESSAGES[reason] });
    }
  });

  it('stops at the cap and when nobody is left', () => {
    // Act / Assess
    expect(planBatch(input({ remainingCap: 0 }))).toMatchObject({ action: 'stop', reason: 'cap_reached' });
    expect(planBatch(input({ claimable: 0 }))).toMatchObject({ action: 'stop', reason: 'nothing_pending' });
  });

  it('limits by the campaign budget and stops when it is spent', () => {
    // Act / Assess
    expect(planBatch(input({ spend: { soFar: 9.7, limit: 10, perMessage: 0.1 } }))).toMatchObject({
      count: 3,
    });
    expect(planBatch(input({ spend: { soFar: 10, limit: 10, perMessage: 0.1 } }))).toMatchObject({
      action: 'stop',
      reason: 'spend_limit',
    });
  });

  it('waits for the scheduled start, then for the window', () => {
    // Prepare
    const scheduled = { status: 'scheduled', withdrawn: false, approvalValid: true };
    // Act
    const beforeStart = planBatch(
      input({ campaign: { ...scheduled, scheduledStart: new Date('2025-01-15T06:00:00Z') } }),
    );
    const night = planBatch(input({ now: new Date('2025-01-14T22:00:00Z') }));
    const started = planBatch(input({ campaign: { ...scheduled, scheduledStart: tuesdayNoon } }));
    // Assess
    expect(beforeStart).toMatchObject({ action: 'wait', reason: 'before_start' });
    expect(beforeStart.action === 'wait' && beforeStart.until.toISOString()).toBe('2025-01-15T08:00:00.000Z');
    expect(night).toMatchObject({ action: 'wait', reason: 'outside_window' });
    expect(night.action === 'wait' && night.until.toISOString()).toBe('2025-01-15T08:00:00.000Z');
    expect(started).toMatchObject({ action: 'claim', startsCampaign: true });
  });

  it('waits for the rate when the bucket is empty', () => {
    // Prepare
    const config = tokenBucketConfig(10);
    const empty = { tokens: 0, atMs: tuesdayNoon.getTime() };
    // Act
    const plan = planBatch(input({ bucket: { state: empty, config }, horizonMs: 50 }));
    // Assess
    expect(plan).toMatchObject({ action: 'wait', reason: 'rate_limited' });
    expect(plan.action === 'wait' && plan.until.getTime() - tuesdayNoon.getTime()).toBe(100);
  });

  it('does not claim more than can go out before 20:00 or the run deadline', () => {
    // Prepare: 19:59:59.5 local
    const late = new Date('2025-01-14T18:59:59.500Z');
    // Act
    const nearClose = planBatch(input({ now: late }));
    const nearDeadline = planBatch(input({ deadline: new Date(tuesdayNoon.getTime() + 200) }));
    const pastDeadline = planBatch(input({ deadline: tuesdayNoon }));
    // Assess
    expect(nearClose).toMatchObject({ action: 'claim', count: 6 });
    expect(nearDeadline).toMatchObject({ action: 'claim', count: 3 });
    expect(pastDeadline).toMatchObject({ action: 'stop', reason: 'no_time_left' });
  });

  it('property: a claim only happens inside the window, with an allowed campaign, within every limit', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2025-01-01T00:00:00Z'),
          max: new Date('2026-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom('scheduled', 'sending', 'paused', 'cancelled', 'draft', 'completed'),
        fc.boolean(),
        fc.boolean(),
        fc.nat(1_000),
        fc.nat(1_000),
        fc.integer({ min: 1, max: 100 }),
        (now, status, withdrawn, approvalValid, claimable, remainingCap, maxBatch) => {
          // Prepare
          const campaign = { status, withdrawn, approvalValid, scheduledStart: null };
          // Act
          const plan = planBatch(input({ now, campaign, claimable, remainingCap, maxBatch }));
          // Assess
          if (plan.action === 'claim') {
            expect(isSendingAllowed(now, DEFAULT_SEND_WINDOW)).toBe(true);
            expect(campaignHold(campaign)).toBeUndefined();
            expect(maySendNow(now, campaign, DEFAULT_SEND_WINDOW)).toBe(true);
            expect(plan.count).toBeLessThanOrEqual(Math.min(claimable, remainingCap, maxBatch));
          } else {
            expect(plan.message.length).toBeGreaterThan(0);
          }
        },
      ),
    );
  });
});

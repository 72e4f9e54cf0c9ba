import { describe, expect, it } from 'vitest';
import {
  costSummary,
  estimateCompletion,
  observedRate,
  progressShare,
} from '../../../functions/core/sending/progress.js';
import { DEFAULT_SEND_WINDOW } from '../../../functions/core/sending/send-window.js';

describe('costSummary', () => {
  it('counts sent and unknown messages against the estimate, in cents', () => {
    // Act
    const summary = costSummary({
      approved: 600,
      sent: 200,
      unknown: 10,
      segmentsPerMessage: 2,
      pricePerSegment: 0.0765,
    });
    // Assess
    expect(summary.estimateTotal).toBe(91.8);
    expect(summary.soFar).toBe(32.13);
    expect(summary.shareOfEstimate).toBeCloseTo(32.13 / 91.8, 6);
    expect(summary.overEstimate).toBe(false);
  });

  it('prefers the provider-reported spend', () => {
    // Act
    const summary = costSummary({
      approved: 10,
      sent: 10,
      unknown: 0,
      segmentsPerMessage: 1,
      pricePerSegment: 0.05,
      reportedSpend: 0.61,
    });
    // Assess
    expect(summary.soFar).toBe(0.61);
    expect(summary.overEstimate).toBe(true);
  });
});

describe('estimateCompletion', () => {
  it('finishes within the window when it can', () => {
    // Prepare: Tuesday 12:00 local, 600 left at 10/s
    const now = new Date('2025-01-14T11:00:00Z');
    // Act
    const eta = estimateCompletion(now, 600, 10, DEFAULT_SEND_WINDOW);
    // Assess
    expect(eta?.toISOString()).toBe('2025-01-14T11:01:00.000Z');
  });

  it('continues the next morning when 20:00 comes first', () => {
    // Prepare: 19:55 local, 600 left at 1/s → 300 tonight, 300 from 09:00
    const now = new Date('2025-01-14T18:55:00Z');
    // Act
    const eta = estimateCompletion(now, 600, 1, DEFAULT_SEND_WINDOW);
    // Assess
    expect(eta?.toISOString()).toBe('2025-01-15T08:05:00.000Z');
  });

  it('has no estimate without a rate and is done when nothing remains', () => {
    // Prepare
    const now = new Date('2025-01-14T11:00:00Z');
    // Act / Assess
    expect(estimateCompletion(now, 10, 0, DEFAULT_SEND_WINDOW)).toBeUndefined();
    expect(estimateCompletion(now, 0, 0, DEFAULT_SEND_WINDOW)).toBe(now);
  });
});

describe('observedRate and progressShare', () => {
  it('takes the slope between the first and last sample', () => {
    // Act
    const rate = observedRate([
      { at: new Date('2025-01-14T11:00:00Z'), total: 100 },
      { at: new Date('2025-01-14T11:00:30Z'), total: 250 },
      { at: new Date('2025-01-14T11:01:00Z'), total: 400 },
    ]);
    // Assess
    expect(rate).toBe(5);
    expect(observedRate([{ at: new Date(0), total: 1 }])).toBe(0);
  });

  it('clamps the progress share', () => {
    // Act / Assess
    expect(progressShare(600, 150)).toBe(0.25);
    expect(progressShare(600, 700)).toBe(1);
    expect(progressShare(0, 0)).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import {
  allowedBatchSize,
  approvalExpiresAt,
  approvalFingerprint,
  assertDispatchAllowed,
  type Campaign,
  campaignContentFingerprint,
  type DispatchRefusal,
  DispatchRefusedError,
  remainingCap,
} from '../../../functions/core/campaigns/index.js';
import { at, campaignIn, DAY, HOUR, NOW, START_AT } from './campaign-builders.js';

function refusal(fn: () => unknown): DispatchRefusal | null {
  try {
    fn();
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(DispatchRefusedError);
    return (error as DispatchRefusedError).refusal;
  }
}

describe('assertDispatchAllowed', () => {
  const sending = campaignIn('sending');
  const current = campaignContentFingerprint(sending)!;

  it('allows a sending campaign with an unexpired approval of exactly the current data', () => {
    // Act
    const approval = assertDispatchAllowed(sending, current, START_AT);

    // Assess
    expect(approval.requestFingerprint).toBe(current);
  });

  it.each<[string, () => [Campaign, string, Date], DispatchRefusal]>([
    ['a paused campaign', () => [campaignIn('paused'), current, START_AT], 'not_sending'],
    ['a scheduled campaign', () => [campaignIn('scheduled'), current, START_AT], 'not_sending'],
    [
      'another recipient set in the store',
      () => [sending, `sha256:${'a'.repeat(64)}`, START_AT],
      'fingerprint_mismatch',
    ],
    ['an expired approval', () => [sending, current, at(7 * DAY)], 'expired'],
    ['after the planned window', () => [sending, current, at(10 * DAY)], 'expired'],
    ['before the planned window', () => [sending, current, at(-HOUR)], 'before_window'],
    [
      'a variant changed behind the state machine',
      () => [{ ...sending, variants: sending.variants.slice(1) }, current, START_AT],
      'content_changed',
    ],
    [
      'a sender changed behind the state machine',
      () => [{ ...sending, senderName: 'Anders' }, current, START_AT],
      'content_changed',
    ],
    [
      'an approval given by a preparer',
      () => [
        { ...sending, preparers: [...sending.preparers, sending.approval!.approvedBy] },
        current,
        START_AT,
      ],
      'four_eyes',
    ],
    ['no approval at all', () => [{ ...sending, approval: null }, current, START_AT], 'no_approval'],
    [
      'an approval of an older request',
      () => [{ ...sending, approval: { ...sending.approval!, requestSeq: 99 } }, current, START_AT],
      'content_changed',
    ],
  ])('refuses %s', (_label, setup, expected) => {
    // Prepare
    const [campaign, fingerprint, now] = setup();

    // Act
    const actual = refusal(() => assertDispatchAllowed(campaign, fingerprint, now));

    // Assess
    expect(actual).toBe(expected);
  });

  it('refuses after the window even while the approval is still valid', () => {
    // Prepare
    const shortWindow: Campaign = {
      ...sending,
      approvalRequest: {
        ...sending.approvalRequest!,
        plannedWindow: { from: NOW.toISOString(), until: at(2 * HOUR).toISOString() },
      },
    };

    // Act
    const actual = refusal(() => assertDispatchAllowed(shortWindow, current, at(3 * HOUR)));

    // Assess
    expect(actual).toBe('after_window');
  });
});

describe('the hard cap', () => {
  it('never lets the sent count exceed the approved count', () => {
    // Prepare
    const sending = campaignIn('sending');
    const current = campaignContentFingerprint(sending)!;
    let sent = 0;
    const sizes: number[] = [];

    // Act
    while (remainingCap(sending, sent) > 0) {
      const size = allowedBatchSize(sending, {
        currentFingerprint: current,
        now: START_AT,
        sentSoFar: sent,
        requested: 250,
      });
      sizes.push(size);
      sent += size;
    }
    const after = refusal(() =>
      allowedBatchSize(sending, {
        currentFingerprint: current,
        now: START_AT,
        sentSoFar: sent,
        requested: 1,
      }),
    );

    // Assess
    expect(sizes).toEqual([250, 250, 100]);
    expect(sent).toBe(sending.approval!.approvedCount);
    expect(after).toBe('cap_reached');
  });

  it('is zero without an approval and when more than approved was claimed', () => {
    // Prepare
    const draft = campaignIn('draft');
    const sending = campaignIn('sending');

    // Act
    const caps = [remainingCap(draft, 0), remainingCap(sending, 10_000)];

    // Assess
    expect(caps).toEqual([0, 0]);
  });
});

describe('fingerprints and expiry', () => {
  it('changes when anything that is sent changes, and not for labels', () => {
    // Prepare
    const base = {
      kind: 'sms' as const,
      recipientsFingerprint: `sha256:${'b'.repeat(64)}`,
      variants: [
        { id: 'a', text: 'Tekst A {link}' },
        { id: 'b', text: 'Tekst B {link}' },
      ],
      senderName: 'Gemeente',
      helpLink: 'https://hulpnadrugs.example.nl/',
      letter: null,
    };

    // Act
    const variants = [
      base,
      { ...base, recipientsFingerprint: `sha256:${'c'.repeat(64)}` },
      { ...base, variants: [...base.variants].reverse() },
      { ...base, variants: [{ id: 'a', text: 'Tekst A {link} ' }, base.variants[1]!] },
      { ...base, senderName: 'Gemeent' },
      { ...base, helpLink: 'https://hulpnadrugs.example.nl/x' },
    ].map(approvalFingerprint);
    const withLabels = approvalFingerprint({
      ...base,
      variants: base.variants.map((v) => ({ ...v, label: 'x' })),
    });

    // Assess
    expect(new Set(variants).size).toBe(variants.length);
    expect(withLabels).toBe(variants[0]);
    expect(variants[0]).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('expires after the configured number of days', () => {
    // Act
    const expiries = [approvalExpiresAt(NOW), approvalExpiresAt(NOW, 1)];

    // Assess
    expect(expiries.map((d) => d.toISOString())).toEqual([at(7 * DAY).toISOString(), at(DAY).toISOString()]);
  });
});

import { describe, expect, it } from 'vitest';
import { parseInboundSmsEvent } from '../../../functions/adapters/sns/inbound-sms.js';
import { FIXTURE_NUMBER, inboundSnsEvent } from './fixtures.js';

describe('parseInboundSmsEvent', () => {
  it('recognises STOP, STOPPEN and AFMELDEN in any case and spacing, and keeps the number only for those', () => {
    // Prepare
    const event = inboundSnsEvent([
      { body: 'STOP', id: 'in-1' },
      { body: '  stoppen\n', id: 'in-2' },
      { body: 'Afmelden.', id: 'in-3' },
      { body: 'Wie is dit?', id: 'in-4' },
    ]);
    // Act
    const result = parseInboundSmsEvent(event);
    // Assess
    expect(result.intents).toEqual([
      { kind: 'opt_out', inboundMessageId: 'in-1', originationNumber: FIXTURE_NUMBER },
      { kind: 'opt_out', inboundMessageId: 'in-2', originationNumber: FIXTURE_NUMBER },
      { kind: 'opt_out', inboundMessageId: 'in-3', originationNumber: FIXTURE_NUMBER },
      { kind: 'ignored', inboundMessageId: 'in-4' },
    ]);
    expect(result.skipped).toBe(0);
  });

  it('skips records it cannot read and opt-outs from a number that is not E.164', () => {
    // Prepare
    const event = inboundSnsEvent([
      { body: '', raw: 'not json' },
      { body: '', raw: JSON.stringify({ hello: 'world' }) },
      { body: 'STOP', from: 'INFO' },
      { body: 'STOP', id: 'in-ok' },
    ]);
    // Act
    const result = parseInboundSmsEvent(event);
    // Assess
    expect(result.skipped).toBe(3);
    expect(result.intents).toEqual([
      { kind: 'opt_out', inboundMessageId: 'in-ok', originationNumber: FIXTURE_NUMBER },
    ]);
  });

  it('refuses an event that is not from SNS', () => {
    // Act / Assess
    expect(() => parseInboundSmsEvent({ Records: [{ EventSource: 'aws:sqs', body: 'STOP' }] })).toThrow(
      expect.objectContaining({ kind: 'validation', userMessage: expect.stringContaining('onleesbaar') }),
    );
  });
});

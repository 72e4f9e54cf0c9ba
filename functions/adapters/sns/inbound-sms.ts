import * as z from 'zod';
import { ValidationError } from '../../core/errors.js';
import { type InboundSmsIntent, isOptOutText } from '../../core/sending/opt-out.js';
import { E164Schema } from '../../core/sending/sms-gateway.js';

/** The Lambda event of an SNS topic subscription. */
export const SnsTopicEventSchema = z.object({
  Records: z.array(
    z.object({
      EventSource: z.literal('aws:sns'),
      Sns: z.object({ MessageId: z.string(), Message: z.string() }),
    }),
  ),
});

/** The JSON body SNS (End User Messaging) publishes for a text received on a two-way origination number. */
const InboundSmsSchema = z.object({
  originationNumber: z.string(),
  destinationNumber: z.string().optional(),
  messageKeyword: z.string().optional(),
  messageBody: z.string(),
  inboundMessageId: z.string().min(1).max(200),
  previousPublishedMessageId: z.string().optional(),
});

export interface InboundSmsParseResult {
  intents: InboundSmsIntent[];
  /** Records that were not a readable inbound text; counted only, never logged with content. */
  skipped: number;
}

/**
 * Reads inbound texts from an SNS topic event and recognises opt-out requests (STOP, STOPPEN, AFMELDEN).
 * Why the number is returned only for opt-outs: the caller needs it once, to store its keyed hash on the
 * opt-out list; any other reply is not our business and its sender is dropped here.
 */
export function parseInboundSmsEvent(event: unknown): InboundSmsParseResult {
  const envelope = SnsTopicEventSchema.safeParse(event);
  if (!envelope.success) {
    throw new ValidationError('Malformed SNS topic event', {
      userMessage: 'Het binnenkomende sms-bericht is onleesbaar.',
      context: { part: 'envelope' },
    });
  }
  const intents: InboundSmsIntent[] = [];
  let skipped = 0;
  for (const record of envelope.data.Records) {
    let body: unknown;
    try {
      body = JSON.parse(record.Sns.Message);
    } catch {
      skipped++;
      continue;
    }
    const parsed = InboundSmsSchema.safeParse(body);
    if (!parsed.success) {
      skipped++;
      continue;
    }
    const { originationNumber, messageBody, inboundMessageId } = parsed.data;
    if (!isOptOutText(messageBody)) {
      intents.push({ kind: 'ignored', inboundMessageId });
      continue;
    }
    if (!E164Schema.safeParse(originationNumber).success) {
      skipped++;
      continue;
    }
    intents.push({ kind: 'opt_out', inboundMessageId, originationNumber });
  }
  return { intents, skipped };
}

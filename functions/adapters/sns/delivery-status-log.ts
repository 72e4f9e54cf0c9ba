import { gunzipSync } from 'node:zlib';
import * as z from 'zod';
import { ValidationError } from '../../core/errors.js';
import { type DeliveryReceipt, DeliveryReceiptSchema } from '../../core/sending/delivery-receipt.js';
import { redactPhoneLike } from '../../core/sending/redact.js';

/** A CloudWatch Logs subscription payload stays far below this; the bound stops a gzip bomb. */
const MAX_UNZIPPED_BYTES = 16 * 1024 * 1024;

/** The Lambda event of a CloudWatch Logs subscription filter. */
export const CloudWatchLogsEventSchema = z.object({
  awslogs: z.object({ data: z.string().min(1) }),
});
export type CloudWatchLogsEvent = z.infer<typeof CloudWatchLogsEventSchema>;

const LogsDataSchema = z.object({
  messageType: z.enum(['DATA_MESSAGE', 'CONTROL_MESSAGE']),
  owner: z.string().optional(),
  logGroup: z.string(),
  logStream: z.string(),
  subscriptionFilters: z.array(z.string()),
  logEvents: z.array(z.object({ id: z.string(), timestamp: z.number(), message: z.string() })),
});

/**
 * One SNS SMS delivery-status log line, as written to `sns/<region>/<account>/DirectPublishToPhoneNumber` and
 * `…/Failure`. The schema deliberately leaves `delivery.destination` out: the number is never read.
 */
const SmsDeliveryLogSchema = z.object({
  notification: z.object({ messageId: z.string().min(1).max(200), timestamp: z.string().optional() }),
  delivery: z.object({
    providerResponse: z.string().optional(),
    priceInUSD: z.number().min(0).optional(),
    smsType: z.string().optional(),
  }),
  status: z.enum(['SUCCESS', 'FAILURE']),
});

export interface DeliveryStatusParseResult {
  receipts: DeliveryReceipt[];
  /** Log lines that were not SMS delivery records; the handler logs this count, never the lines. */
  skipped: number;
}

/** Without a cause on purpose: a JSON.parse error quotes the input, and the input holds phone numbers. */
function malformed(part: string): ValidationError {
  return new ValidationError('Malformed CloudWatch Logs subscription event', {
    userMessage: 'Het afleverbericht van de sms-provider is onleesbaar.',
    context: { part },
  });
}

/**
 * Reads SNS SMS delivery receipts from a CloudWatch Logs subscription event (base64 + gzip `awslogs.data`).
 * Why it returns only message id, status, a redacted provider reason and the price: the log line also holds the
 * destination number, which must not travel further than this function.
 * Throws a ValidationError when the envelope itself is unreadable; unreadable lines are counted, not thrown,
 * so one odd line does not make CloudWatch redeliver the whole batch.
 */
export function parseSmsDeliveryStatusEventDetailed(event: unknown): DeliveryStatusParseResult {
  const envelope = CloudWatchLogsEventSchema.safeParse(event);
  if (!envelope.success) throw malformed('envelope');
  let json: unknown;
  try {
    const unzipped = gunzipSync(Buffer.from(envelope.data.awslogs.data, 'base64'), {
      maxOutputLength: MAX_UNZIPPED_BYTES,
    });
    json = JSON.parse(unzipped.toString('utf8'));
  } catch {
    throw malformed('data');
  }
  const data = LogsDataSchema.safeParse(json);
  if (!data.success) throw malformed('data');
  if (data.data.messageType === 'CONTROL_MESSAGE') return { receipts: [], skipped: 0 };

  const receipts: DeliveryReceipt[] = [];
  let skipped = 0;
  for (const logEvent of data.data.logEvents) {
    let line: unknown;
    try {
      line = JSON.parse(logEvent.message);
    } catch {
      skipped++;
      continue;
    }
    const parsed = SmsDeliveryLogSchema.safeParse(line);
    if (!parsed.success) {
      skipped++;
      continue;
    }
    const { notification, delivery, status } = parsed.data;
    const reason = delivery.providerResponse?.trim();
    receipts.push(
      DeliveryReceiptSchema.parse({
        messageId: notification.messageId,
        status: status === 'SUCCESS' ? 'delivered' : 'failed',
        ...(status === 'FAILURE' && reason ? { providerReason: redactPhoneLike(reason).slice(0, 300) } : {}),
        ...(delivery.priceInUSD === undefined ? {} : { priceUsd: delivery.priceInUSD }),
      }),
    );
  }
  return { receipts, skipped };
}

/** The receipts of a CloudWatch Logs subscription event; see {@link parseSmsDeliveryStatusEventDetailed}. */
export function parseSmsDeliveryStatusEvent(event: unknown): DeliveryReceipt[] {
  return parseSmsDeliveryStatusEventDetailed(event).receipts;
}

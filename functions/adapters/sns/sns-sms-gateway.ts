import { CheckIfPhoneNumberIsOptedOutCommand, PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { UnavailableError, ValidationError } from '../../core/errors.js';
import { senderIdProblem } from '../../core/sending/sender-id.js';
import {
  E164Schema,
  type GatewayOutcome,
  refused,
  type SmsGateway,
  type SmsMessage,
  SmsMessageSchema,
} from '../../core/sending/sms-gateway.js';
import { outcomeForOptOutCheckError, outcomeForPublishError } from './sns-errors.js';

/** More cached opt-out answers than one run needs; the bound only protects memory. */
const OPT_OUT_CACHE_LIMIT = 200_000;

/** Formats a price for the `AWS.SNS.SMS.MaxPrice` attribute, without exponent notation. */
function formatPrice(price: number): string | undefined {
  const fixed = price.toFixed(5).replace(/0+$/, '').replace(/\.$/, '');
  return Number(fixed) > 0 ? fixed : undefined;
}

/**
 * The SmsGateway over Amazon SNS `Publish` to a phone number, as a Transactional SMS with an alphanumeric sender.
 * Build the client with `createSnsClient` (SDK retries off) and create one gateway per dispatcher run: the
 * opt-out answers are cached for that run only.
 */
export class SnsSmsGateway implements SmsGateway {
  readonly #client: SNSClient;
  readonly #optedOut = new Map<string, boolean>();

  constructor(client: SNSClient) {
    this.#client = client;
  }

  async send(message: SmsMessage): Promise<GatewayOutcome> {
    const parsed = SmsMessageSchema.safeParse(message);
    if (!parsed.success) {
      const aboutNumber = parsed.error.issues.some((issue) => issue.path[0] === 'to');
      return refused(aboutNumber ? 'invalid_number' : 'invalid_request', 'message rejected before sending');
    }
    const { to, body, senderId, maxPrice } = parsed.data;
    if (senderIdProblem(senderId) !== undefined) return refused('invalid_request', 'invalid sender id');
    const price = maxPrice === undefined ? undefined : formatPrice(maxPrice);
    if (maxPrice !== undefined && price === undefined) return refused('invalid_request', 'invalid max price');

    let optedOut: boolean;
    try {
      optedOut = await this.#checkOptOut(to);
    } catch (error) {
      return outcomeForOptOutCheckError(error);
    }
    if (optedOut) return refused('opted_out', 'number is on the SNS opt-out list');

    try {
      const answer = await this.#client.send(
        new PublishCommand({
          PhoneNumber: to,
          Message: body,
          MessageAttributes: {
            'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
            'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: senderId },
            ...(price === undefined
              ? {}
              : { 'AWS.SNS.SMS.MaxPrice': { DataType: 'Number', StringValue: price } }),
          },
        }),
      );
      if (answer.MessageId === undefined || answer.MessageId === '') {
        return { kind: 'unknown', reason: 'SNS answered without a message id' };
      }
      return { kind: 'accepted', messageId: answer.MessageId };
    } catch (error) {
      return outcomeForPublishError(error);
    }
  }

  /**
   * Whether SNS's opt-out list holds the number. Throws an UnavailableError on failure that carries only the
   * outcome code, not the SDK error: an SNS error message can quote the number.
   */
  async isOptedOut(e164: string): Promise<boolean> {
    if (!E164Schema.safeParse(e164).success) {
      throw new ValidationError('Opt-out check needs an E.164 number', {
        userMessage: 'Dit telefoonnummer is ongeldig.',
      });
    }
    try {
      return await this.#checkOptOut(e164);
    } catch (error) {
      const outcome = outcomeForOptOutCheckError(error);
      throw new UnavailableError('SNS opt-out check failed', {
        userMessage: 'De afmeldlijst van de sms-provider is nu niet bereikbaar. Probeer het later opnieuw.',
        context: { code: outcome.kind === 'refused' ? outcome.code : outcome.kind },
      });
    }
  }

  async #checkOptOut(e164: string): Promise<boolean> {
    const cached = this.#optedOut.get(e164);
    if (cached !== undefined) return cached;
    const answer = await this.#client.send(new CheckIfPhoneNumberIsOptedOutCommand({ phoneNumber: e164 }));
    const optedOut = answer.isOptedOut === true;
    if (this.#optedOut.size >= OPT_OUT_CACHE_LIMIT) this.#optedOut.clear();
    this.#optedOut.set(e164, optedOut);
    return optedOut;
  }
}

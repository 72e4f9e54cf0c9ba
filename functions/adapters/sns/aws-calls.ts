import type { AwsCallGroups } from '../aws-calls.js';

/**
 * `SnsSmsGateway`: the opt-out check before every message, then the message itself. Both act on a phone
 * number, which has no ARN, so AWS only accepts them on Resource "*".
 */
export const SNS_SMS_CALLS = {
  send: {
    CheckIfPhoneNumberIsOptedOutCommand: ['sns:CheckIfPhoneNumberIsOptedOut'],
    PublishCommand: ['sns:Publish'],
  },
} as const satisfies AwsCallGroups;

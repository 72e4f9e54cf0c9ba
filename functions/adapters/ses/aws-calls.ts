import type { AwsCallGroups } from '../aws-calls.js';

/**
 * `SesMailer`: one SESv2 `SendEmail` per notification, from the verified sender identity; the grant names
 * that identity's ARN and nothing else.
 */
export const SES_MAIL_CALLS = {
  send: { SendEmailCommand: ['ses:SendEmail'] },
} as const satisfies AwsCallGroups;

import type { AwsCallGroups } from '../aws-calls.js';

/** The session and HMAC secrets: functions read them; only an operator rotates the HMAC key (CLI). */
export const SECRETS_CALLS = {
  read: { GetSecretValueCommand: ['secretsmanager:GetSecretValue'] },
  /** `perspectief secrets rotate-hmac`, run with the operator's own credentials: no function gets it. */
  rotate: { PutSecretValueCommand: ['secretsmanager:PutSecretValue'] },
} as const satisfies AwsCallGroups;

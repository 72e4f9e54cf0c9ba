import type { AwsCallGroups } from '../aws-calls.js';

/** `LambdaJobRunner`: the web function starts a job asynchronously, in itself or in the contact reader. */
export const JOB_CALLS = {
  start: { InvokeCommand: ['lambda:InvokeFunction'] },
} as const satisfies AwsCallGroups;

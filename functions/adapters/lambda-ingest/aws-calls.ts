import type { AwsCallGroups } from '../aws-calls.js';

/** `LambdaContactReading`: the web function runs the contact reader and waits for its answer. */
export const CONTACT_READING_CALLS = {
  invoke: { InvokeCommand: ['lambda:InvokeFunction'] },
} as const satisfies AwsCallGroups;

import type { AwsCallGroups } from '../aws-calls.js';

/** The item calls of `DynamoTable` and the recipient store, by the access a function is granted. */
export const DYNAMODB_CALLS = {
  /** Reading items and querying the table and its indexes. */
  read: { GetCommand: ['dynamodb:GetItem'], QueryCommand: ['dynamodb:Query'] },
  /** Changing or deleting existing items (conditional updates, counters, the purge). */
  update: { UpdateCommand: ['dynamodb:UpdateItem'], DeleteCommand: ['dynamodb:DeleteItem'] },
  /** Creating items, one at a time or in batches. */
  write: { PutCommand: ['dynamodb:PutItem'], BatchWriteCommand: ['dynamodb:BatchWriteItem'] },
} as const satisfies AwsCallGroups;

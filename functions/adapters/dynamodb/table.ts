import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';
import { ConflictError, UnavailableError } from '../../core/errors.js';

export type Key = Record<string, string>;
type Item = Record<string, unknown>;

const BATCH_SIZE = 25;
const MAX_BATCH_ROUNDS = 8;

/**
 * One DynamoDB table as the stores use it: every read is parsed with a zod schema (never cast), conditional
 * failures become ConflictError, and batch writes retry UnprocessedItems. Only features both dynalite and
 * AWS DynamoDB support are used.
 */
export class DynamoTable {
  constructor(
    readonly doc: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  async get<S extends z.ZodType>(key: Key, schema: S, consistent = true): Promise<z.infer<S> | undefined> {
    const out = await this.send(() =>
      this.doc.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: consistent })),
    );
    return out.Item === undefined ? undefined : schema.parse(out.Item);
  }

  /** Put; with `ifNotExists` the write only succeeds for a new key (idempotent creation). */
  async put(item: Item, options: { ifNotExists?: boolean; condition?: Condition } = {}): Promise<void> {
    const condition = options.ifNotExists ? { expression: 'attribute_not_exists(pk)' } : options.condition;
    await this.send(() =>
      this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ...(condition ? conditionParams(condition) : {}),
        }),
      ),
    );
  }

  /** A conditional single-item update; returns the new item parsed with `schema`. */
  async update<S extends z.ZodType>(
    key: Key,
    update: Omit<UpdateCommandInput, 'TableName' | 'Key' | 'ReturnValues'>,
    schema: S,
  ): Promise<z.infer<S>> {
    const out = await this.send(() =>
      this.doc.send(
        new UpdateCommand({ TableName: this.tableName, Key: key, ReturnValues: 'ALL_NEW', ...update }),
      ),
    );
    return schema.parse(out.Attributes);
  }

  async delete(key: Key, condition?: Condition): Promise<void> {
    await this.send(() =>
      this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: key,
          ...(condition ? conditionParams(condition) : {}),
        }),
      ),
    );
  }

  /** Query every page (or up to `limit` items) and parse each item. */
  async query<S extends z.ZodType>(
    input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
    schema: S,
    limit = Number.POSITIVE_INFINITY,
  ): Promise<z.infer<S>[]> {
    const items: z.infer<S>[] = [];
    for await (const page of this.pages(input, limit)) items.push(...page.map((i) => schema.parse(i)));
    return items.slice(0, limit);
  }

  /** Raw pages, for callers that stream large partitions (purge, exports). */
  async *pages(
    input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
    limit = Number.POSITIVE_INFINITY,
  ): AsyncGenerator<Item[]> {
    let startKey: Item | undefined;
    let seen = 0;
    do {
      const out = await this.send(() =>
        this.doc.send(new QueryCommand({ TableName: this.tableName, ...input, ExclusiveStartKey: startKey })),
      );
      const page = (out.Items ?? []) as Item[];
      seen += page.length;
      yield page;
      startKey = out.LastEvaluatedKey as Item | undefined;
    } while (startKey && seen < limit);
  }

  /**
   * Writes and deletes in batches of 25, retrying UnprocessedItems with backoff. With `concurrency` above 1
   * that many batches are in flight at once (a large set written in one go); the first failure rejects.
   */
  async batchWrite(puts: Item[], deletes: Key[] = [], options: { concurrency?: number } = {}): Promise<void> {
    const requests = [
      ...puts.map((Item) => ({ PutRequest: { Item } })),
      ...deletes.map((Key) => ({ DeleteRequest: { Key } })),
    ];
    let next = 0;
    const lane = async () => {
      while (next < requests.length) {
        const start = next;
        next += BATCH_SIZE;
        await this.writeBatch(requests.slice(start, start + BATCH_SIZE));
      }
    };
    const lanes = Math.max(1, Math.min(options.concurrency ?? 1, Math.ceil(requests.length / BATCH_SIZE)));
    await Promise.all(Array.from({ length: lanes }, lane));
  }

  private async writeBatch(batch: Record<string, unknown>[]): Promise<void> {
    let pending = batch;
    for (let round = 0; pending.length > 0; round++) {
      if (round >= MAX_BATCH_ROUNDS) {
        throw new UnavailableError('BatchWrite left unprocessed items after retries', {
          userMessage: 'De database is tijdelijk overbelast. Probeer het zo opnieuw.',
          context: { table: this.tableName, unprocessed: pending.length },
        });
      }
      if (round > 0) await sleep(Math.min(1000, 25 * 2 ** round));
      const out = await this.send(() =>
        this.doc.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } })),
      );
      pending = (out.UnprocessedItems?.[this.tableName] ?? []) as typeof pending;
    }
  }

  private async send<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (
        error instanceof ConditionalCheckFailedException ||
        nameOf(error) === 'ConditionalCheckFailedException'
      ) {
        throw new ConflictError('Conditional write failed', {
          cause: error,
          userMessage:
            'Iemand anders heeft dit intussen gewijzigd. Laad de pagina opnieuw en probeer het nog eens.',
          context: { table: this.tableName },
        });
      }
      throw error;
    }
  }
}

export interface Condition {
  expression: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
}

function conditionParams(c: Condition) {
  return {
    ConditionExpression: c.expression,
    ...(c.names ? { ExpressionAttributeNames: c.names } : {}),
    ...(c.values ? { ExpressionAttributeValues: c.values } : {}),
  };
}

function nameOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

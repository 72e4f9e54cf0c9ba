import * as z from 'zod';
import { isDomainError } from '../../core/errors.js';
import type { RateLimitStore } from '../../core/ports.js';
import type { DynamoTable } from './table.js';

const CounterItem = z.object({ pk: z.string(), sk: z.string(), hits: z.number(), openedAt: z.number() });
const key = (k: string) => ({ pk: `RATE#${k}`, sk: 'RATE' });

/** A failed condition (ConflictError from the table) means "not this way"; anything else is a real error. */
function isConflict(error: unknown): boolean {
  return isDomainError(error) && error.kind === 'conflict';
}

/**
 * Rate-limit counters as one item per key in the main table, changed only by conditional single-item
 * updates, so every instance counts in the same window and no two can both take the last hit. A window is
 * opened by its first hit; `expiresAt` lets DynamoDB's TTL remove counters some time after their window.
 */
export class DynamoRateLimitStore implements RateLimitStore {
  constructor(private readonly table: DynamoTable) {}

  async take(k: string, limit: number, windowMs: number, now: Date): Promise<boolean> {
    if (limit < 1) return false;
    const at = now.getTime();
    // Usually the window is open and has room: one write.
    if (await this.#count(k, limit, at - windowMs)) return true;
    try {
      await this.table.update(
        key(k),
        {
          UpdateExpression: 'SET hits = :one, openedAt = :at, expiresAt = :expires',
          ConditionExpression: 'attribute_not_exists(pk) OR openedAt <= :cutoff',
          ExpressionAttributeValues: {
            ':one': 1,
            ':at': at,
            ':cutoff': at - windowMs,
            ':expires': Math.ceil((at + 2 * windowMs) / 1000),
          },
        },
        CounterItem,
      );
      return true;
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
    // Another instance opened the window a moment ago, or the window is full.
    return this.#count(k, limit, at - windowMs);
  }

  async #count(k: string, limit: number, cutoff: number): Promise<boolean> {
    try {
      await this.table.update(
        key(k),
        {
          UpdateExpression: 'ADD hits :one',
          ConditionExpression: 'openedAt > :cutoff AND hits < :limit',
          ExpressionAttributeValues: { ':one': 1, ':cutoff': cutoff, ':limit': limit },
        },
        CounterItem,
      );
      return true;
    } catch (error) {
      if (isConflict(error)) return false;
      throw error;
    }
  }
}

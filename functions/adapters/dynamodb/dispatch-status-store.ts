import * as z from 'zod';
import { ConflictError } from '../../core/errors.js';
import {
  type DispatchStatus,
  DispatchStatusSchema,
  type DispatchStatusStore,
} from '../../core/sending/ports.js';
import type { DynamoTable } from './table.js';

const key = (campaignId: string) => ({ pk: `DISPATCH#${campaignId}`, sk: 'STATUS' });
const Item = DispatchStatusSchema.extend({ pk: z.string(), sk: z.string() });
const LEASE = { pk: 'DISPATCHER#LEASE', sk: 'LEASE' };

/**
 * The dispatcher's last word per campaign (hold reason, message, recent progress readings) in the main
 * table. Last writer wins on purpose: it is a display of the latest decision, never a source of truth.
 */
export class DynamoDispatchStatusStore implements DispatchStatusStore {
  constructor(private readonly table: DynamoTable) {}

  async get(campaignId: string): Promise<DispatchStatus | undefined> {
    const item = await this.table.get(key(campaignId), Item, false);
    if (!item) return undefined;
    const { pk: _pk, sk: _sk, ...status } = item;
    return status;
  }

  async put(status: DispatchStatus): Promise<void> {
    await this.table.put({ ...key(status.campaignId), ...DispatchStatusSchema.parse(status) });
  }

  async acquireLease(holder: string, untilMs: number, nowMs: number): Promise<boolean> {
    try {
      await this.table.put(
        { ...LEASE, holder, untilMs },
        {
          condition: {
            expression: 'attribute_not_exists(pk) OR untilMs < :now OR holder = :holder',
            values: { ':now': nowMs, ':holder': holder },
          },
        },
      );
      return true;
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
  }

  async releaseLease(holder: string): Promise<void> {
    try {
      await this.table.delete(LEASE, { expression: 'holder = :holder', values: { ':holder': holder } });
    } catch (error) {
      // Taken over after it ran out: the lease is someone else's now, and stays theirs.
      if (!(error instanceof ConflictError)) throw error;
    }
  }
}

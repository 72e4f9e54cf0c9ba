import * as z from 'zod';
import { ConflictError } from '../../core/errors.js';
import {
  type TestNumber,
  TestNumberSchema,
  type TestSmsRequest,
  TestSmsRequestSchema,
  type TestSmsStore,
} from '../../core/sending/test-sms.js';
import type { DynamoTable } from './table.js';

const NUMBERS = 'TESTNUMBERS';
const REQUESTS = 'TESTSMS';
const numberKey = (id: string) => ({ pk: NUMBERS, sk: `TN#${id}` });
const requestKey = (id: string) => ({ pk: REQUESTS, sk: `REQ#${id}` });
const NumberItem = TestNumberSchema.extend({ pk: z.string(), sk: z.string() });
const RequestItem = TestSmsRequestSchema.extend({ pk: z.string(), sk: z.string() });

function strip<T extends { pk: string; sk: string }>(item: T): Omit<T, 'pk' | 'sk'> {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest;
}

/**
 * Test numbers and test-SMS requests in the main table: a handful of items each, so a listing is one query
 * of its partition. A request moves pending → claimed → sent/failed by conditional updates only.
 */
export class DynamoTestSmsStore implements TestSmsStore {
  constructor(private readonly table: DynamoTable) {}

  async listNumbers(): Promise<TestNumber[]> {
    const items = await this.table.query(
      { KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': NUMBERS } },
      NumberItem,
    );
    return items.map(strip).sort((a, b) => a.label.localeCompare(b.label, 'nl'));
  }

  async getNumber(id: string): Promise<TestNumber | undefined> {
    const item = await this.table.get(numberKey(id), NumberItem);
    return item ? strip(item) : undefined;
  }

  async addNumber(number: TestNumber): Promise<void> {
    await this.table.put(
      { ...numberKey(number.id), ...TestNumberSchema.parse(number) },
      { ifNotExists: true },
    );
  }

  async removeNumber(id: string): Promise<boolean> {
    try {
      await this.table.delete(numberKey(id), { expression: 'attribute_exists(pk)' });
      return true;
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
  }

  async request(request: TestSmsRequest): Promise<void> {
    await this.table.put(
      { ...requestKey(request.id), ...TestSmsRequestSchema.parse(request) },
      { ifNotExists: true },
    );
  }

  private async requests(): Promise<TestSmsRequest[]> {
    const items = await this.table.query(
      { KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': REQUESTS } },
      RequestItem,
    );
    return items.map(strip);
  }

  async listPending(limit: number): Promise<TestSmsRequest[]> {
    return (await this.requests())
      .filter((r) => r.status === 'pending')
      .sort((a, b) => a.requestedAt.localeCompare(b.requestedAt))
      .slice(0, limit);
  }

  async claim(id: string, dispatcherId: string, at: Date): Promise<boolean> {
    try {
      await this.table.update(
        requestKey(id),
        {
          UpdateExpression: 'SET #s = :claimed, claimedBy = :by, claimedAt = :at',
          ConditionExpression: '#s = :pending',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: {
            ':claimed': 'claimed',
            ':pending': 'pending',
            ':by': dispatcherId,
            ':at': at.toISOString(),
          },
        },
        RequestItem,
      );
      return true;
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
  }

  async finish(id: string, dispatcherId: string, status: 'sent' | 'failed', at: Date): Promise<void> {
    await this.table.update(
      requestKey(id),
      {
        UpdateExpression: 'SET #s = :status, finishedAt = :at',
        ConditionExpression: '#s = :claimed AND claimedBy = :by',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: {
          ':status': status,
          ':claimed': 'claimed',
          ':by': dispatcherId,
          ':at': at.toISOString(),
        },
      },
      RequestItem,
    );
  }

  async listForCampaign(campaignId: string, limit: number): Promise<TestSmsRequest[]> {
    return (await this.requests())
      .filter((r) => r.campaignId === campaignId)
      .sort((a, b) => b.requestedAt.localeCompare(a.requestedAt))
      .slice(0, limit);
  }
}

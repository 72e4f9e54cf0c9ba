import * as z from 'zod';
import { type Session, SessionSchema } from '../../core/auth/session.js';
import type { LoginThrottleStore, SessionStore } from '../../core/ports.js';
import type { DynamoTable } from './table.js';

const SessionItem = SessionSchema.extend({ pk: z.string(), sk: z.literal('SESSION'), ttl: z.number() });
const key = (id: string) => ({ pk: `SESSION#${id}`, sk: 'SESSION' });

/** Server-side sessions, so logout and disabling a user take effect at once. */
export class DynamoSessionStore implements SessionStore {
  constructor(private readonly table: DynamoTable) {}

  async create(session: Session): Promise<void> {
    await this.table.put(
      { ...key(session.id), ...session, ttl: Math.floor(Date.parse(session.expiresAt) / 1000) },
      { ifNotExists: true },
    );
  }

  async get(sessionId: string): Promise<Session | undefined> {
    const item = await this.table.get(key(sessionId), SessionItem);
    if (!item) return undefined;
    const { pk: _pk, sk: _sk, ttl: _ttl, ...session } = item;
    return session;
  }

  async delete(sessionId: string): Promise<void> {
    await this.table.delete(key(sessionId));
  }
}

const CounterItem = z.object({
  pk: z.string(),
  sk: z.string(),
  failures: z.number(),
  lastFailureAt: z.string().optional(),
});

export class DynamoLoginThrottleStore implements LoginThrottleStore {
  constructor(private readonly table: DynamoTable) {}

  async failures(key: string, windowKey: string): Promise<number> {
    return (await this.state(key, windowKey)).failures;
  }

  async state(key: string, windowKey: string): Promise<{ failures: number; lastFailureAt?: string }> {
    const item = await this.table.get({ pk: `LOGINFAIL#${key}`, sk: windowKey }, CounterItem);
    return item ? { failures: item.failures, lastFailureAt: item.lastFailureAt } : { failures: 0 };
  }

  async recordFailure(key: string, windowKey: string, expiresAt: Date, at?: Date): Promise<number> {
    const item = await this.table.update(
      { pk: `LOGINFAIL#${key}`, sk: windowKey },
      {
        UpdateExpression: `ADD failures :one SET expiresAt = :e${at ? ', lastFailureAt = :at' : ''}`,
        ExpressionAttributeValues: {
          ':one': 1,
          ':e': Math.floor(expiresAt.getTime() / 1000),
          ...(at ? { ':at': at.toISOString() } : {}),
        },
      },
      CounterItem,
    );
    return item.failures;
  }
}

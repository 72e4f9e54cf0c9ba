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

const CounterItem = z.object({ pk: z.string(), sk: z.string(), failures: z.number() });

export class DynamoLoginThrottleStore implements LoginThrottleStore {
  constructor(private readonly table: DynamoTable) {}

  async failures(username: string, windowKey: string): Promise<number> {
    return (await this.table.get({ pk: `LOGINFAIL#${username}`, sk: windowKey }, CounterItem))?.failures ?? 0;
  }

  async recordFailure(username: string, windowKey: string, expiresAt: Date): Promise<number> {
    const item = await this.table.update(
      { pk: `LOGINFAIL#${username}`, sk: windowKey },
      {
        UpdateExpression: 'ADD failures :one SET expiresAt = :e',
        ExpressionAttributeValues: { ':one': 1, ':e': Math.floor(expiresAt.getTime() / 1000) },
      },
      CounterItem,
    );
    return item.failures;
  }
}

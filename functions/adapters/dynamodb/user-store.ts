import * as z from 'zod';
import { ConflictError } from '../../core/errors.js';
import type { UserStore } from '../../core/ports.js';
import { userNotFound, usernameTaken } from '../../core/users/user.errors.js';
import { type User, UserSchema } from '../../core/users/user.schema.js';
import type { DynamoTable } from './table.js';

const UserItem = UserSchema.extend({
  pk: z.string(),
  sk: z.literal('USER'),
  credential: z.string().nullable(),
});
const UsernameItem = z.object({ pk: z.string(), sk: z.literal('USERNAME'), userId: z.string() });

const userKey = (id: string) => ({ pk: `USER#${id}`, sk: 'USER' });
const usernameKey = (username: string) => ({ pk: `USERNAME#${username}`, sk: 'USERNAME' });

/**
 * Users in the main table: one item per user plus a username claim item that makes usernames unique with a
 * single conditional put (no transactions needed). All users share gsi1pk=USERS for listing.
 */
export class DynamoUserStore implements UserStore {
  constructor(private readonly table: DynamoTable) {}

  async create(user: User, credential: string | null): Promise<void> {
    try {
      await this.table.put({ ...usernameKey(user.username), userId: user.id }, { ifNotExists: true });
    } catch (error) {
      if (error instanceof ConflictError) throw usernameTaken();
      throw error;
    }
    await this.table.put(
      { ...userKey(user.id), ...user, credential, gsi1pk: 'USERS', gsi1sk: user.username },
      { ifNotExists: true },
    );
  }

  async get(userId: string): Promise<User | undefined> {
    const item = await this.table.get(userKey(userId), UserItem);
    return item ? toUser(item) : undefined;
  }

  async findByUsername(username: string): Promise<User | undefined> {
    const claim = await this.table.get(usernameKey(username), UsernameItem);
    return claim ? this.get(claim.userId) : undefined;
  }

  async list(): Promise<User[]> {
    const items = await this.table.query(
      {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': 'USERS' },
      },
      UserItem,
    );
    return items.map(toUser);
  }

  async update(user: User): Promise<void> {
    try {
      await this.table.update(
        userKey(user.id),
        {
          UpdateExpression: `SET displayName = :d, #roles = :r, disabled = :x, updatedAt = :u${user.sessionsNotBefore === undefined ? '' : ', sessionsNotBefore = :s'}`,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#roles': 'roles' },
          ExpressionAttributeValues: {
            ':d': user.displayName,
            ':r': user.roles,
            ':x': user.disabled,
            ':u': user.updatedAt,
            ...(user.sessionsNotBefore === undefined ? {} : { ':s': user.sessionsNotBefore }),
          },
        },
        UserItem,
      );
    } catch (error) {
      if (error instanceof ConflictError) throw userNotFound(user.id);
      throw error;
    }
  }

  async setCredential(userId: string, credential: string): Promise<void> {
    try {
      await this.table.update(
        userKey(userId),
        {
          UpdateExpression: 'SET credential = :c',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':c': credential },
        },
        UserItem,
      );
    } catch (error) {
      if (error instanceof ConflictError) throw userNotFound(userId);
      throw error;
    }
  }

  async getCredential(userId: string): Promise<string | undefined> {
    return (await this.table.get(userKey(userId), UserItem))?.credential ?? undefined;
  }
}

function toUser(item: z.infer<typeof UserItem>): User {
  const { pk: _pk, sk: _sk, credential: _c, ...rest } = item;
  return UserSchema.parse(rest);
}

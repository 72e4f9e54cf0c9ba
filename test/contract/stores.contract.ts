import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { DynamoAuditStore } from '../../functions/adapters/dynamodb/audit-store.js';
import {
  DynamoLoginThrottleStore,
  DynamoSessionStore,
} from '../../functions/adapters/dynamodb/session-store.js';
import { DynamoSettingsStore } from '../../functions/adapters/dynamodb/settings-store.js';
import { DynamoTable } from '../../functions/adapters/dynamodb/table.js';
import type { TableNames } from '../../functions/adapters/dynamodb/tables.js';
import { DynamoUserStore } from '../../functions/adapters/dynamodb/user-store.js';
import { newSession } from '../../functions/core/auth/session.js';
import { ConflictError, NotFoundError } from '../../functions/core/errors.js';
import { defaultSettings } from '../../functions/core/settings/settings.schema.js';
import { anAuditDraft, aUser, sequentialIds } from '../fixtures/builders.js';

export interface StoreTarget {
  doc: DynamoDBDocumentClient;
  tables: TableNames;
  close(): Promise<void>;
}

/**
 * The store contract: the same tests against every DynamoDB-API server that runs here (dynalite, DynamoDB
 * Local). Each run gets fresh tables, so the tests may assume an empty store.
 */
export function storeContract(serverName: string, connect: () => Promise<StoreTarget>): void {
  describe(`stores on ${serverName}`, () => {
    let target: StoreTarget;
    let main: DynamoTable;
    beforeAll(async () => {
      target = await connect();
      main = new DynamoTable(target.doc, target.tables.main);
    });
    afterAll(async () => {
      await target.close();
    });

    describe('UserStore', () => {
      it('creates, finds by id and username, lists and updates users', async () => {
        const users = new DynamoUserStore(main);
        const user = aUser({ roles: ['om_liaison'] });
        await users.create(user, 'hash-1');
        expect(await users.get(user.id)).toEqual(user);
        expect(await users.findByUsername(user.username)).toEqual(user);
        expect((await users.list()).map((u) => u.id)).toContain(user.id);
        await users.update({
          ...user,
          disabled: true,
          roles: ['admin'],
          updatedAt: '2026-02-01T00:00:00.000Z',
        });
        expect(await users.get(user.id)).toMatchObject({ disabled: true, roles: ['admin'] });
        expect(await users.getCredential(user.id)).toBe('hash-1');
        await users.setCredential(user.id, 'hash-2');
        expect(await users.getCredential(user.id)).toBe('hash-2');
      });

      it('refuses a second user with the same username', async () => {
        const users = new DynamoUserStore(main);
        const first = aUser();
        await users.create(first, null);
        await expect(users.create({ ...aUser(), username: first.username }, null)).rejects.toBeInstanceOf(
          ConflictError,
        );
      });

      it('reports unknown users as not found instead of creating them on update', async () => {
        const users = new DynamoUserStore(main);
        const ghost = aUser();
        await expect(users.update(ghost)).rejects.toBeInstanceOf(NotFoundError);
        await expect(users.setCredential(ghost.id, 'x')).rejects.toBeInstanceOf(NotFoundError);
        expect(await users.get(ghost.id)).toBeUndefined();
      });
    });

    describe('SessionStore and LoginThrottleStore', () => {
      it('stores, reads and deletes sessions', async () => {
        const sessions = new DynamoSessionStore(main);
        const session = newSession('s'.repeat(32), 'user1', new Date('2026-03-02T09:00:00Z'));
        await sessions.create(session);
        expect(await sessions.get(session.id)).toEqual(session);
        await sessions.delete(session.id);
        expect(await sessions.get(session.id)).toBeUndefined();
      });

      it('counts failures per username and window', async () => {
        const throttle = new DynamoLoginThrottleStore(main);
        const expires = new Date('2026-03-02T10:00:00Z');
        expect(await throttle.recordFailure('piet', 'w1', expires)).toBe(1);
        expect(await throttle.recordFailure('piet', 'w1', expires)).toBe(2);
        expect(await throttle.recordFailure('piet', 'w2', expires)).toBe(1);
        expect(await throttle.failures('piet', 'w1')).toBe(2);
        expect(await throttle.failures('klaas', 'w1')).toBe(0);
      });
    });

    describe('SettingsStore', () => {
      it('round-trips the municipality settings', async () => {
        const settings = new DynamoSettingsStore(main);
        expect(await settings.get()).toBeUndefined();
        const value = { ...defaultSettings('Bilthoven'), logoUrl: 'data:image/png;base64,AAAA' };
        await settings.put(value);
        expect(await settings.get()).toEqual(value);
      });
    });

    describe('AuditStore', () => {
      it('lists a case trail newest first and filters by campaign', async () => {
        const audit = new DynamoAuditStore(
          new DynamoTable(target.doc, target.tables.audit),
          sequentialIds('ev'),
        );
        await audit.append(anAuditDraft({ caseId: 'caseA', at: '2026-03-01T10:00:00.000Z' }));
        await audit.append(
          anAuditDraft({
            caseId: 'caseA',
            campaignId: 'camp1',
            action: 'campaign.created',
            at: '2026-03-01T11:00:00.000Z',
          }),
        );
        await audit.append(anAuditDraft({ caseId: 'caseB', at: '2026-03-01T12:00:00.000Z' }));
        const trail = await audit.list({ caseId: 'caseA' });
        expect(trail.map((e) => e.at)).toEqual(['2026-03-01T11:00:00.000Z', '2026-03-01T10:00:00.000Z']);
        expect((await audit.list({ caseId: 'caseA', campaignId: 'camp1' })).map((e) => e.action)).toEqual([
          'campaign.created',
        ]);
      });

      it('lists across cases by month with filters and a limit', async () => {
        const audit = new DynamoAuditStore(
          new DynamoTable(target.doc, target.tables.audit),
          sequentialIds('mo'),
        );
        for (let i = 0; i < 5; i++) {
          await audit.append(
            anAuditDraft({
              caseId: null,
              action: 'settings.changed',
              subjectType: 'settings',
              at: `2026-04-0${i + 1}T08:00:00.000Z`,
            }),
          );
        }
        await audit.append(
          anAuditDraft({
            caseId: null,
            action: 'user.changed',
            subjectType: 'user',
            at: '2026-05-01T08:00:00.000Z',
          }),
        );
        const april = await audit.list({
          months: ['2026-05', '2026-04'],
          action: 'settings.changed',
          limit: 3,
        });
        expect(april.map((e) => e.at)).toEqual([
          '2026-04-05T08:00:00.000Z',
          '2026-04-04T08:00:00.000Z',
          '2026-04-03T08:00:00.000Z',
        ]);
      });

      it('lists only the events of a period, by month and within a case, the end exclusive', async () => {
        // Prepare
        const audit = new DynamoAuditStore(
          new DynamoTable(target.doc, target.tables.audit),
          sequentialIds('pd'),
        );
        const moments = ['2026-06-09T23:59:00.000Z', '2026-06-10T00:00:00.000Z', '2026-06-11T00:00:00.000Z'];
        for (const at of moments) {
          await audit.append(anAuditDraft({ caseId: null, subjectType: 'settings', at }));
          await audit.append(anAuditDraft({ caseId: 'casePeriod', at }));
        }
        const period = { from: '2026-06-10T00:00:00.000Z', until: '2026-06-11T00:00:00.000Z' };

        // Act
        const global = await audit.list({ months: ['2026-06'], ...period });
        const inCase = await audit.list({ caseId: 'casePeriod', ...period });
        const onlyFrom = await audit.list({ caseId: 'casePeriod', from: period.from });
        const onlyUntil = await audit.list({ caseId: 'casePeriod', until: period.from });

        // Assess
        // The month index holds every event, of a case or not.
        expect(global.map((e) => e.at)).toEqual(['2026-06-10T00:00:00.000Z', '2026-06-10T00:00:00.000Z']);
        expect(new Set(global.map((e) => e.caseId))).toEqual(new Set(['casePeriod', null]));
        expect(inCase.map((e) => e.at)).toEqual(['2026-06-10T00:00:00.000Z']);
        expect(onlyFrom.map((e) => e.at)).toEqual(['2026-06-11T00:00:00.000Z', '2026-06-10T00:00:00.000Z']);
        expect(onlyUntil.map((e) => e.at)).toEqual(['2026-06-09T23:59:00.000Z']);
      });

      it('refuses an event that could carry a phone number', async () => {
        const audit = new DynamoAuditStore(
          new DynamoTable(target.doc, target.tables.audit),
          sequentialIds('pn'),
        );
        await expect(
          audit.append(anAuditDraft({ details: { reason: 'bel 0612345678 terug' } })),
        ).rejects.toThrow();
      });
    });

    describe('DynamoTable', () => {
      const Item = z.object({ pk: z.string(), sk: z.string(), n: z.number() });

      it('batch-writes more than one batch and reads every page back', async () => {
        const items = Array.from({ length: 130 }, (_, n) => ({
          pk: 'BATCH',
          sk: String(n).padStart(4, '0'),
          n,
        }));
        await main.batchWrite(items);
        const read = await main.query(
          { KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': 'BATCH' }, Limit: 20 },
          Item,
        );
        expect(read.map((i) => i.n)).toEqual(items.map((i) => i.n));
        await main.batchWrite(
          [],
          items.slice(0, 100).map(({ pk, sk }) => ({ pk, sk })),
        );
        const left = await main.query(
          { KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': 'BATCH' } },
          Item,
        );
        expect(left).toHaveLength(30);
      });

      it('turns a failed condition into a ConflictError and leaves the item unchanged', async () => {
        await main.put({ pk: 'COND', sk: '1', n: 1 }, { ifNotExists: true });
        await expect(main.put({ pk: 'COND', sk: '1', n: 2 }, { ifNotExists: true })).rejects.toBeInstanceOf(
          ConflictError,
        );
        expect(await main.get({ pk: 'COND', sk: '1' }, Item)).toEqual({ pk: 'COND', sk: '1', n: 1 });
      });

      it('parses every item it reads and rejects a malformed one', async () => {
        await main.put({ pk: 'BAD', sk: '1', n: 'not a number' });
        await expect(main.get({ pk: 'BAD', sk: '1' }, Item)).rejects.toThrow();
      });
    });
  });
}

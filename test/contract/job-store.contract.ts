import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoJobStore } from '../../functions/adapters/dynamodb/job-store.js';
import { DynamoTable } from '../../functions/adapters/dynamodb/table.js';
import { ConflictError } from '../../functions/core/errors.js';
import { transition } from '../../functions/core/jobs/job.schema.js';
import { aJob } from '../fixtures/job-builders.js';
import type { StoreTarget } from './stores.contract.js';

/** The contract of the job records on every DynamoDB-API server. */
export function jobStoreContract(serverName: string, connect: () => Promise<StoreTarget>): void {
  describe(`JobStore on ${serverName}`, () => {
    let target: StoreTarget;
    let store: DynamoJobStore;
    beforeAll(async () => {
      target = await connect();
      store = new DynamoJobStore(new DynamoTable(target.doc, target.tables.main));
    });
    afterAll(async () => target.close());

    it('creates a job once and reads it back parsed', async () => {
      const job = aJob({ id: 'f'.repeat(32) });
      await store.create(job);
      expect(await store.get(job.id)).toEqual(job);
      await expect(store.create(job)).rejects.toBeInstanceOf(ConflictError);
      expect(await store.get('0'.repeat(32))).toBeUndefined();
    });

    it('saves only on top of the version that was read: of two writers of one version, one loses', async () => {
      const job = aJob({ id: 'e'.repeat(32) });
      await store.create(job);
      const at = new Date(Date.parse(job.createdAt) + 1000);
      const worker = transition(job, 'running', at);
      const other = transition(job, 'failed', at, { error: { name: 'X', userMessage: 'Mislukt.' } });
      await store.save(worker);
      await expect(store.save(other)).rejects.toBeInstanceOf(ConflictError);
      const done = transition(worker, 'done', at, {
        result: { key: 'letters/job-x-1.html', fileName: 'w.html', contentType: 'text/html', bytes: 3 },
      });
      await store.save(done);
      expect(await store.get(job.id)).toEqual(done);
    });
  });
}

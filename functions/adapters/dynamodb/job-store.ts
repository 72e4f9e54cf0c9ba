import * as z from 'zod';
import { type Job, JobSchema } from '../../core/jobs/job.schema.js';
import type { JobStore } from '../../core/jobs/ports.js';
import type { DynamoTable } from './table.js';

const key = (id: string) => ({ pk: `JOB#${id}`, sk: 'JOB' });
const Item = JobSchema.extend({ pk: z.string(), sk: z.string(), expiresAt: z.number().int().optional() });

/** Jobs outlive their result links by far; the item is a record of a finished task, kept a week at most. */
const TTL_BACKSTOP_SECONDS = 7 * 86_400;

/**
 * Job records in the main table (`JOB#<id>` / `JOB`). Every write after the first is a conditional put on
 * the version that was read, so a worker that was declared dead and replaced by a retry can no longer
 * change the job: its next heartbeat loses with ConflictError and it stops.
 */
export class DynamoJobStore implements JobStore {
  constructor(private readonly table: DynamoTable) {}

  async create(job: Job): Promise<void> {
    await this.table.put(this.item(job), { ifNotExists: true });
  }

  async get(id: string): Promise<Job | undefined> {
    const item = await this.table.get(key(id), Item);
    if (!item) return undefined;
    const { pk: _pk, sk: _sk, expiresAt: _expiresAt, ...job } = item;
    return job;
  }

  async save(job: Job): Promise<void> {
    await this.table.put(this.item(job), {
      condition: {
        expression: 'attribute_exists(pk) AND #version = :expected',
        names: { '#version': 'version' },
        values: { ':expected': job.version - 1 },
      },
    });
  }

  private item(job: Job) {
    return {
      ...key(job.id),
      ...JobSchema.parse(job),
      expiresAt: Math.floor(Date.parse(job.createdAt) / 1000) + TTL_BACKSTOP_SECONDS,
    };
  }
}

import * as z from 'zod';
import {
  type AuditEvent,
  type AuditEventDraft,
  AuditEventSchema,
} from '../../core/audit/audit-event.schema.js';
import type { Ids } from '../../core/clock.js';
import type { AuditQuery, AuditStore } from '../../core/ports.js';
import type { DynamoTable } from './table.js';

const AuditItem = AuditEventSchema.extend({ pk: z.string(), sk: z.string(), month: z.string() });

/**
 * Audit events in their own table. Partition per case (or GLOBAL for platform events) so a case's trail is
 * one Query; the byMonth index serves the admin's global listing newest-first. Writes are conditional puts
 * on a fresh id: an event can be added, never overwritten.
 */
export class DynamoAuditStore implements AuditStore {
  constructor(
    private readonly table: DynamoTable,
    private readonly ids: Ids,
  ) {}

  async append(draft: AuditEventDraft): Promise<AuditEvent> {
    const event = AuditEventSchema.parse({ ...draft, id: this.ids.next() });
    await this.table.put(
      {
        ...event,
        pk: event.caseId ? `CASE#${event.caseId}` : 'GLOBAL',
        sk: `${event.at}#${event.id}`,
        month: event.at.slice(0, 7),
      },
      { ifNotExists: true },
    );
    return event;
  }

  async list(query: AuditQuery): Promise<AuditEvent[]> {
    const limit = query.limit ?? 200;
    const filters: string[] = [];
    const values: Record<string, unknown> = {};
    const names: Record<string, string> = query.caseId ? {} : { '#month': 'month' };
    if (query.campaignId) {
      filters.push('campaignId = :campaign');
      values[':campaign'] = query.campaignId;
    }
    if (query.action) {
      filters.push('#action = :action');
      names['#action'] = 'action';
      values[':action'] = query.action;
    }
    if (query.actorUserId) {
      filters.push('actorUserId = :actor');
      values[':actor'] = query.actorUserId;
    }
    if (query.subjectType) {
      filters.push('subjectType = :subject');
      values[':subject'] = query.subjectType;
    }
    // Sort keys are `<at>#<id>`: "at or after from" is `sk >= from`, "before until" is `sk < until`.
    let period = '';
    if (query.from !== undefined && query.until !== undefined) {
      period = ' AND sk BETWEEN :from AND :until';
      values[':from'] = query.from;
      values[':until'] = query.until;
    } else if (query.from !== undefined) {
      period = ' AND sk >= :from';
      values[':from'] = query.from;
    } else if (query.until !== undefined) {
      period = ' AND sk < :until';
      values[':until'] = query.until;
    }
    const filter = filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {};
    const withNames = Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {};
    const partitions = query.caseId
      ? [
          {
            KeyConditionExpression: `pk = :pk${period}`,
            ExpressionAttributeValues: { ...values, ':pk': `CASE#${query.caseId}` },
          },
        ]
      : (query.months ?? []).map((month) => ({
          IndexName: 'byMonth',
          KeyConditionExpression: `#month = :m${period}`,
          ExpressionAttributeValues: { ...values, ':m': month },
        }));
    const events: AuditEvent[] = [];
    for (const partition of partitions) {
      if (events.length >= limit) break;
      const items = await this.table.query(
        { ...partition, ...filter, ...withNames, ScanIndexForward: false },
        AuditItem,
        limit - events.length,
      );
      events.push(...items.map(({ pk: _pk, sk: _sk, month: _m, ...event }) => event));
    }
    return events;
  }
}

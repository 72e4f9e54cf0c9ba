import * as z from 'zod';
import { ConflictError } from '../../core/errors.js';
import type { PurgeRecordStore } from '../../core/retention/ports.js';
import {
  type PurgeCertificate,
  PurgeCertificateSchema,
  type PurgeCounts,
  PurgeKindSchema,
  type PurgeSnapshot,
  PurgeSnapshotSchema,
} from '../../core/retention/purge.schema.js';
import type { DynamoTable } from './table.js';

const snapshotKey = (campaignId: string) => ({ pk: `CAMPAIGN#${campaignId}`, sk: 'PURGE#SNAPSHOT' });
const certificateKey = (campaignId: string) => ({ pk: `CAMPAIGN#${campaignId}`, sk: 'PURGE#CERTIFICATE' });
/** Counters live in top-level attributes, so an atomic ADD needs no nested map to exist first. */
const counterAttribute = (kind: string) => `deleted_${kind}`;

const SnapshotItem = PurgeSnapshotSchema.omit({ deleted: true }).extend({
  pk: z.string(),
  sk: z.string(),
  ...Object.fromEntries(
    PurgeKindSchema.options.map((k) => [counterAttribute(k), z.number().int().nonnegative().default(0)]),
  ),
});
const CertificateItem = PurgeCertificateSchema.extend({ pk: z.string(), sk: z.string() });

function toSnapshot(item: Record<string, unknown>): PurgeSnapshot {
  const parsed = SnapshotItem.parse(item) as Record<string, unknown>;
  const deleted = Object.fromEntries(
    PurgeKindSchema.options.map((k) => [k, Number(parsed[counterAttribute(k)] ?? 0)]),
  );
  return PurgeSnapshotSchema.parse({ ...parsed, deleted });
}

/**
 * The purge's snapshot and certificate beside the campaign in the main table (`CAMPAIGN#<id>`,
 * `PURGE#SNAPSHOT` / `PURGE#CERTIFICATE`). Both hold counts, ids and fingerprints only: they outlive the
 * numbers on purpose, as the proof that they are gone and the figures the dashboard keeps showing.
 */
export class DynamoPurgeRecordStore implements PurgeRecordStore {
  constructor(private readonly table: DynamoTable) {}

  async snapshot(campaignId: string): Promise<PurgeSnapshot | undefined> {
    const item = await this.table.get(snapshotKey(campaignId), z.record(z.string(), z.unknown()));
    return item === undefined ? undefined : toSnapshot(item);
  }

  async saveSnapshot(snapshot: PurgeSnapshot): Promise<PurgeSnapshot> {
    const { deleted, ...rest } = PurgeSnapshotSchema.parse(snapshot);
    const counters = Object.fromEntries(
      PurgeKindSchema.options.map((k) => [counterAttribute(k), deleted[k] ?? 0]),
    );
    try {
      await this.table.put({ ...snapshotKey(rest.campaignId), ...rest, ...counters }, { ifNotExists: true });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
    const stored = await this.snapshot(rest.campaignId);
    if (!stored) throw new Error('Purge snapshot vanished after its write');
    return stored;
  }

  async addDeleted(campaignId: string, counts: Partial<PurgeCounts>): Promise<void> {
    const entries = Object.entries(counts).filter(([, n]) => n !== undefined && n > 0);
    if (entries.length === 0) return;
    const names: Record<string, string> = {};
    const values: Record<string, number> = {};
    const adds = entries.map(([kind, n], i) => {
      names[`#k${i}`] = counterAttribute(PurgeKindSchema.parse(kind));
      values[`:n${i}`] = n!;
      return `#k${i} :n${i}`;
    });
    await this.table.update(
      snapshotKey(campaignId),
      {
        UpdateExpression: `ADD ${adds.join(', ')}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
      z.unknown(),
    );
  }

  async certificate(campaignId: string): Promise<PurgeCertificate | undefined> {
    const item = await this.table.get(certificateKey(campaignId), CertificateItem);
    if (!item) return undefined;
    const { pk: _pk, sk: _sk, ...certificate } = item;
    return certificate;
  }

  async saveCertificate(certificate: PurgeCertificate): Promise<PurgeCertificate> {
    const parsed = PurgeCertificateSchema.parse(certificate);
    try {
      await this.table.put({ ...certificateKey(parsed.campaignId), ...parsed }, { ifNotExists: true });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
    const stored = await this.certificate(parsed.campaignId);
    if (!stored) throw new Error('Purge certificate vanished after its write');
    return stored;
  }

  async setAuditEventId(campaignId: string, auditEventId: string): Promise<void> {
    await this.table.update(
      certificateKey(campaignId),
      {
        UpdateExpression: 'SET auditEventId = :id',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':id': auditEventId },
      },
      z.unknown(),
    );
  }
}

import type { PurgeCertificate, PurgeCounts, PurgeSnapshot } from './purge.schema.js';

/**
 * The purge's own records: the aggregate snapshot with its deletion counters and the certificate, one of
 * each per campaign. Both are first written with a conditional put, so a rerun never makes a second one.
 */
export interface PurgeRecordStore {
  snapshot(campaignId: string): Promise<PurgeSnapshot | undefined>;
  /** Stores the snapshot unless one exists; returns the one stored (the first one wins). */
  saveSnapshot(snapshot: PurgeSnapshot): Promise<PurgeSnapshot>;
  /** Adds to the deletion counters (atomic ADD), so every batch of every run is counted once. */
  addDeleted(campaignId: string, counts: Partial<PurgeCounts>): Promise<void>;
  certificate(campaignId: string): Promise<PurgeCertificate | undefined>;
  /** Stores the certificate unless one exists; returns the one stored (the first one wins). */
  saveCertificate(certificate: PurgeCertificate): Promise<PurgeCertificate>;
  /** Records the id of the certificate's `campaign.purged` audit event. */
  setAuditEventId(campaignId: string, auditEventId: string): Promise<void>;
}

/** The local outbox's messages and pending receipts to the given numbers: deleted by the purge. */
export interface OutboxPurge {
  deleteMessagesTo(e164s: ReadonlySet<string>): Promise<{ messages: number; receipts: number }>;
}

/** What the purge needs besides the stores every use case has. */
export interface RetentionDeps {
  records: PurgeRecordStore;
  /** Only in the embedded runtime, where the outbox holds the messages a provider would have. */
  outbox?: OutboxPurge;
}

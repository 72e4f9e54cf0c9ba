import * as z from 'zod';
import { PhoneTypeSchema } from '../../core/contacts/contacts.schema.js';
import { fileLabel } from '../../core/contacts/file-label.js';
import {
  type ContactUpload,
  ContactUploadSchema,
  type ContactUploadStore,
  type UploadExtraction,
} from '../../core/ports.js';
import type { DynamoTable, Key } from './table.js';
import { ttlBackstop } from './tables.js';

/** Numbers per extraction item: about 20 bytes each keeps an item far below DynamoDB's 400 KB. */
export const EXTRACTION_CHUNK = 8_000;

const uploadKey = (campaignId: string, uploadId: string) => ({
  pk: `CAMPAIGN#${campaignId}`,
  sk: `UPLOAD#${uploadId}`,
});
const extractionPk = (campaignId: string, uploadId: string) => `EXTRACT#${campaignId}#${uploadId}`;

const UploadItem = ContactUploadSchema.extend({ pk: z.string(), sk: z.string() });
const ChunkItem = z.object({
  pk: z.string(),
  sk: z.string(),
  /** `e164,typeIndex,country` per number, `;`-separated: compact, and parsed back with a strict pattern. */
  numbers: z.string(),
});
/** What a purged report says instead of the file name, which may have been a person's name. */
export const REDACTED_FILE = 'verwijderd bestand';
const ENTRY = /^(\+[1-9]\d{1,14}),(\d{1,2}),([A-Z0-9]{2,3})$/;

/**
 * Uploads stored before file names were dropped have no `seq` and their name in `report.file`: they are
 * numbered by their place in the campaign and the name is replaced by the label on read (a purged one keeps
 * its neutral words).
 */
function withoutFileName(upload: ContactUpload, index: number): ContactUpload {
  if (upload.seq !== undefined) return upload;
  const seq = index + 1;
  const file = upload.report.file === REDACTED_FILE ? REDACTED_FILE : fileLabel(seq, upload.report.format);
  return { ...upload, seq, report: { ...upload.report, file } };
}

/**
 * The uploads of a campaign. The report per file goes to the main table beside the campaign; the file's
 * distinct valid numbers (with type and country) go to the recipients table under their own partition
 * `EXTRACT#<campaign>#<upload>`, so the recipient set can be recomputed after another upload or a removal
 * without keeping the uploaded file. The file's bytes are never stored.
 */
export class DynamoContactUploadStore implements ContactUploadStore {
  constructor(
    private readonly main: DynamoTable,
    private readonly recipients: DynamoTable,
  ) {}

  async add(upload: ContactUpload, extraction: UploadExtraction): Promise<void> {
    const parsed = ContactUploadSchema.parse(upload);
    if (parsed.accepted) {
      const chunks: Record<string, unknown>[] = [];
      for (let start = 0; start < extraction.e164s.length; start += EXTRACTION_CHUNK) {
        const parts: string[] = [];
        for (let i = start; i < Math.min(start + EXTRACTION_CHUNK, extraction.e164s.length); i++) {
          parts.push(`${extraction.e164s[i]},${extraction.types[i]},${extraction.countries[i]}`);
        }
        chunks.push({
          pk: extractionPk(parsed.campaignId, parsed.id),
          sk: String(start / EXTRACTION_CHUNK).padStart(6, '0'),
          numbers: parts.join(';'),
          expiresAt: ttlBackstop(),
        });
      }
      await this.recipients.batchWrite(chunks);
    }
    await this.main.put({ ...uploadKey(parsed.campaignId, parsed.id), ...parsed }, { ifNotExists: true });
  }

  async list(campaignId: string): Promise<ContactUpload[]> {
    const items = await this.main.query(
      {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `CAMPAIGN#${campaignId}`, ':prefix': 'UPLOAD#' },
      },
      UploadItem,
    );
    return items
      .map(({ pk: _pk, sk: _sk, ...upload }) => upload)
      .sort((a, b) => a.uploadedAt.localeCompare(b.uploadedAt) || a.id.localeCompare(b.id))
      .map(withoutFileName);
  }

  async extraction(campaignId: string, uploadId: string): Promise<UploadExtraction> {
    const items = await this.recipients.query(
      {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': extractionPk(campaignId, uploadId) },
      },
      ChunkItem,
    );
    const e164s: string[] = [];
    const types: number[] = [];
    const countries: string[] = [];
    for (const item of items) {
      if (item.numbers === '') continue;
      for (const entry of item.numbers.split(';')) {
        const match = ENTRY.exec(entry);
        const type = Number(match?.[2]);
        if (!match || PhoneTypeSchema.options[type] === undefined) {
          throw new Error(`Corrupt extraction item in ${item.pk}`);
        }
        e164s.push(match[1]!);
        types.push(type);
        countries.push(match[3]!);
      }
    }
    return { e164s, types: Uint8Array.from(types), countries };
  }

  async deleteExtraction(campaignId: string, uploadId: string, limit: number): Promise<number> {
    const keys: Key[] = [];
    for await (const page of this.recipients.pages(
      {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': extractionPk(campaignId, uploadId) },
        ProjectionExpression: 'pk, sk',
        Limit: limit,
      },
      limit,
    )) {
      for (const item of page) keys.push({ pk: String(item.pk), sk: String(item.sk) });
    }
    const batch = keys.slice(0, limit);
    await this.recipients.batchWrite([], batch);
    return batch.length;
  }

  async redact(campaignId: string, uploadId: string, label: string): Promise<boolean> {
    const item = await this.main.get(uploadKey(campaignId, uploadId), UploadItem);
    if (!item) return false;
    const report = {
      ...item.report,
      file: REDACTED_FILE,
      source: label,
      problems: item.report.problems.map(({ line, reason }) => ({ line, reason })),
    };
    if (JSON.stringify(report) === JSON.stringify(item.report)) return false;
    await this.main.update(
      uploadKey(campaignId, uploadId),
      { UpdateExpression: 'SET report = :r', ExpressionAttributeValues: { ':r': report } },
      UploadItem,
    );
    return true;
  }

  async remove(campaignId: string, uploadId: string): Promise<void> {
    const keys: Key[] = [];
    for await (const page of this.recipients.pages({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': extractionPk(campaignId, uploadId) },
      ProjectionExpression: 'pk, sk',
    })) {
      for (const item of page) keys.push({ pk: String(item.pk), sk: String(item.sk) });
    }
    await this.recipients.batchWrite([], keys);
    await this.main.delete(uploadKey(campaignId, uploadId));
  }
}

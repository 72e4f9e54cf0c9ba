import * as z from 'zod';
import { AuditActorRoleSchema } from '../../core/audit/audit-event.schema.js';
import { ActorSchema } from '../../core/auth/roles.js';
import { MAX_FILES_PER_UPLOAD } from '../../core/contacts/contacts.schema.js';
import { fileExtension } from '../../core/contacts/file-label.js';
import {
  domainErrorFrom,
  isDomainError,
  SerialisedDomainErrorSchema,
  serialiseDomainError,
} from '../../core/errors.js';
import type { ContactFilesInput, ListChangeInput, UploadedFile } from '../../core/ports.js';

/*
 * What the web function sends the ingest function, and what comes back. Files the browser sent along travel
 * base64-encoded (pasted numbers, small files); staged files by their key only.
 */

const ActingSchema = z.object({
  actor: ActorSchema,
  role: AuditActorRoleSchema,
});
const FileSchema = z.object({ name: z.string(), base64: z.string() });
const StagedSchema = z.object({ stagedKey: z.string() });

export const IngestRequestSchema = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('contacts'),
    acting: ActingSchema,
    campaignId: z.string().min(1),
    input: z.union([
      z.object({ stagedKeys: z.array(z.string()).min(1).max(MAX_FILES_PER_UPLOAD) }),
      z.object({ source: z.string(), files: z.array(FileSchema) }),
    ]),
  }),
  z.object({
    op: z.literal('do-not-contact'),
    acting: ActingSchema,
    mode: z.enum(['add', 'remove']),
    input: z.union([StagedSchema, z.object({ text: z.string().optional(), file: FileSchema.optional() })]),
  }),
]);
export type IngestRequest = z.infer<typeof IngestRequestSchema>;

export const IngestResultSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: SerialisedDomainErrorSchema }),
]);
export type IngestResult = z.infer<typeof IngestResultSchema>;

/** A file for the invocation payload: its extension travels, never its name (which often names a person). */
export function encodeFile(file: UploadedFile): z.infer<typeof FileSchema> {
  return { name: `bestand${fileExtension(file.name)}`, base64: Buffer.from(file.bytes).toString('base64') };
}

export function decodeFile(file: z.infer<typeof FileSchema>): UploadedFile {
  return { name: file.name, bytes: new Uint8Array(Buffer.from(file.base64, 'base64')) };
}

export function encodeContactFiles(
  input: ContactFilesInput,
): Extract<IngestRequest, { op: 'contacts' }>['input'] {
  return 'stagedKeys' in input
    ? { stagedKeys: [...input.stagedKeys] }
    : { source: input.source, files: input.files.map(encodeFile) };
}

export function encodeListChange(
  input: ListChangeInput,
): Extract<IngestRequest, { op: 'do-not-contact' }>['input'] {
  if ('stagedKey' in input) return { stagedKey: input.stagedKey };
  return {
    ...(input.text === undefined ? {} : { text: input.text }),
    ...(input.file === undefined ? {} : { file: encodeFile(input.file) }),
  };
}

/**
 * Runs one request's work and answers in the protocol: a domain error (the person can act on it) comes back
 * as data so the web function shows the same Dutch message; anything else is thrown, a function error.
 */
export async function answer(work: () => Promise<unknown>): Promise<IngestResult> {
  try {
    return { ok: true, value: (await work()) ?? null };
  } catch (error) {
    if (isDomainError(error)) return { ok: false, error: serialiseDomainError(error) };
    throw error;
  }
}

/** The value of a result, or its domain error thrown again on this side. */
export function unwrap(result: IngestResult): unknown {
  if (result.ok) return result.value;
  throw domainErrorFrom(result.error);
}

import * as z from 'zod';

/**
 * The event that hands a job to a function: only its id; everything else is in the job record. It is the
 * only kind of event besides API Gateway's that the web function accepts.
 */
export const JobEventSchema = z.object({ perspectiefJob: z.object({ id: z.string().min(1).max(64) }) });
export type JobEvent = z.infer<typeof JobEventSchema>;

export function isJobEvent(event: unknown): event is JobEvent {
  return JobEventSchema.safeParse(event).success;
}

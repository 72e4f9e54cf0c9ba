import type { LambdaClient } from '@aws-sdk/client-lambda';
import { UnavailableError, ValidationError } from '../../core/errors.js';
import type { Job, JobKind } from '../../core/jobs/job.schema.js';
import type { JobAttachments, JobRunner } from '../../core/jobs/ports.js';
import type { JobEvent } from './job-event.js';

const UNAVAILABLE = 'De taak kon niet worden gestart. Probeer het over een paar minuten opnieuw.';

/**
 * `JobRunner` in AWS: an asynchronous invocation (`InvocationType: 'Event'`) of the function that runs the
 * job's kind. Lambda queues the event and answers 202 at once, so the web request never waits for the work
 * and no 29-second or 6 MB limit applies to it. Lambda may deliver an event twice; the worker claims the
 * job with a conditional write, so the second delivery does nothing.
 */
export class LambdaJobRunner implements JobRunner {
  constructor(
    private readonly options: {
      /** Asked for on first use: a request that starts no job never loads the Lambda SDK. */
      client: () => Promise<LambdaClient>;
      /** The function (name or ARN) per kind of job this deployment runs. */
      functions: Partial<Record<JobKind, string>>;
    },
  ) {}

  async start(job: Job, attachments?: JobAttachments): Promise<void> {
    if (attachments) {
      // In AWS files go to the bucket first (a signed form per file); only their keys travel.
      throw new ValidationError('Files sent along with a job in AWS', {
        userMessage: 'Upload de bestanden via het uploadformulier op de campagnepagina.',
        context: { jobId: job.id },
      });
    }
    const functionName = this.options.functions[job.kind];
    if (!functionName) {
      throw new UnavailableError(`No function runs ${job.kind} jobs in this deployment`, {
        userMessage: UNAVAILABLE,
        context: { kind: job.kind },
      });
    }
    const event: JobEvent = { perspectiefJob: { id: job.id } };
    try {
      const { InvokeCommand } = await import('@aws-sdk/client-lambda');
      const client = await this.options.client();
      const out = await client.send(
        new InvokeCommand({
          FunctionName: functionName,
          InvocationType: 'Event',
          Payload: new TextEncoder().encode(JSON.stringify(event)),
        }),
      );
      if (out.StatusCode !== 202)
        throw new Error(`Lambda answered ${out.StatusCode} to an asynchronous call`);
    } catch (error) {
      throw new UnavailableError('Job could not be handed to its function', {
        cause: error,
        userMessage: UNAVAILABLE,
        context: { kind: job.kind, awsError: error instanceof Error ? error.name : 'unknown' },
      });
    }
  }
}

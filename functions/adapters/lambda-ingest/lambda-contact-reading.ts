import type { LambdaClient } from '@aws-sdk/client-lambda';
import { UnavailableError } from '../../core/errors.js';
import type {
  ContactFilesInput,
  ContactReading,
  ListChange,
  ListChangeInput,
  ReadingActor,
} from '../../core/ports.js';
import {
  encodeContactFiles,
  encodeListChange,
  type IngestRequest,
  IngestResultSchema,
  unwrap,
} from './ingest-protocol.js';

const UNAVAILABLE =
  'Het inlezen van contactbestanden lukt nu niet. Probeer het over een paar minuten opnieuw.';

/**
 * `ContactReading` in AWS: the web function asks the ingest function (synchronously, so the person sees the
 * report at once) to read the files; the readers and the files themselves never enter the web function.
 */
export class LambdaContactReading implements ContactReading {
  /** `client` is asked for on first use: the web function pays for loading the Lambda SDK only when it reads. */
  constructor(private readonly options: { functionName: string; client: () => Promise<LambdaClient> }) {}

  async uploadContactFiles(
    acting: ReadingActor,
    campaignId: string,
    input: ContactFilesInput,
  ): Promise<void> {
    await this.call({ op: 'contacts', acting: plain(acting), campaignId, input: encodeContactFiles(input) });
  }

  async changeDoNotContact(
    acting: ReadingActor,
    mode: 'add' | 'remove',
    input: ListChangeInput,
  ): Promise<ListChange> {
    const value = await this.call({
      op: 'do-not-contact',
      acting: plain(acting),
      mode,
      input: encodeListChange(input),
    });
    return value as ListChange;
  }

  private async call(request: IngestRequest): Promise<unknown> {
    let payload: Uint8Array | undefined;
    try {
      const client = await this.options.client();
      const { InvokeCommand } = await import('@aws-sdk/client-lambda');
      const out = await client.send(
        new InvokeCommand({
          FunctionName: this.options.functionName,
          InvocationType: 'RequestResponse',
          Payload: new TextEncoder().encode(JSON.stringify(request)),
        }),
      );
      if (out.FunctionError) {
        throw new UnavailableError('Ingest function failed', {
          userMessage: UNAVAILABLE,
          context: { functionError: out.FunctionError },
        });
      }
      payload = out.Payload;
    } catch (error) {
      if (error instanceof UnavailableError) throw error;
      throw new UnavailableError('Ingest function could not be invoked', {
        cause: error,
        userMessage: UNAVAILABLE,
      });
    }
    const parsed = IngestResultSchema.safeParse(
      JSON.parse(new TextDecoder().decode(payload ?? new Uint8Array())),
    );
    if (!parsed.success) {
      throw new UnavailableError('Ingest function answered outside the protocol', {
        userMessage: UNAVAILABLE,
      });
    }
    return unwrap(parsed.data);
  }
}

/** Only the fields the protocol carries (an actor may hold more, e.g. a display name). */
function plain(acting: ReadingActor): IngestRequest['acting'] {
  return {
    actor: { userId: acting.actor.userId, username: acting.actor.username, roles: [...acting.actor.roles] },
    role: acting.role,
  };
}

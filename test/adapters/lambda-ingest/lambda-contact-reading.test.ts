import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { answer } from '../../../functions/adapters/lambda-ingest/ingest-protocol.js';
import { LambdaContactReading } from '../../../functions/adapters/lambda-ingest/lambda-contact-reading.js';
import { ConflictError, UnavailableError } from '../../../functions/core/errors.js';
import type { ReadingActor } from '../../../functions/core/ports.js';
import { handleIngestRequest } from '../../../functions/wiring/ingest-contacts.js';

const lambda = mockClient(LambdaClient);
const acting: ReadingActor = {
  actor: { userId: 'u-1', username: 'adviseur', roles: ['adviser'] },
  role: 'adviser',
};
const reading = new LambdaContactReading({
  functionName: 'ingest',
  client: async () => new LambdaClient({ region: 'eu-central-1' }),
});
/** A response payload as the SDK hands it over (its blob adapter is a Uint8Array with helpers). */
const payload = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)) as never;

describe('the ingest function protocol', () => {
  beforeEach(() => lambda.reset());
  afterAll(() => lambda.restore());

  it('sends files along base64-encoded, by their extension only, with only the actor fields the protocol carries', async () => {
    // Prepare
    lambda.on(InvokeCommand).resolves({ StatusCode: 200, Payload: payload({ ok: true, value: null }) });
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);

    // Act
    await reading.uploadContactFiles(
      { ...acting, actor: { ...acting.actor, displayName: 'Ada' } as ReadingActor['actor'] },
      'c-1',
      { source: 'telefoon 1', files: [{ name: 'contacten Jan Jansen.vcf', bytes }] },
    );

    // Assess
    const sent = JSON.parse(
      new TextDecoder().decode(lambda.commandCalls(InvokeCommand)[0]!.args[0].input.Payload as Uint8Array),
    );
    expect(sent).toEqual({
      op: 'contacts',
      acting,
      campaignId: 'c-1',
      input: {
        source: 'telefoon 1',
        files: [{ name: 'bestand.vcf', base64: Buffer.from(bytes).toString('base64') }],
      },
    });
  });

  it('throws the same kind of domain error with the same Dutch message as the ingest function raised', async () => {
    // Prepare
    const raised = await answer(async () => {
      throw new ConflictError('Campaign is approved', {
        userMessage: 'De campagne is goedgekeurd; de lijst kan niet meer veranderen.',
        context: { campaignId: 'c-1', undefinedField: undefined },
      });
    });
    lambda.on(InvokeCommand).resolves({ StatusCode: 200, Payload: payload(raised) });

    // Act
    const error = await reading.changeDoNotContact(acting, 'add', { text: 'x' }).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).userMessage).toBe(
      'De campagne is goedgekeurd; de lijst kan niet meer veranderen.',
    );
    expect((error as ConflictError).context).toEqual({ campaignId: 'c-1' });
  });

  it('reports a crashed or unreachable ingest function as unavailable, in Dutch, never as the raw error', async () => {
    // Prepare
    lambda
      .on(InvokeCommand)
      .resolvesOnce({
        StatusCode: 200,
        FunctionError: 'Unhandled',
        Payload: payload({ errorMessage: 'boom' }),
      })
      .rejectsOnce(new Error('socket hang up'))
      .resolvesOnce({ StatusCode: 200, Payload: payload({ unexpected: true }) });

    // Act
    const errors = [];
    for (let i = 0; i < 3; i++) {
      errors.push(
        await reading.uploadContactFiles(acting, 'c-1', { stagedKeys: ['k'] }).catch((e: unknown) => e),
      );
    }

    // Assess
    for (const error of errors) {
      expect(error).toBeInstanceOf(UnavailableError);
      expect((error as UnavailableError).userMessage).toMatch(/lukt nu niet/);
    }
  });

  it('rejects an event outside the protocol as a function error, before any reading starts', async () => {
    // Prepare
    let called = false;
    const spy = {
      uploadContactFiles: async () => {
        called = true;
      },
      changeDoNotContact: async () => {
        called = true;
        return { numbers: 0, problems: 0, total: 0 };
      },
    };

    // Act
    const outcome = handleIngestRequest(spy, { op: 'contacts', acting, campaignId: '', input: {} });

    // Assess
    await expect(outcome).rejects.toThrow();
    expect(called).toBe(false);
    await expect(
      handleIngestRequest(spy, { op: 'do-not-contact', acting, mode: 'add', input: { text: '0612345678' } }),
    ).resolves.toEqual({ ok: true, value: { numbers: 0, problems: 0, total: 0 } });
    expect(called).toBe(true);
  });
});

import { existsSync } from 'node:fs';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it, vi } from 'vitest';
import { LambdaPdfRenderer } from '../../functions/adapters/lambda-pdf/lambda-pdf-renderer.js';
import { s3StandIn } from '../fixtures/aws-stand-ins.js';
import { startLambdaInvokeServer } from '../fixtures/lambda-invoke-server.js';
import { required } from '../fixtures/required.js';
import { pdfRendererContract } from './pdf-renderer.contract.js';

const CHROMIUM = '/usr/bin/chromium';
const BUCKET = 'perspectief-files';
const FUNCTION = 'perspectief-render-pdf';
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'example' };

/**
 * The web function's renderer in AWS against the PdfRenderer contract: the real SDK clients talk to a local
 * S3 and a local Lambda Invoke API, which runs the real PDF function handler (`handlers/render-pdf.ts`) in
 * this process. The handler's Chromium for Lambda finds the system Chromium where it would have unpacked
 * its own (`$TMPDIR/chromium`), since its binaries only run on Lambda's Linux.
 */
if (required(existsSync(CHROMIUM), `Chromium at ${CHROMIUM} (apt-get install chromium)`)) {
  pdfRendererContract('the PDF function (Lambda, in process)', async () => {
    const s3 = await s3StandIn();
    const functionTmp = await mkdtemp(join(tmpdir(), 'render-pdf-'));
    await symlink(CHROMIUM, join(functionTmp, 'chromium'));
    Object.assign(process.env, {
      TMPDIR: functionTmp,
      AWS_REGION: 'eu-central-1',
      FILES_BUCKET: BUCKET,
      AWS_ENDPOINT_URL_S3: s3.url,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    });
    // The system Chromium closes itself with its last page in single-process mode, which Chromium for Lambda
    // needs only against Lambda's sandbox; here the browser runs with its usual processes.
    const { default: chromium } = await import('@sparticuz/chromium');
    const lambdaArgs = chromium.args;
    vi.spyOn(chromium, 'args', 'get').mockReturnValue(lambdaArgs.filter((arg) => arg !== '--single-process'));
    const { handler } = await import('../../functions/handlers/render-pdf.js');
    const lambda = await startLambdaInvokeServer(FUNCTION, handler);
    const s3Client = new S3Client({
      region: 'eu-central-1',
      endpoint: s3.url,
      forcePathStyle: true,
      credentials,
    });
    const lambdaClient = new LambdaClient({
      region: 'eu-central-1',
      endpoint: lambda.url,
      credentials,
      maxAttempts: 1,
    });
    let n = 0;
    return {
      renderer: new LambdaPdfRenderer({
        s3: async () => s3Client,
        lambda: async () => lambdaClient,
        bucket: BUCKET,
        functionName: FUNCTION,
        ids: { next: () => `contract${++n}` },
      }),
      leftovers: async () => [...s3.objects.keys()].filter((key) => key.startsWith(`${BUCKET}/letters/`)),
      malformedRequests: async () => lambda.refusedRequests.length,
      close: async () => {
        s3Client.destroy();
        lambdaClient.destroy();
        await lambda.close();
        await s3.close();
        await rm(functionTmp, { recursive: true, force: true });
      },
    };
  });
}

describe('the local Lambda Invoke API', () => {
  it('refuses what Lambda refuses: unsigned calls, unknown functions, asynchronous invocations, non-JSON', async () => {
    // Prepare
    const events: unknown[] = [];
    const lambda = await startLambdaInvokeServer(FUNCTION, async (event) => {
      events.push(event);
      return { ok: true };
    });
    const client = new LambdaClient({
      region: 'eu-central-1',
      endpoint: lambda.url,
      credentials,
      maxAttempts: 1,
    });
    const payload = new TextEncoder().encode('{"x":1}');
    try {
      // Act
      const unsigned = await fetch(`${lambda.url}/2015-03-31/functions/${FUNCTION}/invocations`, {
        method: 'POST',
        body: '{}',
      });
      const unknown = await client
        .send(new InvokeCommand({ FunctionName: 'other-function', Payload: payload }))
        .catch((e: unknown) => e);
      const queued = await client
        .send(new InvokeCommand({ FunctionName: FUNCTION, InvocationType: 'Event', Payload: payload }))
        .catch((e: unknown) => e);
      const garbled = await client
        .send(new InvokeCommand({ FunctionName: FUNCTION, Payload: new TextEncoder().encode('{x') }))
        .catch((e: unknown) => e);
      const good = await client.send(new InvokeCommand({ FunctionName: FUNCTION, Payload: payload }));
      // Assess
      expect(unsigned.status).toBe(403);
      expect(unknown).toMatchObject({ name: 'ResourceNotFoundException' });
      expect(queued).toMatchObject({ name: 'InvalidParameterValueException' });
      expect(garbled).toMatchObject({ name: 'InvalidRequestContentException' });
      expect(JSON.parse(new TextDecoder().decode(good.Payload))).toEqual({ ok: true });
      expect(events).toEqual([{ x: 1 }]);
      expect(lambda.refusedRequests).toHaveLength(4);
    } finally {
      client.destroy();
      await lambda.close();
    }
  });
});

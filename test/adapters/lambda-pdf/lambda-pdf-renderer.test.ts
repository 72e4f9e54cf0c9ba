import 'aws-sdk-client-mock-vitest/extend';
import { InvokeCommand, TooManyRequestsException } from '@aws-sdk/client-lambda';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  LambdaPdfRenderer,
  PDF_LINK_SECONDS,
} from '../../../functions/adapters/lambda-pdf/lambda-pdf-renderer.js';
import { UnavailableError, ValidationError } from '../../../functions/core/errors.js';
import { awsClients, objectBody, payload } from './fixtures.js';

const BUCKET = 'perspectief-files';
const FUNCTION = 'perspectief-render-pdf';
const { s3, lambda } = awsClients();
const s3Mock = mockClient(s3);
const lambdaMock = mockClient(lambda);
const PDF = new TextEncoder().encode('%PDF-1.4 fixture');

function renderer() {
  let n = 0;
  return new LambdaPdfRenderer({
    s3: async () => s3,
    lambda: async () => lambda,
    bucket: BUCKET,
    functionName: FUNCTION,
    ids: { next: () => `run${++n}` },
  });
}

function invokedEvent(): unknown {
  const input = lambdaMock.commandCalls(InvokeCommand)[0]?.args[0].input;
  return JSON.parse(new TextDecoder().decode(input?.Payload as Uint8Array));
}

function deletedKeys(): (string | undefined)[] {
  return s3Mock.commandCalls(DeleteObjectCommand).map((c) => c.args[0].input.Key);
}

beforeEach(() => {
  s3Mock.reset();
  lambdaMock.reset();
  s3Mock.on(PutObjectCommand).resolves({});
  s3Mock.on(DeleteObjectCommand).resolves({});
  s3Mock.on(GetObjectCommand).resolves({ Body: objectBody(PDF) });
});

describe('LambdaPdfRenderer', () => {
  it('puts the HTML below letters/, invokes the PDF function synchronously, returns the PDF and deletes both objects', async () => {
    // Prepare
    lambdaMock
      .on(InvokeCommand)
      .resolves({ StatusCode: 200, Payload: payload({ ok: true, pages: 3, bytes: 17 }) });

    // Act
    const pdf = await renderer().render({ html: '<p>drie brieven</p>', pages: 3 });

    // Assess
    expect(new TextDecoder().decode(pdf)).toBe('%PDF-1.4 fixture');
    expect(s3Mock).toHaveReceivedCommandWith(PutObjectCommand, {
      Bucket: BUCKET,
      Key: 'letters/run1.html',
      Body: '<p>drie brieven</p>',
      ContentType: 'text/html; charset=utf-8',
    });
    expect(lambdaMock).toHaveReceivedCommandWith(InvokeCommand, {
      FunctionName: FUNCTION,
      InvocationType: 'RequestResponse',
    });
    expect(invokedEvent()).toEqual({ htmlKey: 'letters/run1.html', pdfKey: 'letters/run1.pdf', pages: 3 });
    expect(s3Mock).toHaveReceivedCommandWith(GetObjectCommand, { Bucket: BUCKET, Key: 'letters/run1.pdf' });
    expect(deletedKeys().sort()).toEqual(['letters/run1.html', 'letters/run1.pdf']);
  });

  it('rethrows the overflow error of the function as a ValidationError with the same Dutch message, and removes the HTML', async () => {
    // Prepare
    const userMessage =
      "De PDF heeft 2 pagina's in plaats van 1: een brief past niet op één A4. Maak de tekst korter.";
    lambdaMock.on(InvokeCommand).resolves({
      StatusCode: 200,
      Payload: payload({
        ok: false,
        error: { kind: 'validation', userMessage, message: 'Letters overflow their page', context: {} },
      }),
    });

    // Act
    const rendering = renderer().render({ html: '<p>te lang</p>', pages: 1 });

    // Assess
    await expect(rendering).rejects.toBeInstanceOf(ValidationError);
    await expect(rendering).rejects.toMatchObject({ userMessage, message: 'Letters overflow their page' });
    expect(s3Mock).not.toHaveReceivedCommand(GetObjectCommand);
    expect(deletedKeys()).toEqual(['letters/run1.html']);
  });

  it('reports an error kind it does not know as unavailable, in its own Dutch words', async () => {
    // Prepare
    lambdaMock.on(InvokeCommand).resolves({
      StatusCode: 200,
      Payload: payload({
        ok: false,
        error: { kind: 'something_new', userMessage: 'Onbekend probleem.', message: 'new', context: {} },
      }),
    });

    // Act / Assess
    await expect(renderer().render({ html: '<p/>' })).rejects.toMatchObject({
      name: 'UnavailableError',
      userMessage: expect.stringContaining('De PDF kon nu niet worden gemaakt'),
    });
  });

  it('turns a crashed function, an unreadable answer and a throttled invoke into UnavailableError, in Dutch', async () => {
    // Prepare
    const cases = [
      () =>
        lambdaMock.on(InvokeCommand).resolves({
          StatusCode: 200,
          FunctionError: 'Unhandled',
          Payload: payload({ errorType: 'Runtime.OutOfMemory', errorMessage: 'killed' }),
        }),
      () =>
        lambdaMock.on(InvokeCommand).resolves({ StatusCode: 200, Payload: payload({ unexpected: true }) }),
      () =>
        lambdaMock
          .on(InvokeCommand)
          .rejects(new TooManyRequestsException({ message: 'Rate exceeded', $metadata: {} })),
    ];
    for (const arrange of cases) {
      lambdaMock.reset();
      s3Mock.resetHistory();
      arrange();

      // Act
      const rendering = renderer().render({ html: '<p/>', pages: 1 });

      // Assess
      await expect(rendering).rejects.toBeInstanceOf(UnavailableError);
      await expect(rendering).rejects.toMatchObject({
        userMessage: expect.stringContaining('De PDF kon nu niet worden gemaakt'),
      });
      expect(deletedKeys()).toEqual(['letters/run1.html']);
    }
  });

  it('names the failing step, not the content, when S3 refuses the HTML', async () => {
    // Prepare
    s3Mock
      .on(PutObjectCommand)
      .rejects(new S3ServiceException({ name: 'AccessDenied', $fault: 'client', $metadata: {} }));

    // Act
    const rendering = renderer().render({ html: '<p>Aan de bewoners van Brugstraat 1</p>' });

    // Assess
    const error = (await rendering.catch((e: unknown) => e)) as UnavailableError;
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error.message).toBe('S3 failed to store the HTML');
    expect(JSON.stringify(error.context)).not.toContain('Brugstraat');
    expect(lambdaMock).not.toHaveReceivedCommand(InvokeCommand);
  });

  it('hands out a 5-minute presigned link that downloads the PDF under its file name, and keeps the PDF for it', async () => {
    // Prepare
    lambdaMock
      .on(InvokeCommand)
      .resolves({ StatusCode: 200, Payload: payload({ ok: true, pages: 1, bytes: 9 }) });

    // Act
    const link = await renderer().renderLink({
      html: '<p>verklaring</p>',
      pages: 1,
      fileName: 'vernietigingsverklaring-cmp1.pdf',
    });

    // Assess
    const url = new URL(link.url);
    expect(link.expiresInSeconds).toBe(PDF_LINK_SECONDS);
    expect(PDF_LINK_SECONDS).toBe(300);
    expect(url.protocol).toBe('https:');
    expect(`${url.host}${url.pathname}`).toBe(`${BUCKET}.s3.eu-central-1.amazonaws.com/letters/run1.pdf`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(url.searchParams.get('response-content-disposition')).toBe(
      'attachment; filename="vernietigingsverklaring-cmp1.pdf"',
    );
    expect(url.searchParams.get('response-content-type')).toBe('application/pdf');
    expect(s3Mock).not.toHaveReceivedCommand(GetObjectCommand);
    expect(deletedKeys()).toEqual(['letters/run1.html']);
  });

  it('keeps quotes and line breaks out of the download file name', async () => {
    // Prepare
    lambdaMock
      .on(InvokeCommand)
      .resolves({ StatusCode: 200, Payload: payload({ ok: true, pages: 1, bytes: 9 }) });

    // Act
    const link = await renderer().renderLink({ html: '<p/>', fileName: 'a"b\r\nc.pdf' });

    // Assess
    expect(new URL(link.url).searchParams.get('response-content-disposition')).toBe(
      'attachment; filename="a_b__c.pdf"',
    );
  });
});

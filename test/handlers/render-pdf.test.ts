import 'aws-sdk-client-mock-vitest/extend';
import { existsSync } from 'node:fs';
import { GetObjectCommand, PutObjectCommand, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ChromiumPdfRenderer } from '../../functions/adapters/chromium-pdf/chromium-pdf-renderer.js';
import { renderPdfObject } from '../../functions/adapters/lambda-pdf/render-pdf-object.js';
import { builtInTemplates } from '../../functions/core/letters/built-in-templates.js';
import { printDocument } from '../../functions/core/letters/print-document.js';
import { awsClients, objectBody } from '../adapters/lambda-pdf/fixtures.js';
import { addressedLetters, anAddress } from '../unit/letters/builders.js';

const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  throw new Error(
    `Chromium is required for these tests: install it at ${CHROMIUM} (apt-get install chromium)`,
  );
}

const BUCKET = 'perspectief-files';
const { s3 } = awsClients();
const s3Mock = mockClient(s3);
// The system Chromium stands in for Chromium for Lambda, whose binaries only run on Lambda's x86_64 Linux.
const renderer = new ChromiumPdfRenderer({
  launcher: async () => ({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] }),
});
const deps = { s3, bucket: BUCKET, renderer };
afterAll(() => renderer.close());

function letters(count: number): string {
  const addresses = Array.from({ length: count }, (_, i) =>
    anAddress({ street: 'Brugstraat', houseNumber: i + 1 }),
  );
  return printDocument(addressedLetters(addresses), builtInTemplates());
}

function storedPdf(): Uint8Array {
  const body = s3Mock.commandCalls(PutObjectCommand)[0]?.args[0].input.Body;
  expect(body).toBeInstanceOf(Uint8Array);
  return body as Uint8Array;
}

beforeEach(() => {
  s3Mock.reset();
  s3Mock.on(PutObjectCommand).resolves({});
});

describe('the PDF function (render-pdf)', () => {
  it('reads the HTML from letters/, prints it with Chromium and writes a PDF with one page per letter to pdfKey', async () => {
    // Prepare
    s3Mock
      .on(GetObjectCommand, { Bucket: BUCKET, Key: 'letters/run1.html' })
      .resolves({ Body: objectBody(letters(4)) });

    // Act
    const result = await renderPdfObject(deps, {
      htmlKey: 'letters/run1.html',
      pdfKey: 'letters/run1.pdf',
      pages: 4,
    });

    // Assess
    const pdf = storedPdf();
    expect(result).toEqual({ ok: true, pages: 4, bytes: pdf.byteLength });
    expect(s3Mock).toHaveReceivedCommandWith(PutObjectCommand, {
      Bucket: BUCKET,
      Key: 'letters/run1.pdf',
      ContentType: 'application/pdf',
    });
    // The bucket's default encryption (the platform's KMS key) applies; the function asks for nothing else.
    expect(s3Mock.commandCalls(PutObjectCommand)[0]?.args[0].input.ServerSideEncryption).toBeUndefined();
    const document = await getDocument({ data: pdf.slice(), useSystemFonts: true }).promise;
    expect(document.numPages).toBe(4);
    const texts: string[] = [];
    for (let n = 1; n <= document.numPages; n++) {
      const items = (await (await document.getPage(n)).getTextContent()).items;
      texts.push(items.map((item) => ('str' in item ? item.str : '')).join(' '));
    }
    for (const house of [1, 2, 3, 4]) {
      expect(texts.filter((t) => t.includes(`Aan de bewoners van Brugstraat ${house} `))).toHaveLength(1);
    }
  });

  it('answers a letter that overflows its page with the Dutch error instead of a PDF', async () => {
    // Prepare
    const long = `<!doctype html><html><body><section>${'<p>regel</p>'.repeat(200)}</section></body></html>`;
    s3Mock.on(GetObjectCommand).resolves({ Body: objectBody(long) });

    // Act
    const result = await renderPdfObject(deps, {
      htmlKey: 'letters/run2.html',
      pdfKey: 'letters/run2.pdf',
      pages: 1,
    });

    // Assess
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'validation',
        userMessage: expect.stringContaining('een brief past niet op één A4'),
        message: 'Letters overflow their page',
        context: { pages: expect.any(Number), expected: 1 },
      },
    });
    expect(s3Mock).not.toHaveReceivedCommand(PutObjectCommand);
  });

  it('refuses an event that points outside letters/ before touching S3', async () => {
    // Act
    const outside = renderPdfObject(deps, { htmlKey: 'uploads/contacts.csv', pdfKey: 'letters/x.pdf' });
    const climbing = renderPdfObject(deps, { htmlKey: 'letters/../uploads/a', pdfKey: 'letters/x.pdf' });

    // Assess
    await expect(outside).rejects.toThrow();
    await expect(climbing).rejects.toThrow();
    expect(s3Mock).not.toHaveReceivedCommand(GetObjectCommand);
  });

  it('fails the invocation when S3 fails, so the function error alarm sees it', async () => {
    // Prepare
    s3Mock
      .on(GetObjectCommand)
      .rejects(new S3ServiceException({ name: 'InternalError', $fault: 'server', $metadata: {} }));

    // Act / Assess
    await expect(
      renderPdfObject(deps, { htmlKey: 'letters/run3.html', pdfKey: 'letters/run3.pdf' }),
    ).rejects.toMatchObject({ name: 'InternalError' });
  });
});

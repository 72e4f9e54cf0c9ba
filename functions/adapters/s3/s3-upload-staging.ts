import type { GetObjectCommandOutput, S3Client } from '@aws-sdk/client-s3';
import type { StagedFile } from '../../core/contacts/ports.js';
import { UnavailableError } from '../../core/errors.js';
import type { StagedUploadForm, UploadFormRequest, UploadStaging } from '../../core/ports.js';

const META = 'x-amz-meta-';
const UNAVAILABLE =
  'De opslag voor uploads is nu niet bereikbaar. Probeer het over een paar minuten opnieuw.';

/**
 * `UploadStaging` on S3: a presigned POST lets the browser put one file straight into the bucket (size
 * checked by S3 against the signed policy), and the ingest function takes it out again, deleting the very
 * version it read so that not even a non-current version of the file stays behind in the versioned bucket.
 */
export class S3UploadStaging implements UploadStaging {
  readonly origin: string;

  private readonly bucket: string;
  private readonly client: () => Promise<S3Client>;

  /**
   * `client` is asked for on first use, so a function that never touches uploads never loads the S3 SDK.
   * `endpoint` is the address of an S3-compatible store other than AWS's (the client must use the same one,
   * path-style); the forms post there.
   */
  constructor(options: {
    bucket: string;
    region: string;
    client: () => Promise<S3Client>;
    endpoint?: string;
  }) {
    this.bucket = options.bucket;
    this.client = options.client;
    this.origin = options.endpoint
      ? new URL(options.endpoint).origin
      : `https://${options.bucket}.s3.${options.region}.amazonaws.com`;
  }

  async uploadForm(input: UploadFormRequest): Promise<StagedUploadForm> {
    const userFields = input.userFields ?? [];
    const stored = Object.fromEntries(Object.entries(input.fields ?? {}).map(([k, v]) => [`${META}${k}`, v]));
    const { createPresignedPost } = await import('@aws-sdk/s3-presigned-post');
    const signed = await createPresignedPost(await this.client(), {
      Bucket: this.bucket,
      Key: input.key,
      Conditions: [
        ['content-length-range', 1, input.maxBytes],
        ...userFields.map((f): ['starts-with', string, string] => ['starts-with', `$${META}${f}`, '']),
      ],
      // Every field here is also signed as an exact match: the browser can change none of them.
      Fields: { success_action_redirect: input.redirectUrl, ...stored },
      Expires: input.expiresInSeconds,
    });
    // The policy's own expiration, so the page and S3 agree on when the form runs out.
    const policy = JSON.parse(Buffer.from(signed.fields.Policy ?? '', 'base64').toString('utf8')) as {
      expiration?: string;
    };
    return {
      url: signed.url,
      fields: signed.fields,
      expiresAt: policy.expiration ?? new Date(0).toISOString(),
      userFieldNames: Object.fromEntries(userFields.map((f) => [f, `${META}${f}`])),
      fileField: 'file',
    };
  }

  async take(key: string): Promise<{ bytes: Uint8Array; fields: Record<string, string> } | undefined> {
    const staged = await this.read(key);
    if (!staged) return undefined;
    await this.discard(key, staged.version);
    return { bytes: staged.bytes, fields: staged.fields };
  }

  async read(key: string): Promise<StagedFile | undefined> {
    const client = await this.client();
    const { GetObjectCommand } = await import('@aws-sdk/client-s3');
    let object: GetObjectCommandOutput;
    try {
      object = await client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
      throw new UnavailableError('Staged upload could not be read', {
        cause: error,
        userMessage: UNAVAILABLE,
      });
    }
    const bytes = object.Body ? await object.Body.transformToByteArray() : new Uint8Array();
    return {
      bytes,
      fields: { ...object.Metadata },
      ...(object.VersionId ? { version: object.VersionId } : {}),
    };
  }

  async discard(key: string, version: string | undefined): Promise<void> {
    const client = await this.client();
    const { DeleteObjectCommand } = await import('@aws-sdk/client-s3');
    try {
      await client.send(
        new DeleteObjectCommand({
          Bucket: this.bucket,
          Key: key,
          ...(version ? { VersionId: version } : {}),
        }),
      );
    } catch (error) {
      // Reading on would leave the file in storage until the lifecycle rule removes it: refuse instead.
      throw new UnavailableError('Staged upload could not be deleted', {
        cause: error,
        userMessage: UNAVAILABLE,
      });
    }
  }
}

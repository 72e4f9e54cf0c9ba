import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'example' };

/** Real SDK clients with fixed credentials, so presigned URLs are signed for real while `send` is mocked. */
export function awsClients(): { s3: S3Client; lambda: LambdaClient } {
  return {
    s3: new S3Client({ region: 'eu-central-1', credentials }),
    lambda: new LambdaClient({ region: 'eu-central-1', credentials }),
  };
}

/** A GetObject body as the SDK returns it, for the two ways the adapters read one. */
export function objectBody(content: string | Uint8Array) {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return {
    transformToString: async () => new TextDecoder().decode(bytes),
    transformToByteArray: async () => bytes,
  } as never;
}

/** The JSON payload of a Lambda response (the SDK's blob adapter is a Uint8Array with helpers nobody here reads). */
export function payload(value: unknown) {
  return new TextEncoder().encode(JSON.stringify(value)) as never;
}

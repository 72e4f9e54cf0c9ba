import type { AwsCallGroups } from '../aws-calls.js';

/** `S3UploadStaging`: the web function signs the upload form; the contact reader takes the file. */
export const UPLOAD_STAGING_CALLS = {
  /** The browser's upload runs on the signer's right to put the object. */
  sign: { createPresignedPost: ['s3:PutObject'] },
  /** Read the file, then delete the very version read (a DeleteObject with a VersionId). */
  take: {
    GetObjectCommand: ['s3:GetObject'],
    DeleteObjectCommand: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
  },
} as const satisfies AwsCallGroups;

/** `S3FileStore`: a job's result (print view, PDF) is put below `letters/` and fetched through a signed link. */
export const FILE_STORE_CALLS = {
  keep: {
    PutObjectCommand: ['s3:PutObject'],
    GetObjectCommand: ['s3:GetObject'],
    getSignedUrl: ['s3:GetObject'],
  },
} as const satisfies AwsCallGroups;

import type { AwsCallGroups } from '../aws-calls.js';

/** The PDF hand-over between the web function (`LambdaPdfRenderer`) and the PDF function (`renderPdfObject`). */
export const PDF_CALLS = {
  /** Web function: put the HTML, read or link the PDF (the link runs on the signer's right), delete the HTML. */
  handover: {
    PutObjectCommand: ['s3:PutObject'],
    GetObjectCommand: ['s3:GetObject'],
    getSignedUrl: ['s3:GetObject'],
    DeleteObjectCommand: ['s3:DeleteObject'],
  },
  /** Web function: run the PDF function and wait for its answer. */
  invoke: { InvokeCommand: ['lambda:InvokeFunction'] },
  /** PDF function: read the HTML, put the PDF next to it. */
  render: { GetObjectCommand: ['s3:GetObject'], PutObjectCommand: ['s3:PutObject'] },
} as const satisfies AwsCallGroups;

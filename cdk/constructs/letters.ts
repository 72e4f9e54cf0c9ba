import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type Data, LETTERS_PREFIX } from './data.js';
import { PerspectiefFunction } from './function.js';
import type { Operations } from './operations.js';

/** Chromium for Lambda: installed into the bundle's node_modules, because its brotli payload cannot be bundled. */
export const CHROMIUM_PACKAGES = ['@sparticuz/chromium'];

export interface PdfRendererProps {
  data: Data;
  operations: Operations;
  logRetention: RetentionDays;
  removalPolicy: RemovalPolicy;
  metricsNamespace: string;
  /** Handler below functions/handlers; `render-pdf` in the stack. */
  handler?: string;
  label?: string;
  /** Packages installed next to the bundle; Chromium for Lambda unless told otherwise. */
  nodeModules?: string[];
}

/**
 * The letter renderer: headless Chromium prints merged letters to one A4 PDF in the bucket. Sized for
 * Chromium: 2 GB memory (which also buys the CPU share that makes rendering fast), 1 GB of /tmp for the
 * unpacked browser, and 5 minutes for a 700-letter batch. It reads the letter records and writes only
 * below letters/ in the bucket.
 */
export class PdfRenderer extends Construct {
  readonly function: PerspectiefFunction;

  constructor(scope: Construct, id: string, props: PdfRendererProps) {
    super(scope, id);
    this.function = new PerspectiefFunction(this, 'Renderer', {
      handler: props.handler ?? 'render-pdf',
      ...(props.label ? { label: props.label } : {}),
      description: 'Perspectief letters to PDF (Chromium)',
      memorySize: 2048,
      ephemeralStorageMiB: 1024,
      timeout: Duration.minutes(5),
      logRetention: props.logRetention,
      removalPolicy: props.removalPolicy,
      nodeModules: props.nodeModules ?? CHROMIUM_PACKAGES,
    })
      .useTable('TABLE_MAIN', props.data.tables.main, 'read')
      .useBucket('FILES_BUCKET', props.data.bucket, 'readWrite', LETTERS_PREFIX)
      .useMetrics(props.metricsNamespace);
    props.operations.watchFunction(this.function);
  }
}

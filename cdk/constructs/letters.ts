import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { Architecture } from 'aws-cdk-lib/aws-lambda';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { PDF_CALLS } from '../../functions/adapters/lambda-pdf/aws-calls.js';
import { type Data, LETTERS_PREFIX } from './data.js';
import { PerspectiefFunction } from './function.js';
import type { Operations } from './operations.js';

/**
 * Installed into the bundle's node_modules instead of bundled: Chromium for Lambda, whose brotli payload
 * cannot be bundled, and playwright-core, which drives it and finds its own files at run time.
 */
export const CHROMIUM_PACKAGES = ['@sparticuz/chromium', 'playwright-core'];

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
 * The PDF function: headless Chromium prints the HTML the web function put below letters/ to one A4 PDF
 * next to it. Sized for Chromium: 2 GB memory (which also buys the CPU share that makes rendering fast),
 * 1 GB of /tmp for the unpacked browser, and 5 minutes for a 700-letter batch. It runs on x86_64 because the
 * npm package of Chromium for Lambda carries x86_64 binaries only. It touches nothing but objects below
 * letters/ in the bucket: the letters arrive as finished HTML, so it needs no table.
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
      architecture: Architecture.X86_64,
      nodeModules: props.nodeModules ?? CHROMIUM_PACKAGES,
      // playwright-core is installed next to the bundle (above), so nothing is left out.
      leaveOut: [],
    })
      .useBucket('FILES_BUCKET', props.data.bucket, PDF_CALLS.render, LETTERS_PREFIX)
      .useMetrics(props.metricsNamespace);
    props.operations.watchFunction(this.function);
  }
}

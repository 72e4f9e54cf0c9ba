import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { S3Client } from '@aws-sdk/client-s3';
import { handle } from 'hono/aws-lambda';
import { ChromiumPdfRenderer } from '../adapters/chromium-pdf/chromium-pdf-renderer.js';
import { CognitoLogin } from '../adapters/cognito/cognito-login.js';
import { CognitoTokenVerifier } from '../adapters/cognito/cognito-token-verifier.js';
import { DynamoMailPreferenceStore } from '../adapters/dynamodb/mail-preference-store.js';
import { LambdaContactReading } from '../adapters/lambda-ingest/lambda-contact-reading.js';
import { isJobEvent } from '../adapters/lambda-jobs/job-event.js';
import { LambdaJobRunner } from '../adapters/lambda-jobs/lambda-job-runner.js';
import { LambdaPdfRenderer } from '../adapters/lambda-pdf/lambda-pdf-renderer.js';
import { PdokAddressSource } from '../adapters/pdok/pdok-address-source.js';
import { S3FileStore } from '../adapters/s3/s3-file-store.js';
import { S3UploadStaging } from '../adapters/s3/s3-upload-staging.js';
import { createSesClient, SesMailer } from '../adapters/ses/ses-mailer.js';
import { domPurifySvgSanitizer } from '../adapters/svg/dompurify-svg-sanitizer.js';
import { randomIds } from '../adapters/system/system.js';
import { fileBlueprintCatalog } from '../app/blueprints.js';
import type { AppDeps } from '../app/deps.js';
import type { Config } from '../config.js';
import { UnavailableError } from '../core/errors.js';
import type {
  ContactReading,
  ExternalLogin,
  FileStore,
  JobRunner,
  Mailer,
  PdfRenderer,
  WorkbookReader,
} from '../core/ports.js';
import type { SmsGateway } from '../core/sending/sms-gateway.js';
import { createApp } from '../http/app.js';
import { loadMapAssets } from '../http/routes/map-assets.js';
import { loadStylesheet } from '../http/stylesheet.js';
import { awsRuntime, awsSecrets, awsTables, notGranted } from './aws.js';
import { lazyStart } from './lazy-start.js';
import { handleLetterJob } from './letter-jobs.js';
import { appStores, contactLimits, publicBase, purgeRecords, sendingRecords } from './stores.js';

/**
 * The web function's dependencies: every store, the PDF function, the contact reader (the ingest function)
 * and jobs through Lambda, results in the bucket. SDK clients it may never need (Lambda, S3) are loaded on
 * first use, so they cost no cold-start time.
 */
export async function buildApiDeps(config: Config): Promise<AppDeps> {
  const runtime = awsRuntime(config);
  const table = awsTables(config);
  const main = table('main');
  const clients = lazyClients(config.AWS_REGION);
  const tables = { main, recipients: table('recipients'), audit: table('audit'), hashes: table('hashes') };
  const uploads = uploadsThroughIngest(config, clients);
  return {
    ...runtime,
    secrets: await awsSecrets(config),
    ...appStores(tables, runtime.ids),
    ...cognitoLogin(config),
    blueprints: fileBlueprintCatalog(config.BLUEPRINTS_DIR),
    svgSanitizer: domPurifySvgSanitizer(),
    contactLimits: contactLimits(config.UPLOAD_MAX_BYTES ? { maxFileBytes: config.UPLOAD_MAX_BYTES } : {}),
    addresses: new PdokAddressSource({
      locatieserverUrl: config.PDOK_LOCATIESERVER_URL,
      bagOgcUrl: config.PDOK_BAG_OGC_URL,
    }),
    pdf: awsPdfRenderer(config, clients),
    sending: {
      gateway: WEB_SENDS_NO_SMS,
      ...sendingRecords(main),
      publicBaseUrl: publicBase(config.PERSPECTIEF_PUBLIC_URL ?? ''),
    },
    notifications: { mailer: sesMailer(config), preferences: new DynamoMailPreferenceStore(main) },
    retention: { records: purgeRecords(main) },
    contactReading: uploads.reading,
    workbooks: WEB_READS_NO_WORKBOOK,
    ...(uploads.staging ? { uploadStaging: uploads.staging } : {}),
    ...jobsThroughLambda(config, clients),
  };
}

/**
 * The web function's entry: HTTP requests go to the Hono app; the letter jobs it hands to itself (an
 * asynchronous call with `{ perspectiefJob }`) run outside any request, so a print view or PDF of thousands
 * of letters meets no 29-second or 6 MB limit.
 */
export async function startApi(config: Config) {
  const deps = await buildApiDeps(config);
  const http = handle(
    createApp(deps, {
      stylesheet: loadStylesheet(config.STYLESHEET_DIR),
      mapAssets: () => loadMapAssets(config.STYLESHEET_DIR),
    }),
  );
  return async (event: unknown, context?: unknown) => {
    if (isJobEvent(event)) return handleLetterJob(deps, event);
    return http(event as Parameters<typeof http>[0], context as Parameters<typeof http>[1]);
  };
}

/** Only the dispatcher sends and holds the SNS grant; the web function's gateway says so if ever called. */
const WEB_SENDS_NO_SMS: SmsGateway = {
  send: () => notGranted('an SMS gateway (only the dispatcher sends)'),
  isOptedOut: () => notGranted('an SMS gateway (only the dispatcher sends)'),
};

/**
 * Browsers post contact files to the bucket, and the ingest function reads them (and pasted numbers). Both
 * need the function's name and the bucket; a deployment without them tells the person files cannot be read.
 */
function uploadsThroughIngest(
  config: Config,
  clients: LazyClients,
): { reading: ContactReading; staging?: S3UploadStaging } {
  const { INGEST_FUNCTION_NAME: functionName, FILES_BUCKET: bucket, AWS_REGION: region } = config;
  if (!functionName || !bucket) return { reading: NO_CONTACT_READER };
  return {
    reading: new LambdaContactReading({ functionName, client: clients.lambda }),
    staging: new S3UploadStaging({ bucket, region, client: clients.s3 }),
  };
}

/** The web function reads no contact files (the ingest function does), so its bundle carries no exceljs. */
const WEB_READS_NO_WORKBOOK: WorkbookReader = () => Promise.reject(noReader());

const NO_CONTACT_READER: ContactReading = {
  uploadContactFiles: () => Promise.reject(noReader()),
  changeDoNotContact: () => Promise.reject(noReader()),
};

function noReader(): Error {
  return new UnavailableError('This deployment has no contact-file reader', {
    userMessage: 'Contactbestanden kunnen hier niet worden ingelezen.',
  });
}

/**
 * Results go to the bucket and out through presigned links; letter jobs are handed to the web function
 * itself (an asynchronous call to its own name, which the Lambda runtime sets), contact jobs to the contact
 * reader. A deployment without the bucket makes no job results and says so when asked to.
 */
function jobsThroughLambda(config: Config, clients: LazyClients): { files: FileStore; jobRunner: JobRunner } {
  if (!config.FILES_BUCKET) return { files: NO_FILES, jobRunner: NO_JOBS };
  const self = config.PDF_FUNCTION_NAME ? config.AWS_LAMBDA_FUNCTION_NAME : undefined;
  return {
    files: new S3FileStore({ bucket: config.FILES_BUCKET, client: clients.s3 }),
    jobRunner: new LambdaJobRunner({
      client: clients.lambda,
      functions: {
        ...(self ? { letters_print: self, letters_pdf: self } : {}),
        ...(config.INGEST_FUNCTION_NAME ? { contacts: config.INGEST_FUNCTION_NAME } : {}),
      },
    }),
  };
}

const NO_FILES: FileStore = {
  put: () =>
    Promise.reject(new Error('This deployment stores no files; grant FILES_BUCKET in the CDK stack')),
  link: () =>
    Promise.reject(new Error('This deployment stores no files; grant FILES_BUCKET in the CDK stack')),
};

const NO_JOBS: JobRunner = {
  start: () => Promise.reject(new Error('This deployment runs no jobs; grant FILES_BUCKET in the CDK stack')),
};

interface LazyClients {
  s3: () => Promise<S3Client>;
  lambda: () => Promise<LambdaClient>;
}

/** The S3 and Lambda clients shared between uploads, jobs and PDFs, each made on first use. */
function lazyClients(region: string): LazyClients {
  return {
    s3: lazyStart(async () => new (await import('@aws-sdk/client-s3')).S3Client({ region })),
    lambda: lazyStart(async () => new (await import('@aws-sdk/client-lambda')).LambdaClient({ region })),
  };
}

/**
 * The PDF function when the stack deployed one (the web function has no Chromium of its own). Without it,
 * the Chromium at CHROMIUM_PATH as before, which a Lambda does not have: the person then reads that this
 * deployment cannot make PDFs and what to do instead.
 */
function awsPdfRenderer(config: Config, clients: LazyClients): PdfRenderer {
  if (config.PDF_FUNCTION_NAME && config.FILES_BUCKET) {
    return new LambdaPdfRenderer({
      s3: clients.s3,
      lambda: clients.lambda,
      bucket: config.FILES_BUCKET,
      functionName: config.PDF_FUNCTION_NAME,
      ids: randomIds,
    });
  }
  return new ChromiumPdfRenderer({
    executablePath: config.CHROMIUM_PATH,
    unavailableMessage:
      "Deze installatie kan geen PDF's maken: er is geen PDF-functie. Open de printweergave en kies in de browser Afdrukken en dan Opslaan als PDF.",
  });
}

/**
 * Task notifications through SES from the verified sender the stack configures (MAIL_FROM, granted on its
 * identity alone). Without it the deployment mails nothing: each attempt is logged and audited as failed,
 * and the tasks stay on the overview.
 */
function sesMailer(config: Config): Mailer {
  const from = config.MAIL_FROM;
  if (!from) return NO_MAIL;
  return new SesMailer({ from, client: lazyStart(() => createSesClient({ region: config.AWS_REGION })) });
}

const NO_MAIL: Mailer = {
  send: () =>
    Promise.reject(
      new UnavailableError('This deployment sends no mail; set mailFrom in the CDK stage', {
        userMessage: 'Deze installatie verstuurt geen e-mail.',
      }),
    ),
};

/** Cognito sign-in when the stack configured a user pool; password sign-in otherwise. */
function cognitoLogin(config: Config): { externalLogin?: ExternalLogin } {
  const {
    COGNITO_USER_POOL_ID: userPoolId,
    COGNITO_CLIENT_ID: clientId,
    COGNITO_SIGN_IN_URL: signInUrl,
  } = config;
  if (!userPoolId || !clientId || !signInUrl) return {};
  const verifier = new CognitoTokenVerifier({ userPoolId, clientId });
  return { externalLogin: new CognitoLogin({ signInUrl, clientId, verifier }) };
}

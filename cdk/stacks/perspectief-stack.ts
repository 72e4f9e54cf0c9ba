import { Duration, RemovalPolicy, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { CONTACT_READING_CALLS } from '../../functions/adapters/lambda-ingest/aws-calls.js';
import { JOB_CALLS } from '../../functions/adapters/lambda-jobs/aws-calls.js';
import { PDF_CALLS } from '../../functions/adapters/lambda-pdf/aws-calls.js';
import { authDomainPrefix, isProduction, mailIdentityOf, type StageConfig } from '../config.js';
import { Api, MAX_UPLOAD_BYTES } from '../constructs/api.js';
import { Data, LETTERS_PREFIX } from '../constructs/data.js';
import { metricsNamespace, PerspectiefFunction } from '../constructs/function.js';
import { Identity } from '../constructs/identity.js';
import { ContactIngest } from '../constructs/ingest.js';
import { EVERY_MINUTE, NIGHTLY, ScheduledJob } from '../constructs/jobs.js';
import { PdfRenderer } from '../constructs/letters.js';
import { Operations } from '../constructs/operations.js';
import { DeliveryStatusSubscription, InboundSmsTopic, SmsSettings } from '../constructs/sms.js';

/**
 * The whole platform for one municipality and stage: the web function, the dispatcher (every minute, the
 * only role that may publish SMS), the delivery-status function (only updates recipients), the inbound-SMS
 * function (when `inboundSms` is on), the nightly purge, the PDF function (Chromium for Lambda, invoked by
 * the web function only), and the alarms and dashboard over all of them.
 */
export class PerspectiefStack extends Stack {
  readonly data: Data;
  readonly api: Api;
  readonly identity: Identity;
  readonly operations: Operations;
  readonly sms: SmsSettings;
  /** The nightly retention job: deletes the numbers of campaigns past their retention period. */
  readonly purge: PerspectiefFunction;
  /** Sends the SMS of due campaigns; the only function with `sns:Publish`. */
  readonly dispatcher: PerspectiefFunction;
  /** Records delivered/failed from the SMS delivery-status logs; may only update recipients. */
  readonly deliveryStatus: PerspectiefFunction;
  readonly inboundSms?: PerspectiefFunction;
  /** Reads contact files (staged in the bucket, or pasted numbers) for the web function. */
  readonly ingest: ContactIngest;
  /** Prints letters and purge certificates to PDF with Chromium for Lambda; only the web function invokes it. */
  readonly pdf: PdfRenderer;

  constructor(scope: Construct, id: string, props: StackProps & { config: StageConfig }) {
    super(scope, id, props);
    const { config } = props;
    const production = isProduction(config);
    const removalPolicy = production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const logRetention = config.logRetentionDays as RetentionDays;
    const namespace = metricsNamespace(config.stage);
    Tags.of(this).add('application', 'perspectief');
    Tags.of(this).add('stage', config.stage);
    this.data = new Data(this, 'Data', {
      production,
      retentionDays: config.retentionDays,
      logRetentionDays: config.logRetentionDays,
    });
    this.operations = new Operations(this, 'Operations', {
      stage: config.stage,
      metricsNamespace: namespace,
      removalPolicy,
      ...(config.alarmEmail ? { alarmEmail: config.alarmEmail } : {}),
    });
    this.api = new Api(this, 'Api', {
      data: this.data,
      municipality: config.municipality,
      logRetention,
      removalPolicy,
      metricsNamespace: namespace,
      ...(config.domainName && config.certificateArn
        ? { customDomain: { domainName: config.domainName, certificateArn: config.certificateArn } }
        : {}),
    });
    this.identity = new Identity(this, 'Identity', {
      publicUrl: this.api.publicUrl,
      domainPrefix: authDomainPrefix(config),
      removalPolicy,
      production,
      ...(config.identityProvider ? { identityProvider: config.identityProvider } : {}),
    });
    this.api.function.useUserPool(this.identity.userPool, this.identity.client, this.identity.signInUrl);
    this.operations.watchFunction(this.api.function);
    this.ingest = new ContactIngest(this, 'Ingest', {
      data: this.data,
      operations: this.operations,
      logRetention,
      removalPolicy,
      metricsNamespace: namespace,
      maxUploadBytes: MAX_UPLOAD_BYTES,
    });
    this.pdf = new PdfRenderer(this, 'Letters', {
      data: this.data,
      operations: this.operations,
      logRetention,
      removalPolicy,
      metricsNamespace: namespace,
    });
    // The web function hands contact files to the reader; it puts letter HTML below letters/, invokes the
    // PDF function and signs the download link.
    // Print views and PDFs are jobs the web function hands to itself asynchronously; contact files are jobs
    // of the reader, started the same way.
    this.api.function
      .useInvoke('INGEST_FUNCTION_NAME', this.ingest.function, CONTACT_READING_CALLS.invoke)
      .useInvoke('PDF_FUNCTION_NAME', this.pdf.function, PDF_CALLS.invoke)
      .useSelfInvoke(JOB_CALLS.start)
      .useBucket('FILES_BUCKET', this.data.bucket, PDF_CALLS.handover, LETTERS_PREFIX);
    // Task notifications: only the web function mails, and only as the verified sender.
    const mailIdentity = mailIdentityOf(config);
    if (config.mailFrom && mailIdentity) this.api.function.useMailSender(config.mailFrom, mailIdentity);
    this.sms = new SmsSettings(this, 'Sms', {
      // Only a limit within the quota AWS approved can be set; the config refuses a limit above a stated quota.
      ...(config.smsSpendQuotaUsd === undefined ? {} : { monthlySpendLimitUsd: config.monthlySpendLimitUsd }),
      senderId: config.senderId,
      removalPolicy,
      key: this.data.key,
    });
    this.purge = new PerspectiefFunction(this, 'Purge', {
      handler: 'purge',
      description: 'Perspectief: deletes the phone numbers of campaigns past their retention period',
      timeout: Duration.minutes(15),
      memorySize: 1024,
      logRetention,
      removalPolicy,
    })
      .useTable('TABLE_MAIN', this.data.tables.main, 'readWrite')
      .useTable('TABLE_RECIPIENTS', this.data.tables.recipients, 'readWrite')
      .useTable('TABLE_AUDIT', this.data.tables.audit, 'readWrite')
      .useTable('TABLE_HASHES', this.data.tables.hashes, 'readWrite')
      .useMetrics(namespace);
    new ScheduledJob(this, 'PurgeJob', {
      function: this.purge,
      schedule: NIGHTLY,
      description: 'Perspectief: nightly purge of phone numbers past the retention period',
      key: this.data.key,
      operations: this.operations,
      // A missed night may still run in the morning; every step of the purge is safe to repeat.
      maxEventAge: Duration.hours(6),
      retryAttempts: 2,
    });
    this.dispatcher = new PerspectiefFunction(this, 'Dispatcher', {
      handler: 'dispatcher',
      description: 'Perspectief: sends the SMS of due campaigns at their rate, inside quiet hours',
      // Sends for one minute from its invocation (the wait for the previous run's lease included), so runs hand
      // over without a gap; the rest is margin for the last answers, their retries and the lag metric.
      timeout: Duration.seconds(120),
      memorySize: 512,
      logRetention,
      removalPolicy,
      environment: { PERSPECTIEF_PUBLIC_URL: this.api.publicUrl },
    })
      .useTable('TABLE_MAIN', this.data.tables.main, 'readWrite')
      .useTable('TABLE_RECIPIENTS', this.data.tables.recipients, 'readWrite')
      .useTable('TABLE_AUDIT', this.data.tables.audit, 'readWrite')
      .useTable('TABLE_HASHES', this.data.tables.hashes, 'readWrite')
      .useSecret('HMAC_SECRET_ARN', this.data.hmacSecret)
      .usePhonePublish()
      .useMetrics(namespace);
    new ScheduledJob(this, 'DispatchJob', {
      function: this.dispatcher,
      schedule: EVERY_MINUTE,
      description: 'Perspectief: dispatcher, every minute',
      key: this.data.key,
      operations: this.operations,
    });
    this.operations.watchDispatcherLag();

    this.deliveryStatus = new PerspectiefFunction(this, 'DeliveryStatus', {
      handler: 'delivery-status',
      description: 'Perspectief: records SMS delivery receipts by message id',
      timeout: Duration.seconds(60),
      logRetention,
      removalPolicy,
    }).useTable('TABLE_RECIPIENTS', this.data.tables.recipients, 'update');
    new DeliveryStatusSubscription(this, 'DeliveryStatusLogs', {
      function: this.deliveryStatus,
      settings: this.sms,
      key: this.data.key,
      operations: this.operations,
    });

    if (config.inboundSms) {
      this.inboundSms = new PerspectiefFunction(this, 'InboundSms', {
        handler: 'inbound-sms',
        description: 'Perspectief: puts senders of STOP on the opt-out list (keyed hash only)',
        timeout: Duration.seconds(30),
        logRetention,
        removalPolicy,
      })
        .useTable('TABLE_MAIN', this.data.tables.main, 'read')
        .useTable('TABLE_HASHES', this.data.tables.hashes, 'readWrite')
        .useTable('TABLE_AUDIT', this.data.tables.audit, 'readWrite')
        .useSecret('HMAC_SECRET_ARN', this.data.hmacSecret);
      new InboundSmsTopic(this, 'Inbound', {
        function: this.inboundSms,
        key: this.data.key,
        operations: this.operations,
      });
    }

    this.operations.watchSmsSpend(config.monthlySpendLimitUsd);
    this.operations.watchDeliveryFailureRate();
  }
}

import { RemovalPolicy, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { authDomainPrefix, isProduction, type StageConfig } from '../config.js';
import { Api } from '../constructs/api.js';
import { Data } from '../constructs/data.js';
import { metricsNamespace } from '../constructs/function.js';
import { Identity } from '../constructs/identity.js';
import { Operations } from '../constructs/operations.js';
import { SmsSettings } from '../constructs/sms.js';

/**
 * The whole platform for one municipality and stage. Functions whose handlers are still to come join it
 * through one construct each: `ScheduledJob` (dispatcher every minute with `usePhonePublish()`, purge
 * nightly), `DeliveryStatusSubscription` (delivery-status logs → status function), `InboundSmsTopic` (when
 * `inboundSms` is on) and `PdfRenderer` (letters).
 */
export class PerspectiefStack extends Stack {
  readonly data: Data;
  readonly api: Api;
  readonly identity: Identity;
  readonly operations: Operations;
  readonly sms: SmsSettings;

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
    this.sms = new SmsSettings(this, 'Sms', {
      monthlySpendLimitUsd: config.monthlySpendLimitUsd,
      senderId: config.senderId,
      removalPolicy,
      key: this.data.key,
    });
    this.operations.watchSmsSpend(config.monthlySpendLimitUsd);
    this.operations.watchDeliveryFailureRate();
  }
}

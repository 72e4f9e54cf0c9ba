import { Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { FilterPattern, LogGroup, RetentionDays, SubscriptionFilter } from 'aws-cdk-lib/aws-logs';
import { LambdaDestination } from 'aws-cdk-lib/aws-logs-destinations';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import type { PerspectiefFunction } from './function.js';
import { deadLetterQueue } from './jobs.js';
import { acknowledge } from './nag.js';
import type { Operations } from './operations.js';

/**
 * What SNS does with the delivery-status role, as AWS documents the role for SMS delivery-status logging:
 * create (or find) the log group, create a stream, write entries, and set metric filters and retention.
 */
export const SNS_DELIVERY_STATUS_ACTIONS = [
  'logs:CreateLogGroup',
  'logs:CreateLogStream',
  'logs:PutLogEvents',
  'logs:PutMetricFilter',
  'logs:PutRetentionPolicy',
];

/**
 * How long SNS's delivery-status entries (each with the full destination number) are kept: the
 * delivery-status function records the outcome within minutes, so a day leaves room for a retry.
 */
export const DELIVERY_STATUS_LOG_RETENTION = RetentionDays.ONE_DAY;

export interface SmsSettingsProps {
  /**
   * SNS `MonthlySpendLimit` in USD. Left out, the account keeps its current limit: SNS refuses a value above
   * the spend quota AWS approved for the account (USD 1 on a new one), and a refusal rolls the deploy back.
   */
  monthlySpendLimitUsd?: number;
  senderId: string;
  removalPolicy: RemovalPolicy;
  /** Encrypts the delivery-status logs: SNS writes the destination phone number into them. */
  key: IKey;
}

/**
 * The account's SNS SMS settings, applied by a custom resource (`SetSMSAttributes`): transactional
 * messages, the sender ID, the monthly spend limit (only when the operator stated the approved quota), and
 * delivery-status logging of every message (100 % success sampling) through a role SNS assumes. The two log
 * groups SNS writes to are created here, kept one day and encrypted with the data key, because SNS puts the
 * phone number in each entry.
 */
export class SmsSettings extends Construct {
  readonly deliveryStatusRole: Role;
  readonly successLogGroup: LogGroup;
  readonly failureLogGroup: LogGroup;
  readonly resource: AwsCustomResource;

  constructor(scope: Construct, id: string, props: SmsSettingsProps) {
    super(scope, id);
    const { region, account, partition } = Stack.of(this);
    // SNS picks these names; they cannot be generated.
    const base = `sns/${region}/${account}/DirectPublishToPhoneNumber`;
    props.key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal(`logs.${region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:${partition}:logs:${region}:${account}:log-group:sns/${region}/${account}/*`,
          },
        },
      }),
    );
    const logGroup = (logId: string, logGroupName: string) =>
      new LogGroup(this, logId, {
        logGroupName,
        retention: DELIVERY_STATUS_LOG_RETENTION,
        encryptionKey: props.key,
        removalPolicy: props.removalPolicy,
      });
    this.successLogGroup = logGroup('SuccessLogs', base);
    this.failureLogGroup = logGroup('FailureLogs', `${base}/Failure`);

    this.deliveryStatusRole = new Role(this, 'DeliveryStatusRole', {
      assumedBy: new ServicePrincipal('sns.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
      description: 'Perspectief: SNS writes SMS delivery status to its two log groups',
    });
    this.deliveryStatusRole.addToPolicy(
      new PolicyStatement({
        actions: SNS_DELIVERY_STATUS_ACTIONS,
        resources: [this.successLogGroup.logGroupArn, this.failureLogGroup.logGroupArn],
      }),
    );

    const attributes = {
      DefaultSMSType: 'Transactional',
      DefaultSenderID: props.senderId,
      ...(props.monthlySpendLimitUsd === undefined
        ? {}
        : { MonthlySpendLimit: String(props.monthlySpendLimitUsd) }),
      DeliveryStatusIAMRole: this.deliveryStatusRole.roleArn,
      DeliveryStatusSuccessSamplingRate: '100',
    };
    const call = {
      service: 'SNS',
      action: 'setSMSAttributes',
      parameters: { attributes },
      physicalResourceId: PhysicalResourceId.of(`perspectief-sms-settings-${region}`),
    };
    // Its own role and log group instead of the defaults, which would carry AWSLambdaBasicExecutionRole.
    const providerLogs = new LogGroup(this, 'ProviderLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: props.removalPolicy,
    });
    const providerRole = new Role(this, 'ProviderRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Perspectief: applies the SNS SMS settings',
    });
    providerLogs.grantWrite(providerRole);
    this.resource = new AwsCustomResource(this, 'SetSMSAttributes', {
      onCreate: call,
      onUpdate: call,
      installLatestAwsSdk: false,
      role: providerRole,
      logGroup: providerLogs,
      timeout: Duration.minutes(2),
      policy: AwsCustomResourcePolicy.fromStatements([
        new PolicyStatement({ actions: ['sns:SetSMSAttributes'], resources: ['*'] }),
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ['iam:PassRole'],
          resources: [this.deliveryStatusRole.roleArn],
        }),
      ]),
    });
    this.resource.node.addDependency(this.successLogGroup, this.failureLogGroup);
    acknowledge(
      this.resource,
      'IAM5',
      'sns:SetSMSAttributes changes account-level settings and has no resource ARN.',
      ['Resource::*'],
    );
  }
}

/**
 * Sends every SMS delivery-status entry (success and failure log groups) to the function that updates the
 * recipients. Log subscriptions invoke asynchronously, so the function gets a dead-letter queue.
 */
export class DeliveryStatusSubscription extends Construct {
  readonly deadLetterQueue: Queue;

  constructor(
    scope: Construct,
    id: string,
    props: { function: PerspectiefFunction; settings: SmsSettings; key: IKey; operations: Operations },
  ) {
    super(scope, id);
    const destination = new LambdaDestination(props.function.fn);
    for (const [name, logGroup] of [
      ['Success', props.settings.successLogGroup],
      ['Failure', props.settings.failureLogGroup],
    ] as const) {
      new SubscriptionFilter(this, name, { logGroup, destination, filterPattern: FilterPattern.allEvents() });
    }
    this.deadLetterQueue = deadLetterQueue(this, props.key);
    props.function.useDeadLetterQueue(this.deadLetterQueue, {
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
    });
    props.operations.watchFunction(props.function);
    props.operations.watchQueue(props.function.label, this.deadLetterQueue);
  }
}

/**
 * Two-way SMS: the topic the long number (or short code) publishes replies to, subscribed by the function
 * that turns "STOP" into an opt-out. Encrypted with the data key, which the SMS service may use for this.
 */
export class InboundSmsTopic extends Construct {
  readonly topic: Topic;
  readonly deadLetterQueue: Queue;

  constructor(
    scope: Construct,
    id: string,
    props: { function: PerspectiefFunction; key: IKey; operations: Operations },
  ) {
    super(scope, id);
    const { account } = Stack.of(this);
    const smsService = new ServicePrincipal('sms-voice.amazonaws.com');
    this.topic = new Topic(this, 'Inbound', {
      displayName: 'Perspectief inbound SMS',
      masterKey: props.key,
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        principals: [smsService],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    );
    // The SMS service encrypts what it publishes; SNS encrypts what it redrives into the dead-letter queue.
    props.key.addToResourcePolicy(
      new PolicyStatement({
        principals: [smsService, new ServicePrincipal('sns.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    );
    this.deadLetterQueue = deadLetterQueue(this, props.key);
    this.topic.addSubscription(
      new LambdaSubscription(props.function.fn, { deadLetterQueue: this.deadLetterQueue }),
    );
    props.function.useDeadLetterQueue(this.deadLetterQueue, {
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
    });
    props.operations.watchFunction(props.function);
    props.operations.watchQueue(props.function.label, this.deadLetterQueue);
  }
}

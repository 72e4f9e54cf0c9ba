import { Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  SingleValueWidget,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DISPATCH_LAG_SECONDS } from '../../functions/adapters/metrics/metrics.js';
import { type PerspectiefFunction, SERVICE_NAME } from './function.js';

/**
 * The custom metric the dispatcher publishes after every run (Powertools Metrics, EMF): the age in seconds
 * of the oldest recipient that is due and not yet sent, 0 when nothing waits. Namespace
 * `Perspectief/<stage>`, dimension `service=perspectief`, unit Seconds.
 */
export const DISPATCH_LAG_METRIC = DISPATCH_LAG_SECONDS;

export interface OperationsProps {
  stage: string;
  metricsNamespace: string;
  removalPolicy: RemovalPolicy;
  alarmEmail?: string;
}

/**
 * Alarms, the alarm topic and the dashboard. Every function, queue and SMS signal the stack wires is
 * registered here through a `watch*` method, which adds its alarm and its dashboard widget together.
 */
export class Operations extends Construct {
  readonly alarmTopic: Topic;
  readonly dashboard: Dashboard;
  readonly alarms: Alarm[] = [];
  private readonly action: SnsAction;
  private readonly namespace: string;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    this.namespace = props.metricsNamespace;
    // Its own key: CloudWatch must be allowed to encrypt alarm messages, which should not open the data key.
    const key = new Key(this, 'AlarmKey', {
      description: 'Perspectief: encrypts alarm notifications',
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy,
    });
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    this.alarmTopic = new Topic(this, 'Alarms', {
      displayName: `Perspectief ${props.stage} alarms`,
      masterKey: key,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));
    this.action = new SnsAction(this.alarmTopic);
    this.dashboard = new Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.hours(24),
      widgets: [
        [
          new TextWidget({
            markdown: `# Perspectief ${props.stage}\nFunctions, queues, SMS spend and delivery. Alarms go to the alarm topic.`,
            width: 24,
            height: 2,
          }),
        ],
      ],
    });
  }

  /** Alarms on any error of the function and puts invocations, errors and duration on the dashboard. */
  watchFunction(pf: PerspectiefFunction): Alarm {
    const errors = pf.fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' });
    const alarm = this.alarm(`${pf.label}-errors`, {
      metric: errors,
      threshold: 1,
      description: `The ${pf.label} function failed at least once in 5 minutes. See its log group.`,
    });
    this.dashboard.addWidgets(
      new GraphWidget({
        title: `${pf.label}: invocations and errors`,
        left: [pf.fn.metricInvocations({ period: Duration.minutes(5) }), errors],
        right: [pf.fn.metricDuration({ period: Duration.minutes(5), statistic: 'p95' })],
        width: 12,
      }),
    );
    return alarm;
  }

  /** A dead-letter queue should stay empty: one message means an event was lost after its retries. */
  watchQueue(label: string, queue: IQueue): Alarm {
    const depth = queue.metricApproximateNumberOfMessagesVisible({
      period: Duration.minutes(5),
      statistic: 'Maximum',
    });
    const alarm = this.alarm(`${label}-dlq-depth`, {
      metric: depth,
      threshold: 1,
      description: `${label}: messages in the dead-letter queue. Inspect, fix the cause, then redrive.`,
    });
    this.dashboard.addWidgets(new GraphWidget({ title: `${label}: dead letters`, left: [depth], width: 6 }));
    return alarm;
  }

  /**
   * The dispatcher falls behind when a due recipient waits longer than `maxLagSeconds`. Missing data is
   * breaching: the dispatcher publishes the metric every minute, even when nothing is due, so silence means
   * it does not run.
   */
  watchDispatcherLag(maxLagSeconds = 300): Alarm {
    const lag = new Metric({
      namespace: this.namespace,
      metricName: DISPATCH_LAG_METRIC,
      dimensionsMap: { service: SERVICE_NAME },
      statistic: 'Maximum',
      period: Duration.minutes(1),
    });
    const alarm = this.alarm('dispatcher-lag', {
      metric: lag,
      threshold: maxLagSeconds,
      evaluationPeriods: 5,
      treatMissingData: TreatMissingData.BREACHING,
      description: `Due SMS have waited more than ${maxLagSeconds} s for 5 minutes, or the dispatcher stopped running.`,
    });
    this.dashboard.addWidgets(new GraphWidget({ title: 'Dispatcher lag (s)', left: [lag], width: 12 }));
    return alarm;
  }

  /** SMS spend this month (account-wide, `AWS/SNS`) nearing the configured `MonthlySpendLimit`. */
  watchSmsSpend(monthlySpendLimitUsd: number, fraction = 0.8): Alarm {
    const spend = new Metric({
      namespace: 'AWS/SNS',
      metricName: 'SMSMonthToDateSpentUSD',
      statistic: 'Maximum',
      period: Duration.minutes(5),
    });
    const alarm = this.alarm('sms-spend', {
      metric: spend,
      threshold: Math.round(monthlySpendLimitUsd * fraction * 100) / 100,
      description: `SMS spend this month passed ${fraction * 100} % of the ${monthlySpendLimitUsd} USD limit; at the limit SNS stops sending.`,
    });
    this.dashboard.addWidgets(
      new SingleValueWidget({ title: 'SMS spend this month (USD)', metrics: [spend], width: 6 }),
    );
    return alarm;
  }

  /**
   * Share of SMS that failed among those SNS finished with, over 15 minutes, from the `AWS/SNS` metrics of
   * direct publishes to phone numbers. Fewer than 20 finished messages never alarm: a handful of dead
   * numbers is not an incident.
   */
  watchDeliveryFailureRate(maxPercent = 10): Alarm {
    const sns = (metricName: string) =>
      new Metric({
        namespace: 'AWS/SNS',
        metricName,
        dimensionsMap: { PhoneNumber: 'PhoneNumberDirect' },
        statistic: 'Sum',
        period: Duration.minutes(15),
      });
    const rate = new MathExpression({
      expression: 'IF(failed + delivered >= 20, 100 * failed / (failed + delivered), 0)',
      usingMetrics: {
        failed: sns('NumberOfNotificationsFailed'),
        delivered: sns('NumberOfNotificationsDelivered'),
      },
      label: 'Failed SMS (%)',
      period: Duration.minutes(15),
    });
    const alarm = this.alarm('sms-delivery-failures', {
      metric: rate,
      threshold: maxPercent,
      description: `More than ${maxPercent} % of SMS failed in 15 minutes (sender ID refused, spend limit, carrier trouble).`,
    });
    this.dashboard.addWidgets(new GraphWidget({ title: 'SMS delivery', left: [rate], width: 6 }));
    return alarm;
  }

  private alarm(
    name: string,
    options: {
      metric: Metric | MathExpression;
      threshold: number;
      description: string;
      evaluationPeriods?: number;
      treatMissingData?: TreatMissingData;
    },
  ): Alarm {
    const alarm = new Alarm(this, `Alarm-${name}`, {
      metric: options.metric,
      threshold: options.threshold,
      evaluationPeriods: options.evaluationPeriods ?? 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: options.treatMissingData ?? TreatMissingData.NOT_BREACHING,
      alarmDescription: options.description,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.push(alarm);
    return alarm;
  }
}

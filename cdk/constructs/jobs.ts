import { Duration, Stack, TimeZone } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { type PerspectiefFunction, SQS_PRODUCER_KMS_ACTIONS } from './function.js';
import { acknowledge } from './nag.js';
import type { Operations } from './operations.js';

/** How often the job runs: the dispatcher every minute, the purge once a night (Europe/Amsterdam). */
export const EVERY_MINUTE = ScheduleExpression.rate(Duration.minutes(1));
export const NIGHTLY = ScheduleExpression.cron({
  hour: '3',
  minute: '15',
  timeZone: TimeZone.of('Europe/Amsterdam'),
});

export interface ScheduledJobProps {
  function: PerspectiefFunction;
  schedule: ScheduleExpression;
  description: string;
  /** Encrypts the dead-letter queue (the platform's data key: a lost event may name a campaign). */
  key: IKey;
  operations: Operations;
  /**
   * How long a run may still start late. Every-minute jobs should not pile up (the next tick does the
   * work); a nightly job may retry for hours.
   */
  maxEventAge?: Duration;
  retryAttempts?: number;
}

/**
 * A scheduled job: an EventBridge Scheduler schedule with its own role that may invoke only this
 * function, and one dead-letter queue for both failure points (the schedule could not invoke, or the
 * function failed after its retries). The function's errors and the queue's depth are alarmed.
 */
export class ScheduledJob extends Construct {
  readonly schedule: Schedule;
  readonly deadLetterQueue: Queue;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: ScheduledJobProps) {
    super(scope, id);
    const maxEventAge = props.maxEventAge ?? Duration.minutes(1);
    const retryAttempts = props.retryAttempts ?? 0;
    this.deadLetterQueue = deadLetterQueue(this, props.key);
    this.role = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: `Perspectief: the schedule of ${props.function.label} may invoke it and nothing else`,
    });
    this.schedule = new Schedule(this, 'Schedule', {
      schedule: props.schedule,
      description: props.description,
      // The function itself (unqualified), with the role's grants made here exactly: the stock Lambda target
      // also grants every version and alias and leaves out the key of the encrypted dead-letter queue.
      target: {
        bind: () => ({
          arn: props.function.fn.functionArn,
          role: this.role,
          deadLetterConfig: { arn: this.deadLetterQueue.queueArn },
          retryPolicy: {
            maximumEventAgeInSeconds: maxEventAge.toSeconds(),
            maximumRetryAttempts: retryAttempts,
          },
        }),
      },
    });
    this.role.addToPolicy(
      new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [props.function.fn.functionArn] }),
    );
    // A schedule that cannot deliver sends the event to its dead-letter queue with this role. The queue is
    // encrypted with the data key, and SQS asks a producer for GenerateDataKey and Decrypt on it.
    this.role.addToPolicy(
      new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.deadLetterQueue.queueArn] }),
    );
    props.key.grant(this.role, ...SQS_PRODUCER_KMS_ACTIONS);
    // Lambda retries a failed asynchronous run at most twice; the schedule's own retries cover delivery.
    props.function.useDeadLetterQueue(this.deadLetterQueue, {
      retryAttempts: Math.min(retryAttempts, 2),
      maxEventAge,
    });
    props.operations.watchFunction(props.function);
    props.operations.watchQueue(props.function.label, this.deadLetterQueue);
  }
}

/**
 * A KMS-encrypted, TLS-only queue that keeps failed events 14 days: long enough to notice, inspect and
 * redrive after a weekend.
 */
export function deadLetterQueue(scope: Construct, key: IKey, id = 'DeadLetters'): Queue {
  const queue = new Queue(scope, id, {
    encryption: QueueEncryption.KMS,
    encryptionMasterKey: key,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  acknowledge(queue, 'SQS3', 'This queue is itself a dead-letter queue.');
  return queue;
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PerspectiefFunction } from '../../../cdk/constructs/function.js';
import { SNS_DELIVERY_STATUS_ACTIONS } from '../../../cdk/constructs/sms.js';
import { SES_MAIL_CALLS } from '../../../functions/adapters/ses/aws-calls.js';
import { sdkCallsInBundle } from './sdk-calls.js';
import { ACCOUNT, type Loose, REGION, type ResolvedTemplate } from './template.js';

/** One AWS API call a role must be allowed to make, on a concrete resource, and why it makes it. */
export interface Need {
  role: string;
  action: string;
  resource: string;
  why: string;
  /** The resource's own policy (KMS key policy, bucket policy, queue policy), resolved. */
  resourcePolicy?: unknown;
}

/**
 * The KMS actions a service asks of the caller for a call on a resource encrypted with a customer-managed
 * key (AWS's documentation per service): DynamoDB decrypts the table key for the caller and encrypts for
 * writes; S3 decrypts per object read and asks a data key per object put; Secrets Manager decrypts the
 * value; an SQS producer needs a data key and Decrypt.
 */
const KMS_FOR: Record<string, string[]> = {
  'dynamodb:GetItem': ['kms:Decrypt'],
  'dynamodb:Query': ['kms:Decrypt'],
  'dynamodb:PutItem': ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
  'dynamodb:UpdateItem': ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
  'dynamodb:DeleteItem': ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
  'dynamodb:BatchWriteItem': ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
  's3:GetObject': ['kms:Decrypt'],
  's3:PutObject': ['kms:GenerateDataKey'],
  'secretsmanager:GetSecretValue': ['kms:Decrypt'],
  'sqs:SendMessage': ['kms:GenerateDataKey', 'kms:Decrypt'],
};

/**
 * Calls whose code runs in every function that carries them (the web function mails on every new task),
 * so a bundle holding one without its grant would be denied at run time. Other calls may sit in a bundle
 * through shared code on a path that function never takes (the stores of other tables, secret rotation).
 */
const GRANTED_WHEREVER_BUNDLED = new Set(Object.keys(SES_MAIL_CALLS.send));

/** What a function's bundle and wiring show it calls, and what its role was granted through `use*`. */
export interface FunctionFacts {
  logicalId: string;
  label: string;
  role: string;
  bundleCalls: Set<string>;
  uses: PerspectiefFunction['uses'];
}

export class NeedsOf {
  readonly needs: Need[] = [];
  readonly problems: string[] = [];

  constructor(
    private readonly t: ResolvedTemplate,
    private readonly outdir: string,
  ) {}

  private policyOf(type: string, key: string, logicalId: string): unknown {
    for (const [, r] of this.t.ofType(type)) {
      const targets = [r.Properties?.[key]].flat() as unknown[];
      if (targets.some((x) => (x as { Ref?: string })?.Ref === logicalId)) {
        return this.t.resolve(r.Properties?.PolicyDocument);
      }
    }
    return undefined;
  }

  /** The bucket or queue policy of a resource, if it has one. */
  resourcePolicyOf(logicalId: string): unknown {
    const type = this.t.resource(logicalId).Type;
    if (type === 'AWS::S3::Bucket') return this.policyOf('AWS::S3::BucketPolicy', 'Bucket', logicalId);
    if (type === 'AWS::SQS::Queue') return this.policyOf('AWS::SQS::QueuePolicy', 'Queues', logicalId);
    if (type === 'AWS::KMS::Key') return this.t.resolve(this.t.resource(logicalId).Properties?.KeyPolicy);
    return undefined;
  }

  /** The customer-managed key a resource is encrypted with, if any. */
  keyOf(logicalId: string): string | undefined {
    const r = this.t.resource(logicalId);
    const p = (r.Properties ?? {}) as Record<string, Loose>;
    const ref =
      r.Type === 'AWS::DynamoDB::GlobalTable'
        ? p.Replicas?.[0]?.SSESpecification?.KMSMasterKeyId
        : r.Type === 'AWS::S3::Bucket'
          ? p.BucketEncryption?.ServerSideEncryptionConfiguration?.[0]?.ServerSideEncryptionByDefault
              ?.KMSMasterKeyID
          : r.Type === 'AWS::SecretsManager::Secret'
            ? p.KmsKeyId
            : r.Type === 'AWS::SQS::Queue' || r.Type === 'AWS::SNS::Topic'
              ? p.KmsMasterKeyId
              : undefined;
    if (ref === undefined) return undefined;
    return this.t.findByValue('AWS::KMS::Key', String(this.t.resolve(ref)));
  }

  /** A call on a resource, with the KMS calls its encryption implies. */
  add(role: string, action: string, resource: string, resourceId: string | undefined, why: string): void {
    const resourcePolicy = resourceId ? this.resourcePolicyOf(resourceId) : undefined;
    this.needs.push({ role, action, resource, why, ...(resourcePolicy ? { resourcePolicy } : {}) });
    const key = resourceId ? this.keyOf(resourceId) : undefined;
    if (!key) return;
    for (const kms of KMS_FOR[action] ?? []) {
      this.needs.push({
        role,
        action: kms,
        resource: this.t.getAtt(key, 'Arn'),
        why: `${action} on ${resource}, which is encrypted with the key ${key} (${why})`,
        resourcePolicy: this.resourcePolicyOf(key),
      });
    }
  }

  roleOf(functionId: string): string {
    const role = this.t.resource(functionId).Properties?.Role as { 'Fn::GetAtt': [string, string] };
    return role['Fn::GetAtt'][0];
  }

  roleArn(roleId: string): string {
    return this.t.getAtt(roleId, 'Arn');
  }

  /** What the Lambda service does with every function's role: logs, traces, failed events. */
  platform(functionId: string): void {
    const p = this.t.resource(functionId).Properties as Record<string, Loose>;
    const role = this.roleOf(functionId);
    const group = p.LoggingConfig?.LogGroup as { Ref: string } | undefined;
    if (group) {
      const name = this.t.ref(group.Ref);
      const stream = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${name}:log-stream:2026/01/01/[$LATEST]abc`;
      for (const action of ['logs:CreateLogStream', 'logs:PutLogEvents']) {
        this.add(role, action, stream, undefined, `Lambda writes the function's logs to ${name}`);
      }
    } else {
      this.problems.push(`${functionId} has no log group of its own`);
    }
    if (p.TracingConfig?.Mode === 'Active') {
      for (const action of ['xray:PutTraceSegments', 'xray:PutTelemetryRecords']) {
        this.add(
          role,
          action,
          '*',
          undefined,
          'Lambda sends the X-Ray traces of an actively traced function',
        );
      }
    }
    for (const [, config] of this.t.ofType('AWS::Lambda::EventInvokeConfig')) {
      const c = config.Properties as Record<string, Loose>;
      if (c.FunctionName?.Ref !== functionId) continue;
      const destination = String(this.t.resolve(c.DestinationConfig?.OnFailure?.Destination));
      const queue = this.t.findByValue('AWS::SQS::Queue', destination);
      this.add(
        role,
        'sqs:SendMessage',
        destination,
        queue,
        'Lambda sends a failed asynchronous event to the dead-letter queue',
      );
    }
  }

  /** The calls a platform function makes: its `use*` grants, each checked against its bundle. */
  functionCalls(facts: FunctionFacts, declared: Map<string, Set<string>>): void {
    const env = (this.t.resolve(
      (this.t.resource(facts.logicalId).Properties as Record<string, Loose>).Environment?.Variables ?? {},
    ) ?? {}) as Record<string, string>;
    for (const call of facts.bundleCalls) {
      if (!declared.has(call)) {
        this.problems.push(
          `${facts.label}: its bundle makes the SDK call ${call}, which no adapter declares in an aws-calls.ts`,
        );
      } else if (GRANTED_WHEREVER_BUNDLED.has(call) && !facts.uses.some((use) => call in use.calls)) {
        this.problems.push(
          `${facts.label}: its bundle makes the SDK call ${call}, which no grant of it covers`,
        );
      }
    }
    for (const use of facts.uses) {
      // The Lambda runtime tells a function its own name: a grant on itself names that variable.
      const where =
        use.env === 'AWS_LAMBDA_FUNCTION_NAME'
          ? String(this.t.resolve({ Ref: facts.logicalId }))
          : use.env
            ? env[use.env]
            : undefined;
      if (use.env && where === undefined) {
        this.problems.push(
          `${facts.label}: granted ${use.service} through ${use.env}, which its environment lacks`,
        );
        continue;
      }
      for (const [call, actions] of Object.entries(use.calls)) {
        if (!facts.bundleCalls.has(call)) {
          this.problems.push(
            `${facts.label}: granted ${actions.join(', ')} for ${call}, which its deployed bundle never calls`,
          );
          continue;
        }
        const documented = declared.get(call);
        for (const action of actions) {
          if (!documented?.has(action)) {
            this.problems.push(`${facts.label}: ${action} for ${call} is not what its adapter declares`);
          }
          for (const [resource, id] of this.resourcesFor(use, action, where)) {
            this.add(facts.role, action, resource, id, `${facts.label} calls ${call}`);
          }
        }
      }
    }
  }

  /** The concrete resources a call acts on, from the value the function's environment holds. */
  private resourcesFor(
    use: PerspectiefFunction['uses'][number],
    action: string,
    where: string | undefined,
  ): [string, string | undefined][] {
    if (use.service === 'sns') return [['*', undefined]];
    if (use.service === 'ses') {
      // SES authorises SendEmail on the identity that verifies the sender: the address, or its domain.
      const from = where ?? '';
      const domain = from.slice(from.indexOf('@') + 1);
      if (!from.includes('@') || (use.identity !== from && use.identity !== domain)) {
        this.problems.push(`MAIL_FROM=${from} is not verified by the granted identity ${use.identity}`);
        return [];
      }
      return [[`arn:aws:ses:${REGION}:${ACCOUNT}:identity/${use.identity}`, undefined]];
    }
    const type = {
      dynamodb: 'AWS::DynamoDB::GlobalTable',
      s3: 'AWS::S3::Bucket',
      secretsmanager: 'AWS::SecretsManager::Secret',
      lambda: 'AWS::Lambda::Function',
    }[use.service as 'dynamodb' | 's3' | 'secretsmanager' | 'lambda'];
    const id = this.t.findByValue(type, where ?? '');
    if (!id) {
      this.problems.push(`${use.env}=${where} names no ${type} of the stack`);
      return [];
    }
    if (use.service === 's3') {
      return [[`${this.t.getAtt(id, 'Arn')}/${use.prefix ?? ''}3f9a0c2e7b1d4e5f`, id]];
    }
    const arn = this.t.getAtt(id, 'Arn');
    if (use.service === 'dynamodb' && action === 'dynamodb:Query') {
      const indexes = ((this.t.resource(id).Properties as Record<string, Loose>).GlobalSecondaryIndexes ??
        []) as { IndexName: string }[];
      return [[arn, id], ...indexes.map((i): [string, string] => [`${arn}/index/${i.IndexName}`, id])];
    }
    return [[arn, id]];
  }

  /** EventBridge Scheduler: its role invokes the target and sends failed events to the dead-letter queue. */
  schedules(): void {
    for (const [id, schedule] of this.t.ofType('AWS::Scheduler::Schedule')) {
      const target = (schedule.Properties as Record<string, Loose>).Target;
      const role = target.RoleArn['Fn::GetAtt'][0] as string;
      const fn = String(this.t.resolve(target.Arn));
      this.add(
        role,
        'lambda:InvokeFunction',
        fn,
        this.t.findByValue('AWS::Lambda::Function', fn),
        `schedule ${id} invokes its function`,
      );
      if (target.DeadLetterConfig?.Arn) {
        const queue = String(this.t.resolve(target.DeadLetterConfig.Arn));
        this.add(
          role,
          'sqs:SendMessage',
          queue,
          this.t.findByValue('AWS::SQS::Queue', queue),
          `schedule ${id} dead-letters an event it could not deliver`,
        );
      }
    }
  }

  /**
   * The SNS SMS settings custom resource: its provider function calls the SDK action the resource names and
   * passes the delivery-status role; SNS then writes delivery status with that role to its two log groups.
   */
  customResources(): void {
    for (const [id, resource] of this.t.ofType('Custom::AWS')) {
      const p = resource.Properties as Record<string, Loose>;
      const provider = String(this.t.resolve(p.ServiceToken));
      const fn = this.t.findByValue('AWS::Lambda::Function', provider);
      if (!fn) {
        this.problems.push(`${id}: its ServiceToken names no function of the stack`);
        continue;
      }
      const role = this.roleOf(fn);
      this.platform(fn);
      for (const phase of ['Create', 'Update', 'Delete']) {
        if (p[phase] === undefined) continue;
        const call = JSON.parse(String(this.t.resolve(p[phase]))) as {
          service: string;
          action: string;
          parameters?: { attributes?: Record<string, string> };
        };
        const action = `${call.service.toLowerCase()}:${call.action[0]!.toUpperCase()}${call.action.slice(1)}`;
        this.add(role, action, '*', undefined, `${id} calls ${call.service} ${call.action} on ${phase}`);
        const passed = call.parameters?.attributes?.DeliveryStatusIAMRole;
        if (passed) {
          const passedId = this.t.findByValue('AWS::IAM::Role', passed);
          this.add(role, 'iam:PassRole', passed, undefined, `${id} hands SNS the delivery-status role`);
          if (!passedId) {
            this.problems.push(`${id}: DeliveryStatusIAMRole names no role of the stack`);
            continue;
          }
          const groups = this.t
            .ofType('AWS::Logs::LogGroup')
            .filter(([g]) => this.t.ref(g).includes('DirectPublishToPhoneNumber'));
          if (groups.length === 0) this.problems.push(`${id}: no delivery-status log groups in the stack`);
          for (const [g] of groups) {
            const name = this.t.ref(g);
            for (const action of SNS_DELIVERY_STATUS_ACTIONS) {
              const streamLevel = /CreateLogStream|PutLogEvents/.test(action);
              const resource = streamLevel
                ? `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${name}:log-stream:d1c3f0e2`
                : this.t.getAtt(g, 'Arn');
              this.add(passedId, action, resource, undefined, `SNS writes SMS delivery status to ${name}`);
            }
          }
        }
      }
    }
  }

  /** The SDK calls in a deployed function's bundle (`index.mjs` or `index.js` of its asset). */
  async bundleCalls(functionId: string): Promise<Set<string>> {
    const path = this.t.resource(functionId).Metadata?.['aws:asset:path'] as string | undefined;
    if (!path) throw new Error(`${functionId} has no bundled asset (synthesise with bundling)`);
    const dir = join(this.outdir, path);
    let code: string;
    try {
      code = readFileSync(join(dir, 'index.mjs'), 'utf8');
    } catch {
      code = readFileSync(join(dir, 'index.js'), 'utf8');
    }
    return sdkCallsInBundle(code);
  }
}

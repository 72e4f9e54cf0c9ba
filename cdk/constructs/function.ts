import { fileURLToPath } from 'node:url';
import { Duration, type RemovalPolicy, Size, Stack } from 'aws-cdk-lib';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { CfnGlobalTable, ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct, type IConstruct } from 'constructs';
import { DYNAMODB_CALLS } from '../../functions/adapters/dynamodb/aws-calls.js';
import { SECRETS_CALLS } from '../../functions/adapters/secrets-manager/aws-calls.js';
import { SES_MAIL_CALLS } from '../../functions/adapters/ses/aws-calls.js';
import { SNS_SMS_CALLS } from '../../functions/adapters/sns/aws-calls.js';
import { acknowledge, arnRef } from './nag.js';

/** One group of an adapter's `aws-calls.ts`: SDK call → the IAM actions it is authorised by. */
export type AwsCalls = Readonly<Record<string, readonly string[]>>;

/** A right a function holds, as granted by a `use*` method: the calls, and on what. */
export interface FunctionUse {
  /** The environment variable that tells the function the resource. */
  env?: string;
  service: 'dynamodb' | 's3' | 'secretsmanager' | 'lambda' | 'sns' | 'ses';
  /** The SES identity (address or domain) a mail grant names. */
  identity?: string;
  /** The table, bucket, secret or function; none for calls on a phone number (Resource "*"). */
  resource?: IConstruct;
  /** Object key prefix in a bucket. */
  prefix?: string;
  /** Table access level, as the stack asks for it. */
  access?: 'read' | 'update' | 'readWrite';
  calls: AwsCalls;
  /** The KMS actions granted on the resource's customer-managed key for these calls. */
  kms: string[];
}

/** The IAM actions of some calls, each once, sorted. */
export function actionsOf(calls: AwsCalls): string[] {
  return [...new Set(Object.values(calls).flat())].sort();
}

/** Whether a table has global secondary indexes (Query on them needs `<table arn>/index/*`). */
function hasIndexes(table: ITableV2): boolean {
  const cfn = table.node.defaultChild as CfnGlobalTable | undefined;
  const indexes = cfn ? Stack.of(table).resolve(cfn.globalSecondaryIndexes) : undefined;
  return Array.isArray(indexes) && indexes.length > 0;
}

function mergeCalls(groups: AwsCalls[]): AwsCalls {
  return Object.assign({}, ...groups) as AwsCalls;
}

/**
 * The KMS actions a service asks of the caller when a call touches a resource encrypted with a
 * customer-managed key: DynamoDB decrypts the table key on the caller's behalf (and encrypts for writes);
 * S3 asks for a data key per object put and decrypts per object read; Secrets Manager decrypts the value.
 */
export function kmsActionsFor(service: FunctionUse['service'], actions: string[]): string[] {
  const needs = new Set<string>();
  for (const action of actions) {
    if (service === 'dynamodb') {
      needs.add('kms:Decrypt');
      if (!/^dynamodb:(GetItem|Query)$/.test(action)) {
        needs.add('kms:Encrypt');
        needs.add('kms:GenerateDataKey');
      }
    }
    if (service === 's3' && action === 's3:GetObject') needs.add('kms:Decrypt');
    if (service === 's3' && action === 's3:PutObject') needs.add('kms:GenerateDataKey');
    if (service === 'secretsmanager') needs.add('kms:Decrypt');
  }
  return [...needs].sort();
}

/** What SQS asks of a producer on a queue encrypted with a customer-managed key. */
export const SQS_PRODUCER_KMS_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey'];

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The CloudWatch namespace the functions publish their own metrics to (Powertools EMF), per stage. */
export function metricsNamespace(stage: string): string {
  return `Perspectief/${stage}`;
}

/** The Powertools service name: the `service` dimension of every custom metric. */
export const SERVICE_NAME = 'perspectief';

export interface PerspectiefFunctionProps {
  /** Path of the handler below functions/handlers, without extension. */
  handler: string;
  /** Name in alarms and on the dashboard; the handler name unless two functions share a handler. */
  label?: string;
  description: string;
  memorySize?: number;
  timeout?: Duration;
  /**
   * arm64 (Graviton) by default: cheaper per millisecond and as fast for this code. A function whose npm
   * package ships native binaries for x86_64 only (Chromium for Lambda) must say `Architecture.X86_64`.
   */
  architecture?: Architecture;
  /** Scratch space in /tmp (Chromium unpacks itself there). */
  ephemeralStorageMiB?: number;
  logRetention: RetentionDays;
  removalPolicy: RemovalPolicy;
  environment?: Record<string, string>;
  /** Extra files copied into the bundle: [source relative to the repository, destination in the bundle]. */
  copyFiles?: [string, string][];
  /** Packages installed into the bundle's node_modules instead of bundled (native or binary payloads). */
  nodeModules?: string[];
  /**
   * Packages left out of the bundle because the code only imports them lazily on a path this function
   * cannot take in Lambda. By default `playwright-core`: only a function with Chromium (the PDF renderer,
   * which installs it through `nodeModules`) can render PDFs.
   */
  leaveOut?: string[];
}

/**
 * One Lambda function of the platform: Node 22 on arm64 (unless told otherwise), an ESM esbuild bundle with the AWS SDK left to the
 * runtime, JSON logs into its own log group with retention, X-Ray tracing, and its own role that starts
 * with nothing but writing to that log group. Env vars and IAM grants are added together through the
 * `use*` methods, so a function never gets a name without the right, nor a right without a reason: each
 * method also records why cdk-nag may accept the wildcards its grant needs.
 */
export class PerspectiefFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
  /** Short name used in alarm names and on the dashboard. */
  readonly label: string;
  /** Every right granted through a `use*` method, for the permission test and ARCHITECTURE.md. */
  readonly uses: FunctionUse[] = [];
  /** Where Lambda sends a failed asynchronous event, when the function has a dead-letter queue. */
  deadLetterQueue?: IQueue;

  constructor(scope: Construct, id: string, props: PerspectiefFunctionProps) {
    super(scope, id);
    this.label = props.label ?? props.handler;
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    // An own role instead of the default one with AWSLambdaBasicExecutionRole: that managed policy would let
    // the function create and write any log group in the account.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Perspectief ${props.handler} function`,
    });
    this.logGroup.grantWrite(this.role);
    const copies = props.copyFiles ?? [];
    this.fn = new NodejsFunction(this, 'Function', {
      entry: `${ROOT}functions/handlers/${props.handler}.ts`,
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: props.architecture ?? Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(29),
      ...(props.ephemeralStorageMiB
        ? { ephemeralStorageSize: Size.mebibytes(props.ephemeralStorageMiB) }
        : {}),
      tracing: Tracing.ACTIVE,
      loggingFormat: LoggingFormat.JSON,
      logGroup: this.logGroup,
      role: this.role,
      projectRoot: ROOT,
      depsLockFilePath: `${ROOT}package-lock.json`,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        minify: true,
        sourceMap: true,
        mainFields: ['module', 'main'],
        externalModules: ['@aws-sdk/*', ...(props.leaveOut ?? ['playwright-core'])],
        ...(props.nodeModules && props.nodeModules.length > 0 ? { nodeModules: props.nodeModules } : {}),
        // CommonJS dependencies bundled into ESM still reach for require, __filename and __dirname.
        banner: [
          "import { createRequire as __cr } from 'node:module';",
          "import { fileURLToPath as __fu } from 'node:url';",
          "import { dirname as __dn } from 'node:path';",
          'const require = __cr(import.meta.url);',
          'const __filename = __fu(import.meta.url);',
          'const __dirname = __dn(__filename);',
        ].join(' '),
        tsconfig: `${ROOT}tsconfig.json`,
        esbuildArgs: { '--jsx': 'automatic', '--jsx-import-source': 'hono/jsx' },
        ...(copies.length > 0
          ? {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (inputDir: string, outputDir: string) =>
                  copies.map(
                    ([from, to]) =>
                      `mkdir -p "$(dirname "${outputDir}/${to}")" && cp "${inputDir}/${from}" "${outputDir}/${to}"`,
                  ),
              },
            }
          : {}),
      },
    });
    acknowledge(
      this,
      'IAM5',
      'X-Ray PutTraceSegments and PutTelemetryRecords do not support resource-level permissions.',
      ['Resource::*'],
    );
    acknowledge(
      this,
      'L1',
      'Node.js 22 is the runtime the bundles target (esbuild node22) and the project is tested on; a newer runtime is a deliberate upgrade, not a drift.',
    );
  }

  /**
   * Grants the item calls of `DYNAMODB_CALLS` a function makes on a table (and its indexes) and tells it the
   * name in `envName`: `read` (GetItem, Query), `update` (read, UpdateItem and DeleteItem: no new items),
   * `readWrite` (update, PutItem and BatchWriteItem). No Scan, no table-level calls.
   */
  useTable(envName: string, table: ITableV2, access: 'read' | 'update' | 'readWrite'): this {
    this.fn.addEnvironment(envName, table.tableName);
    const groups =
      access === 'read'
        ? { read: DYNAMODB_CALLS.read }
        : access === 'update'
          ? { read: DYNAMODB_CALLS.read, update: DYNAMODB_CALLS.update }
          : DYNAMODB_CALLS;
    const calls = mergeCalls(Object.values(groups));
    // Query is the one call that also reads the indexes; every other call acts on the table's own items.
    const itemActions = actionsOf(calls).filter((a) => a !== 'dynamodb:Query');
    this.fn.addToRolePolicy(new PolicyStatement({ actions: itemActions, resources: [table.tableArn] }));
    const indexes = hasIndexes(table);
    this.fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [table.tableArn, ...(indexes ? [`${table.tableArn}/index/*`] : [])],
      }),
    );
    this.record({
      env: envName,
      service: 'dynamodb',
      resource: table,
      calls,
      access,
      key: table.encryptionKey,
    });
    if (indexes) {
      acknowledge(
        this,
        'IAM5',
        "Query may read the table's own indexes (<table arn>/index/*), nothing else.",
        [`Resource::${arnRef(table)}/index/*`],
      );
    }
    return this;
  }

  /** Grants reading one secret (`SECRETS_CALLS.read`) and tells the function its ARN in `envName`. */
  useSecret(envName: string, secret: ISecret): this {
    this.fn.addEnvironment(envName, secret.secretArn);
    const calls = SECRETS_CALLS.read;
    this.fn.addToRolePolicy(
      new PolicyStatement({ actions: actionsOf(calls), resources: [secret.secretArn] }),
    );
    this.record({
      env: envName,
      service: 'secretsmanager',
      resource: secret,
      calls,
      key: secret.encryptionKey,
    });
    return this;
  }

  /**
   * Grants the object calls of one adapter's group (`calls`) below `prefix` of a bucket, with the KMS actions
   * they need on its key, and tells the function the bucket name in `envName`.
   */
  useBucket(envName: string, bucket: IBucket, calls: AwsCalls, prefix: string): this {
    this.fn.addEnvironment(envName, bucket.bucketName);
    const objects = bucket.arnForObjects(`${prefix}*`);
    this.fn.addToRolePolicy(new PolicyStatement({ actions: actionsOf(calls), resources: [objects] }));
    this.record({ env: envName, service: 's3', resource: bucket, prefix, calls, key: bucket.encryptionKey });
    acknowledge(
      this,
      'IAM5',
      `Object-level access to the objects below "${prefix}" of the platform's own bucket, nothing else.`,
      [`Resource::${arnRef(bucket)}/${prefix}*`],
    );
    return this;
  }

  /** Lets the function invoke one other function (`calls`: its adapter's invoke group) and tells it the name in `envName`. */
  useInvoke(envName: string, target: PerspectiefFunction, calls: AwsCalls): this {
    this.fn.addEnvironment(envName, target.fn.functionName);
    this.fn.addToRolePolicy(
      new PolicyStatement({ actions: actionsOf(calls), resources: [target.fn.functionArn] }),
    );
    this.record({ env: envName, service: 'lambda', resource: target.fn, calls });
    return this;
  }

  /**
   * Lets the function hand work to itself (`calls`: the job runner's invoke group) on its own ARN alone, no
   * versions or aliases: the asynchronous call that runs a job outside the request. The Lambda runtime tells
   * the function its own name, so no variable is needed. A policy of its own, attached to the role: the
   * function waits for its role's default policy, which therefore cannot name the function.
   */
  useSelfInvoke(calls: AwsCalls): this {
    new Policy(this, 'InvokeSelf', {
      statements: [
        new PolicyStatement({
          sid: 'HandJobsToItself',
          actions: actionsOf(calls),
          resources: [this.fn.functionArn],
        }),
      ],
    }).attachToRole(this.role);
    this.record({ env: 'AWS_LAMBDA_FUNCTION_NAME', service: 'lambda', resource: this.fn, calls });
    return this;
  }

  /**
   * The one right only the dispatcher holds: the SMS gateway's opt-out check and `sns:Publish` straight to
   * phone numbers (`SNS_SMS_CALLS.send`). A phone number is not an ARN, so neither can be scoped to a resource.
   */
  usePhonePublish(): this {
    const calls = SNS_SMS_CALLS.send;
    this.fn.addToRolePolicy(
      new PolicyStatement({ sid: 'PublishSmsToPhoneNumbers', actions: actionsOf(calls), resources: ['*'] }),
    );
    this.record({ service: 'sns', calls });
    acknowledge(
      this,
      'IAM5',
      'sns:Publish to a phone number (the PhoneNumber parameter) and sns:CheckIfPhoneNumberIsOptedOut have no resource ARN and require Resource "*". Only the dispatcher gets them.',
      ['Resource::*'],
    );
    return this;
  }

  /**
   * Lets the function send task notifications through SES (`SES_MAIL_CALLS.send`) from `from`, on the
   * verified identity's ARN alone (`identity`: the address or its domain), and tells it the sender in
   * MAIL_FROM. SES authorises SendEmail on the sender's identity, so no other identity can be used.
   */
  useMailSender(from: string, identity: string): this {
    this.fn.addEnvironment('MAIL_FROM', from);
    const calls = SES_MAIL_CALLS.send;
    const stack = Stack.of(this);
    const arn = stack.formatArn({ service: 'ses', resource: 'identity', resourceName: identity });
    this.fn.addToRolePolicy(
      new PolicyStatement({ sid: 'SendMailAsVerifiedIdentity', actions: actionsOf(calls), resources: [arn] }),
    );
    this.record({ env: 'MAIL_FROM', service: 'ses', identity, calls });
    return this;
  }

  /**
   * Tells the function its Cognito user pool, app client and sign-in domain. The IDs are not secret and
   * verifying tokens needs only the pool's public keys, so there is no grant.
   */
  useUserPool(pool: IUserPool, client: IUserPoolClient, signInUrl: string): this {
    this.fn.addEnvironment('COGNITO_USER_POOL_ID', pool.userPoolId);
    this.fn.addEnvironment('COGNITO_CLIENT_ID', client.userPoolClientId);
    this.fn.addEnvironment('COGNITO_SIGN_IN_URL', signInUrl);
    return this;
  }

  /**
   * Tells Powertools Metrics where to publish. Metrics travel as EMF log lines to CloudWatch, so no IAM
   * right is needed; the namespace is the only binding.
   */
  useMetrics(namespace: string): this {
    this.fn.addEnvironment('POWERTOOLS_METRICS_NAMESPACE', namespace);
    return this;
  }

  /**
   * Sends failed asynchronous invocations (schedules, SNS, log subscriptions) to a dead-letter queue after
   * `retryAttempts`, so nothing fails silently: the queue's depth is alarmed.
   */
  useDeadLetterQueue(queue: IQueue, options: { retryAttempts: number; maxEventAge: Duration }): this {
    // Lambda sends the failed event with the function's role: SendMessage, and the KMS actions an encrypted
    // queue asks of a producer. Granted here exactly, instead of the destination's wider default grant.
    this.fn.configureAsyncInvoke({
      onFailure: { bind: () => ({ destination: queue.queueArn }) },
      retryAttempts: options.retryAttempts,
      maxEventAge: options.maxEventAge,
    });
    this.fn.addToRolePolicy(
      new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] }),
    );
    queue.encryptionMasterKey?.grant(this.fn, ...SQS_PRODUCER_KMS_ACTIONS);
    this.deadLetterQueue = queue;
    return this;
  }

  /** Records a use and grants the KMS actions its calls need on the resource's customer-managed key. */
  private record(use: Omit<FunctionUse, 'kms'> & { key?: IKey | undefined }): void {
    const { key, ...rest } = use;
    const kms = key ? kmsActionsFor(use.service, actionsOf(use.calls)) : [];
    if (key && kms.length > 0) key.grant(this.fn, ...kms);
    this.uses.push({ ...rest, kms });
  }
}

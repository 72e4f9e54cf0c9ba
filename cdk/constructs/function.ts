import { fileURLToPath } from 'node:url';
import { Duration, type RemovalPolicy, Size } from 'aws-cdk-lib';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge, arnRef } from './nag.js';

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

  /** Grants access to a table and tells the function its name in `envName`. */
  useTable(envName: string, table: ITableV2, access: 'read' | 'readWrite'): this {
    this.fn.addEnvironment(envName, table.tableName);
    if (access === 'read') table.grantReadData(this.fn);
    else table.grantReadWriteData(this.fn);
    return this.acknowledgeTable(table);
  }

  /**
   * Grants the narrower per-item access the delivery-status and purge functions need: read, update and
   * delete items, no Scan of other tables, no PutItem of new ones.
   */
  useTableForUpdates(envName: string, table: ITableV2): this {
    this.fn.addEnvironment(envName, table.tableName);
    table.grant(this.fn, 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem');
    table.encryptionKey?.grantEncryptDecrypt(this.fn);
    return this.acknowledgeTable(table);
  }

  /** Grants read access to a secret and tells the function its ARN in `envName`. */
  useSecret(envName: string, secret: ISecret): this {
    this.fn.addEnvironment(envName, secret.secretArn);
    secret.grantRead(this.fn);
    return this;
  }

  /**
   * Grants object access below `prefix` of a bucket (and its KMS key) and tells the function the bucket name
   * in `envName`. `put` is enough to sign presigned POST uploads; `readWrite` also reads and deletes.
   */
  useBucket(envName: string, bucket: IBucket, access: 'read' | 'put' | 'readWrite', prefix = ''): this {
    this.fn.addEnvironment(envName, bucket.bucketName);
    const objects = `${prefix}*`;
    if (access === 'read') bucket.grantRead(this.fn, objects);
    else if (access === 'put') bucket.grantPut(this.fn, objects);
    else bucket.grantReadWrite(this.fn, objects);
    acknowledge(
      this,
      'IAM5',
      `Object-level access to every object below "${prefix || '/'}" of the platform's own bucket; the action wildcards come from the CDK bucket grant.`,
      [
        `Resource::${arnRef(bucket)}/${objects}`,
        ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map(
          (a) => `Action::${a}`,
        ),
      ],
    );
    return this.acknowledgeKms();
  }

  /** Lets the function invoke one other function (synchronously or not) and tells it the name in `envName`. */
  useInvoke(envName: string, target: PerspectiefFunction): this {
    this.fn.addEnvironment(envName, target.fn.functionName);
    target.fn.grantInvoke(this.fn);
    acknowledge(
      this,
      'IAM5',
      'lambda:InvokeFunction on "<function arn>:*" covers the versions and aliases of that one function.',
      [`Resource::${arnRef(target.fn)}:*`],
    );
    return this;
  }

  /**
   * Lets the function hand work to itself: `lambda:InvokeFunction` on its own ARN alone (no versions or
   * aliases), for the asynchronous call that runs a job outside the request. The Lambda runtime tells the
   * function its own name, so no variable is needed. A policy of its own, attached to the role: the
   * function waits for its role's default policy, which therefore cannot name the function.
   */
  useSelfInvoke(): this {
    new Policy(this, 'InvokeSelf', {
      statements: [
        new PolicyStatement({
          sid: 'HandJobsToItself',
          actions: ['lambda:InvokeFunction'],
          resources: [this.fn.functionArn],
        }),
      ],
    }).attachToRole(this.role);
    return this;
  }

  /** Lets the function publish to one topic and tells it the ARN in `envName`. */
  useTopic(envName: string, topic: ITopic): this {
    this.fn.addEnvironment(envName, topic.topicArn);
    topic.grantPublish(this.fn);
    return this.acknowledgeKms();
  }

  /** Lets the function send to (`send`) or consume (`consume`) one queue; its URL goes in `envName`. */
  useQueue(envName: string, queue: IQueue, access: 'send' | 'consume'): this {
    this.fn.addEnvironment(envName, queue.queueUrl);
    if (access === 'send') queue.grantSendMessages(this.fn);
    else queue.grantConsumeMessages(this.fn);
    return this.acknowledgeKms();
  }

  /**
   * The one right only the dispatcher holds: `sns:Publish` straight to phone numbers. A phone number is not
   * an ARN, so the action cannot be scoped to a resource.
   */
  usePhonePublish(): this {
    this.fn.addToRolePolicy(
      new PolicyStatement({ sid: 'PublishSmsToPhoneNumbers', actions: ['sns:Publish'], resources: ['*'] }),
    );
    acknowledge(
      this,
      'IAM5',
      'sns:Publish to a phone number (the PhoneNumber parameter) has no resource ARN and requires Resource "*". Only the dispatcher gets it.',
      ['Resource::*'],
    );
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
    this.fn.configureAsyncInvoke({
      onFailure: new SqsDestination(queue),
      retryAttempts: options.retryAttempts,
      maxEventAge: options.maxEventAge,
    });
    return this.acknowledgeKms();
  }

  private acknowledgeTable(table: ITableV2): this {
    acknowledge(this, 'IAM5', 'The table grant covers its own indexes (<table arn>/index/*), nothing else.', [
      `Resource::${arnRef(table)}/index/*`,
    ]);
    return this.acknowledgeKms();
  }

  private acknowledgeKms(): this {
    acknowledge(
      this,
      'IAM5',
      'GenerateDataKey* and ReEncrypt* are the KMS actions the CDK grants add for the platform key that encrypts this resource; they are scoped to that key.',
      ['Action::kms:GenerateDataKey*', 'Action::kms:ReEncrypt*'],
    );
    return this;
  }
}

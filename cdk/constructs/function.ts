import { fileURLToPath } from 'node:url';
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface PerspectiefFunctionProps {
  /** Path of the handler below functions/handlers, without extension. */
  handler: string;
  description: string;
  memorySize?: number;
  timeout?: Duration;
  logRetention: RetentionDays;
  removalPolicy: RemovalPolicy;
  environment?: Record<string, string>;
  /** Extra files copied into the bundle: [source relative to the repository, destination in the bundle]. */
  copyFiles?: [string, string][];
}

/**
 * One Lambda function of the platform: Node 22 on arm64, an ESM esbuild bundle with the AWS SDK left to the
 * runtime, JSON logs into its own log group with retention, X-Ray tracing. Env vars and IAM grants are
 * added together through `useTable` and `useSecret`, so a function never gets a name without the right.
 */
export class PerspectiefFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: PerspectiefFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    const copies = props.copyFiles ?? [];
    this.fn = new NodejsFunction(this, 'Function', {
      entry: `${ROOT}functions/handlers/${props.handler}.ts`,
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(29),
      tracing: Tracing.ACTIVE,
      loggingFormat: LoggingFormat.JSON,
      logGroup: this.logGroup,
      projectRoot: ROOT,
      depsLockFilePath: `${ROOT}package-lock.json`,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        POWERTOOLS_SERVICE_NAME: 'perspectief',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        minify: true,
        sourceMap: true,
        mainFields: ['module', 'main'],
        externalModules: ['@aws-sdk/*'],
        banner: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
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
  }

  /** Grants access to a table and tells the function its name in `envName`. */
  useTable(envName: string, table: ITableV2, access: 'read' | 'readWrite'): this {
    this.fn.addEnvironment(envName, table.tableName);
    if (access === 'read') table.grantReadData(this.fn);
    else table.grantReadWriteData(this.fn);
    return this;
  }

  /** Grants read access to a secret and tells the function its ARN in `envName`. */
  useSecret(envName: string, secret: ISecret): this {
    this.fn.addEnvironment(envName, secret.secretArn);
    secret.grantRead(this.fn);
    return this;
  }
}

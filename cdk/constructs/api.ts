import { CfnOutput, type RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { Data } from './data.js';
import { PerspectiefFunction } from './function.js';

/**
 * The web application: one Lambda running the Hono app behind an HTTP API with throttling and access logs.
 * Access logs leave out the caller's IP address and the query string: neither is needed to operate.
 */
export class Api extends Construct {
  readonly api: HttpApi;
  readonly function: PerspectiefFunction;

  constructor(
    scope: Construct,
    id: string,
    props: { data: Data; municipality: string; logRetention: RetentionDays; removalPolicy: RemovalPolicy },
  ) {
    super(scope, id);
    this.function = new PerspectiefFunction(this, 'Web', {
      handler: 'api',
      description: 'Perspectief web application (Hono)',
      memorySize: 1024,
      logRetention: props.logRetention,
      removalPolicy: props.removalPolicy,
      environment: { PERSPECTIEF_MUNICIPALITY: props.municipality, STYLESHEET_DIR: '/var/task/assets' },
      copyFiles: [
        ['node_modules/@utrecht/design-tokens/dist/theme.css', 'assets/theme.css'],
        ['node_modules/@utrecht/component-library-css/dist/index.css', 'assets/components.css'],
      ],
    })
      .useTable('TABLE_MAIN', props.data.tables.main, 'readWrite')
      .useTable('TABLE_RECIPIENTS', props.data.tables.recipients, 'readWrite')
      .useTable('TABLE_AUDIT', props.data.tables.audit, 'readWrite')
      .useTable('TABLE_HASHES', props.data.tables.hashes, 'readWrite')
      .useSecret('SESSION_SECRET_ARN', props.data.sessionSecret)
      .useSecret('HMAC_SECRET_ARN', props.data.hmacSecret);

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    this.api = new HttpApi(this, 'HttpApi', {
      description: 'Perspectief',
      defaultIntegration: new HttpLambdaIntegration('Web', this.function.fn),
      createDefaultStage: false,
    });
    this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            method: '$context.httpMethod',
            route: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
    new CfnOutput(this, 'Url', {
      value: this.api.apiEndpoint,
      description: 'Address of the web application',
    });
  }
}

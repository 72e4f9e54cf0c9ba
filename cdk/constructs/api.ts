import { readdirSync } from 'node:fs';
import { CfnOutput, Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { DomainName, HttpApi, LogGroupLogDestination, SecurityPolicy } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { HttpMethods } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { UPLOAD_STAGING_CALLS } from '../../functions/adapters/s3/aws-calls.js';
import { type Data, UPLOADS_PREFIX } from './data.js';
import { PerspectiefFunction } from './function.js';
import { acknowledge } from './nag.js';

/** Largest file a browser may upload straight to S3 with a presigned POST (contact lists, BAG extracts). */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export interface ApiProps {
  data: Data;
  municipality: string;
  logRetention: RetentionDays;
  removalPolicy: RemovalPolicy;
  metricsNamespace: string;
  /** A custom domain with its ACM certificate (same region); without it the execute-api address is used. */
  customDomain?: { domainName: string; certificateArn: string };
}

/**
 * The web application: one Lambda running the Hono app behind an HTTP API with throttling and access logs.
 * Access logs leave out the caller's IP address and the query string: neither is needed to operate.
 * With a custom domain, the execute-api address is switched off so there is one way in.
 */
export class Api extends Construct {
  readonly api: HttpApi;
  readonly function: PerspectiefFunction;
  /** `https://host` without a trailing slash: where people open the app and Cognito sends them back to. */
  readonly publicUrl: string;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.function = new PerspectiefFunction(this, 'Web', {
      handler: 'api',
      description: 'Perspectief web application (Hono)',
      // Requests end at API Gateway's 30 s; the letter jobs the function hands to itself (composing up to
      // 10,000 letters, about 230 MB of HTML, then waiting for the PDF function's 5 minutes) need the rest.
      memorySize: 2048,
      timeout: Duration.minutes(6),
      logRetention: props.logRetention,
      removalPolicy: props.removalPolicy,
      environment: {
        PERSPECTIEF_MUNICIPALITY: props.municipality,
        STYLESHEET_DIR: '/var/task/assets',
        BLUEPRINTS_DIR: '/var/task/campaigns',
        UPLOAD_MAX_BYTES: String(MAX_UPLOAD_BYTES),
      },
      // jsdom (the DOM DOMPurify cleans SVG logos on) reads its own files at run time, so it cannot be
      // bundled: it is installed next to the bundle and loaded only when a logo is uploaded.
      nodeModules: ['jsdom'],
      copyFiles: [
        ['node_modules/@utrecht/design-tokens/dist/theme.css', 'assets/theme.css'],
        ['node_modules/@utrecht/component-library-css/dist/index.css', 'assets/components.css'],
        ['node_modules/leaflet/dist/leaflet.js', 'assets/leaflet.js'],
        ['node_modules/leaflet/dist/leaflet.css', 'assets/leaflet.css'],
        // The blueprints are data read at run time, so the bundle carries the same files as the repository.
        ...readdirSync(new URL('../../campaigns/', import.meta.url))
          .filter((file) => file.endsWith('.json'))
          .map((file): [string, string] => [`campaigns/${file}`, `campaigns/${file}`]),
      ],
    })
      .useTable('TABLE_MAIN', props.data.tables.main, 'readWrite')
      .useTable('TABLE_RECIPIENTS', props.data.tables.recipients, 'readWrite')
      .useTable('TABLE_AUDIT', props.data.tables.audit, 'readWrite')
      .useTable('TABLE_HASHES', props.data.tables.hashes, 'readWrite')
      .useSecret('SESSION_SECRET_ARN', props.data.sessionSecret)
      .useSecret('HMAC_SECRET_ARN', props.data.hmacSecret)
      // Signing a presigned POST needs PutObject below uploads/ (the browser's upload runs on this right);
      // reading and deleting the file is the ingest function's business.
      .useBucket('FILES_BUCKET', props.data.bucket, UPLOAD_STAGING_CALLS.sign, UPLOADS_PREFIX)
      .useMetrics(props.metricsNamespace);

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    const domainName = props.customDomain
      ? new DomainName(this, 'Domain', {
          domainName: props.customDomain.domainName,
          certificate: Certificate.fromCertificateArn(this, 'Certificate', props.customDomain.certificateArn),
          securityPolicy: SecurityPolicy.TLS_1_2,
        })
      : undefined;
    this.api = new HttpApi(this, 'HttpApi', {
      description: 'Perspectief',
      defaultIntegration: new HttpLambdaIntegration('Web', this.function.fn),
      createDefaultStage: false,
      disableExecuteApiEndpoint: domainName !== undefined,
    });
    this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      ...(domainName ? { domainMapping: { domainName } } : {}),
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
    this.publicUrl = domainName ? `https://${props.customDomain?.domainName}` : this.api.apiEndpoint;
    this.function.fn.addEnvironment('PERSPECTIEF_PUBLIC_URL', this.publicUrl);
    // The browser posts uploads straight to S3; only the app's own origin may do so.
    props.data.bucket.addCorsRule({
      allowedOrigins: [this.publicUrl],
      allowedMethods: [HttpMethods.POST],
      allowedHeaders: ['*'],
      maxAge: 600,
    });
    for (const route of this.api.node.findAll()) {
      if (route.node.id === 'DefaultRoute') {
        acknowledge(
          route,
          'APIG4',
          'The app authenticates every request itself (signed server-side session, Cognito ID token at login, CSRF on every change) and must serve the login page to anonymous visitors; an API Gateway authorizer would add a second, conflicting session model.',
        );
      }
    }
    new CfnOutput(this, 'Url', { value: this.publicUrl, description: 'Address of the web application' });
    if (domainName) {
      new CfnOutput(this, 'DomainTarget', {
        value: domainName.regionalDomainName,
        description: `CNAME target for ${props.customDomain?.domainName}`,
      });
    }
  }
}

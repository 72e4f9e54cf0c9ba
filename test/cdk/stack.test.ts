import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { StageConfigSchema } from '../../cdk/config.js';
import { MAX_UPLOAD_BYTES } from '../../cdk/constructs/api.js';
import { PerspectiefStack } from '../../cdk/stacks/perspectief-stack.js';
import { TABLES } from '../../functions/adapters/dynamodb/tables.js';
import { RoleSchema } from '../../functions/core/auth/roles.js';
import { acknowledgments, actionsOf, allowStatements, synthChecked } from './synth.js';

function synth(context: Record<string, unknown>, options: { bundle?: boolean } = {}) {
  const config = StageConfigSchema.parse({ municipality: 'Teststad', logRetentionDays: 90, ...context });
  return synthChecked(
    (app) => new PerspectiefStack(app, `Test-${config.stage}`, { config, env: { region: 'eu-central-1' } }),
    options,
  );
}

/** Resolves `{ Ref }` / `{ Fn::GetAtt }` to the logical id it points at. */
function refOf(value: unknown): string | undefined {
  const v = value as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
  return v?.Ref ?? v?.['Fn::GetAtt']?.[0];
}

function logicalIdOf(template: Template, type: string, pathPart: string): string {
  const ids = Object.keys(template.findResources(type)).filter((id) => id.includes(pathPart));
  expect(ids).toHaveLength(1);
  return ids[0]!;
}

describe('the CDK stack', () => {
  let test: Template;
  let prod: Template;
  let testStack: PerspectiefStack;
  beforeAll(() => {
    const built = synth({
      stage: 'test',
      retentionDays: 45,
      monthlySpendLimitUsd: 250,
      smsSpendQuotaUsd: 300,
      senderId: 'Teststad',
      alarmEmail: 'beheer@teststad.nl',
    });
    test = built.template;
    testStack = built.stack;
    prod = synth({ stage: 'prod' }, { bundle: false }).template;
    // Bundling every function (Chromium for Lambda included) takes minutes when the machine is busy with other
    // synths; the limit only stops a hung synth, it measures nothing.
  }, 900_000);

  it('declares every AWS table of the shared table list, keys and indexes included', () => {
    const awsTables = TABLES.filter((t) => !t.localOnly);
    test.resourceCountIs('AWS::DynamoDB::GlobalTable', awsTables.length);
    for (const spec of awsTables) {
      test.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        KeySchema: [
          { AttributeName: spec.partitionKey, KeyType: 'HASH' },
          { AttributeName: spec.sortKey, KeyType: 'RANGE' },
        ],
        ...(spec.ttlAttribute
          ? { TimeToLiveSpecification: { AttributeName: spec.ttlAttribute, Enabled: true } }
          : {}),
        ...(spec.indexes.length > 0
          ? {
              GlobalSecondaryIndexes: spec.indexes.map((i) =>
                Match.objectLike({
                  IndexName: i.name,
                  KeySchema: [
                    { AttributeName: i.partitionKey, KeyType: 'HASH' },
                    { AttributeName: i.sortKey, KeyType: 'RANGE' },
                  ],
                }),
              ),
            }
          : {}),
      });
    }
  });

  it('encrypts every table with the customer-managed key and keeps point-in-time recovery on', () => {
    const tables = test.findResources('AWS::DynamoDB::GlobalTable');
    for (const table of Object.values(tables)) {
      expect(table.Properties.SSESpecification).toMatchObject({ SSEEnabled: true, SSEType: 'KMS' });
      const replica = table.Properties.Replicas[0];
      expect(replica.SSESpecification.KMSMasterKeyId).toBeDefined();
      expect(replica.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    }
    test.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('retains data and protects tables, bucket, keys and users from deletion in production only', () => {
    for (const table of Object.values(prod.findResources('AWS::DynamoDB::GlobalTable'))) {
      expect(table.DeletionPolicy).toBe('Retain');
      expect(table.Properties.Replicas[0].DeletionProtectionEnabled).toBe(true);
    }
    for (const type of ['AWS::S3::Bucket', 'AWS::KMS::Key', 'AWS::Cognito::UserPool']) {
      for (const r of Object.values(prod.findResources(type))) expect(r.DeletionPolicy).toBe('Retain');
    }
    prod.hasResourceProperties('AWS::Cognito::UserPool', { DeletionProtection: 'ACTIVE' });
    for (const table of Object.values(test.findResources('AWS::DynamoDB::GlobalTable'))) {
      expect(table.DeletionPolicy).toBe('Delete');
    }
  });

  it('keeps uploads and letters in one KMS-encrypted, private, TLS-only, versioned bucket that forgets uploads after the retention period', () => {
    const keyId = logicalIdOf(test, 'AWS::KMS::Key', 'DataDataKey');
    const bucketId = logicalIdOf(test, 'AWS::S3::Bucket', 'DataFiles');
    const bucket = test.findResources('AWS::S3::Bucket')[bucketId]!.Properties;
    const sse = bucket.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault;
    expect(sse.SSEAlgorithm).toBe('aws:kms');
    expect(refOf(sse.KMSMasterKeyID)).toBe(keyId);
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.LifecycleConfiguration.Rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Prefix: 'uploads/', ExpirationInDays: 45, Status: 'Enabled' }),
        expect.objectContaining({ NoncurrentVersionExpiration: { NoncurrentDays: 7 } }),
      ]),
    );
    expect(refOf(bucket.LoggingConfiguration.DestinationBucketName)).toBe(
      logicalIdOf(test, 'AWS::S3::Bucket', 'DataAccessLogs'),
    );
    const policy = Object.values(test.findResources('AWS::S3::BucketPolicy')).find(
      (p) => refOf(p.Properties.Bucket) === bucketId,
    );
    expect(policy?.Properties.PolicyDocument.Statement).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Effect: 'Deny',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      ]),
    );
    expect(bucket.CorsConfiguration.CorsRules).toEqual([
      expect.objectContaining({ AllowedMethods: ['POST'] }),
    ]);
  });

  it('runs the web app as one Node 22 arm64 Lambda with tracing, its bindings in env, and its own log group with retention', () => {
    test.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: Match.objectLike({ LogFormat: 'JSON' }),
      Environment: {
        Variables: Match.objectLike({
          TABLE_MAIN: Match.anyValue(),
          TABLE_RECIPIENTS: Match.anyValue(),
          TABLE_AUDIT: Match.anyValue(),
          TABLE_HASHES: Match.anyValue(),
          SESSION_SECRET_ARN: Match.anyValue(),
          HMAC_SECRET_ARN: Match.anyValue(),
          FILES_BUCKET: Match.anyValue(),
          UPLOAD_MAX_BYTES: String(MAX_UPLOAD_BYTES),
          COGNITO_USER_POOL_ID: Match.anyValue(),
          COGNITO_CLIENT_ID: Match.anyValue(),
          COGNITO_SIGN_IN_URL: Match.anyValue(),
          PERSPECTIEF_PUBLIC_URL: Match.anyValue(),
          POWERTOOLS_METRICS_NAMESPACE: 'Perspectief/test',
          STYLESHEET_DIR: '/var/task/assets',
        }),
      },
    });
    const groups = test.findResources('AWS::Logs::LogGroup');
    const appGroups = Object.entries(groups).filter(([id]) => id.startsWith('Api'));
    expect(appGroups.length).toBe(2);
    for (const [, g] of appGroups) expect(g.Properties.RetentionInDays).toBe(90);
  });

  it('gives each function its own role without AWS managed policies', () => {
    const functions = Object.values(test.findResources('AWS::Lambda::Function'));
    const roles = functions.map((f) => refOf(f.Properties.Role));
    expect(new Set(roles).size).toBe(functions.length);
    for (const role of Object.values(test.findResources('AWS::IAM::Role'))) {
      expect(role.Properties.ManagedPolicyArns ?? []).toEqual([]);
    }
  });

  it('grants the web function its tables, secrets and bucket, and no wildcard action', () => {
    const webRole = logicalIdOf(test, 'AWS::IAM::Role', 'ApiWebRole');
    const statements = allowStatements(test).filter((s) => s.roles.includes(webRole));
    const actions = statements.flatMap((s) => actionsOf(s.statement));
    expect(actions).toEqual(
      expect.arrayContaining([
        'dynamodb:PutItem',
        'dynamodb:Query',
        'secretsmanager:GetSecretValue',
        's3:PutObject',
        'kms:Decrypt',
        'logs:PutLogEvents',
      ]),
    );
    expect(actions.some((a) => a === '*' || a.endsWith(':*'))).toBe(false);
    const tableIds = Object.keys(test.findResources('AWS::DynamoDB::GlobalTable'));
    const granted = new Set(
      statements
        .filter((s) => actionsOf(s.statement).includes('dynamodb:PutItem'))
        .flatMap((s) => [s.statement.Resource].flat().map(refOf))
        .filter((id) => id !== undefined),
    );
    expect([...granted].sort()).toEqual([...tableIds].sort());
  });

  it('lets the web function alone invoke the contact-file reader, which alone reads and deletes uploads', () => {
    const webRole = testStack.getLogicalId(testStack.api.function.role.node.defaultChild as never);
    const ingestRole = testStack.getLogicalId(testStack.ingest.function.role.node.defaultChild as never);
    const ingestFn = testStack.getLogicalId(testStack.ingest.function.fn.node.defaultChild as never);
    const invokers = allowStatements(test).filter(
      (s) =>
        actionsOf(s.statement).includes('lambda:InvokeFunction') &&
        JSON.stringify(s.statement.Resource).includes(`"${ingestFn}"`),
    );
    expect(invokers.flatMap((s) => s.roles)).toEqual([webRole]);
    test.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      MemorySize: 2048,
      Environment: { Variables: Match.objectLike({ UPLOAD_MAX_BYTES: String(50 * 1024 * 1024) }) },
    });
    // The web function may only put below uploads/ (the browser's upload runs on that right); reading or
    // deleting there is the reader's business. Its reading rights are for letters/ (the PDF handover).
    const webS3 = allowStatements(test).filter(
      (s) => s.roles.includes(webRole) && actionsOf(s.statement).some((a) => a.startsWith('s3:')),
    );
    const uploadsGrants = webS3.filter((s) => JSON.stringify(s.statement.Resource).includes('/uploads/*'));
    expect(uploadsGrants.flatMap((s) => actionsOf(s.statement)).filter((a) => a.startsWith('s3:'))).toEqual(
      expect.arrayContaining(['s3:PutObject']),
    );
    for (const grant of uploadsGrants) {
      expect(actionsOf(grant.statement).some((a) => /^s3:(GetObject|DeleteObject)/.test(a))).toBe(false);
    }
    const readers = allowStatements(test).filter((s) =>
      actionsOf(s.statement).some((a) => a.startsWith('s3:DeleteObject')),
    );
    expect(readers.flatMap((s) => s.roles)).toContain(ingestRole);
    for (const r of readers.filter((s) => s.roles.includes(ingestRole))) {
      expect(JSON.stringify(r.statement.Resource)).toContain('/uploads/*');
    }
  });

  it('lets the dispatcher alone publish SMS', () => {
    const dispatcherRole = testStack.getLogicalId(testStack.dispatcher.role.node.defaultChild as never);
    const publishers = allowStatements(test).filter((s) =>
      actionsOf(s.statement).some((a) => a === 'sns:Publish' || a === 'sns:*' || a === '*'),
    );
    expect(publishers.length).toBeGreaterThan(0);
    for (const p of publishers) expect(p.roles).toEqual([dispatcherRole]);
  });

  it('lets the delivery-status function only read and update recipients', () => {
    const role = testStack.getLogicalId(testStack.deliveryStatus.role.node.defaultChild as never);
    const recipients = testStack.getLogicalId(testStack.data.tables.recipients.node.defaultChild as never);
    const own = allowStatements(test).filter((s) => s.roles.includes(role));
    const dynamo = own.filter((s) => actionsOf(s.statement).some((a) => a.startsWith('dynamodb:')));
    expect(dynamo.length).toBeGreaterThan(0);
    for (const s of dynamo) expect(JSON.stringify(s.statement.Resource)).toContain(recipients);
    expect(
      dynamo
        .flatMap((s) => actionsOf(s.statement))
        .filter((a) => a.startsWith('dynamodb:'))
        .sort(),
    ).toEqual(['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem'].sort());
    for (const s of own) {
      expect(
        actionsOf(s.statement).some((a) => a.startsWith('sns:') || a.startsWith('secretsmanager:')),
      ).toBe(false);
    }
  });

  it('runs the dispatcher every minute and tells it the public address for its links', () => {
    test.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(1 minute)' });
    const fnId = testStack.getLogicalId(testStack.dispatcher.fn.node.defaultChild as never);
    const fn = test.findResources('AWS::Lambda::Function')[fnId]!;
    expect(Object.keys(fn.Properties.Environment.Variables)).toEqual(
      expect.arrayContaining(['PERSPECTIEF_PUBLIC_URL', 'TABLE_RECIPIENTS', 'HMAC_SECRET_ARN']),
    );
    expect(Object.keys(fn.Properties.Environment.Variables)).not.toContain('SESSION_SECRET_ARN');
  });

  it('runs the PDF function on x86_64 (the only architecture Chromium for Lambda ships) with 2 GB, and tells the web function its name', () => {
    const pdfId = testStack.getLogicalId(testStack.pdf.function.fn.node.defaultChild as never);
    const pdf = test.findResources('AWS::Lambda::Function')[pdfId]!.Properties;
    expect(pdf.Architectures).toEqual(['x86_64']);
    expect(pdf.MemorySize).toBe(2048);
    expect(pdf.Timeout).toBe(300);
    expect(pdf.EphemeralStorage).toEqual({ Size: 1024 });
    expect(Object.keys(pdf.Environment.Variables)).toContain('FILES_BUCKET');
    expect(Object.keys(pdf.Environment.Variables)).not.toContain('TABLE_MAIN');
    const webId = testStack.getLogicalId(testStack.api.function.fn.node.defaultChild as never);
    const web = test.findResources('AWS::Lambda::Function')[webId]!.Properties;
    expect(web.Environment.Variables.PDF_FUNCTION_NAME).toEqual({ Ref: pdfId });
    for (const fn of [
      testStack.api.function,
      testStack.dispatcher,
      testStack.purge,
      testStack.deliveryStatus,
    ]) {
      const id = testStack.getLogicalId(fn.fn.node.defaultChild as never);
      expect(test.findResources('AWS::Lambda::Function')[id]!.Properties.Architectures).toEqual(['arm64']);
    }
  });

  it('lets the web function invoke the PDF function, and nobody else', () => {
    const pdfId = testStack.getLogicalId(testStack.pdf.function.fn.node.defaultChild as never);
    const webRole = testStack.getLogicalId(testStack.api.function.role.node.defaultChild as never);
    const invokers = allowStatements(test).filter((s) =>
      actionsOf(s.statement).some((a) => a === 'lambda:InvokeFunction' || a === 'lambda:*' || a === '*'),
    );
    const ofPdf = invokers.filter((s) => JSON.stringify(s.statement.Resource).includes(pdfId));
    expect(ofPdf.flatMap((s) => s.roles)).toEqual([webRole]);
    const ingestId = testStack.getLogicalId(testStack.ingest.function.fn.node.defaultChild as never);
    const webId = testStack.getLogicalId(testStack.api.function.fn.node.defaultChild as never);
    for (const s of invokers.filter((s) => s.roles.includes(webRole))) {
      for (const resource of [s.statement.Resource].flat()) {
        expect(JSON.stringify(resource)).toMatch(new RegExp(`${pdfId}|${ingestId}|${webId}`));
      }
    }
    // Letter jobs: the web function may invoke itself, exactly its own ARN (no versions, no aliases), and
    // no other role may.
    const ofWeb = invokers.filter((s) => JSON.stringify(s.statement.Resource).includes(`"${webId}"`));
    expect(ofWeb.flatMap((s) => s.roles)).toEqual([webRole]);
    expect(ofWeb.flatMap((s) => [s.statement.Resource].flat())).toEqual([{ 'Fn::GetAtt': [webId, 'Arn'] }]);
    expect(ofWeb.flatMap((s) => actionsOf(s.statement))).toEqual(['lambda:InvokeFunction']);
    const permissions = Object.values(test.findResources('AWS::Lambda::Permission')).filter((p) =>
      JSON.stringify(p.Properties.FunctionName).includes(pdfId),
    );
    expect(permissions).toEqual([]);
  });

  it('lets the web and PDF functions use letters/ in the bucket, which forgets its objects after a day', () => {
    const bucketId = logicalIdOf(test, 'AWS::S3::Bucket', 'DataFiles');
    const rules = test.findResources('AWS::S3::Bucket')[bucketId]!.Properties.LifecycleConfiguration.Rules;
    expect(rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Prefix: 'letters/',
          ExpirationInDays: 1,
          NoncurrentVersionExpiration: { NoncurrentDays: 1 },
          Status: 'Enabled',
        }),
      ]),
    );
    for (const fn of [testStack.api.function, testStack.pdf.function]) {
      const role = testStack.getLogicalId(fn.role.node.defaultChild as never);
      const writes = allowStatements(test)
        .filter((s) => s.roles.includes(role))
        .filter((s) => actionsOf(s.statement).some((a) => a.startsWith('s3:PutObject')));
      expect(JSON.stringify(writes.map((s) => s.statement.Resource))).toContain('/letters/*');
    }
  });

  it('puts the app behind an HTTP API with throttling and access logs without IP addresses', () => {
    test.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    test.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: Match.objectLike({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 }),
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
    });
    const stage = Object.values(test.findResources('AWS::ApiGatewayV2::Stage'))[0]!;
    const format = String(stage.Properties.AccessLogSettings.Format);
    expect(format).toContain('$context.requestId');
    expect(format).not.toContain('sourceIp');
    test.resourceCountIs('AWS::ApiGatewayV2::DomainName', 0);
  });

  it('generates the session and HMAC secrets, encrypted with the data key', () => {
    test.resourceCountIs('AWS::SecretsManager::Secret', 2);
    test.allResourcesProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ PasswordLength: 64 }),
      KmsKeyId: Match.anyValue(),
    });
  });

  it('lets only invited users in: one group per role, MFA required, threat protection enforced', () => {
    test.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12 }) },
    });
    const groups = Object.values(test.findResources('AWS::Cognito::UserPoolGroup')).map(
      (g) => g.Properties.GroupName,
    );
    expect(groups.sort()).toEqual([...RoleSchema.options].sort());
    test.resourceCountIs('AWS::Cognito::UserPoolIdentityProvider', 0);
  });

  it('registers the web app as a public authorization-code client that returns to /auth/callback on the API', () => {
    const apiId = logicalIdOf(test, 'AWS::ApiGatewayV2::Api', 'ApiHttpApi');
    test.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      GenerateSecret: false,
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: [{ 'Fn::Join': ['', [{ 'Fn::GetAtt': [apiId, 'ApiEndpoint'] }, '/auth/callback']] }],
    });
    test.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'perspectief-teststad-test' });
  });

  it('applies the SNS SMS settings with a custom resource: transactional, sender ID, spend limit, full success logging', () => {
    const resource = Object.values(test.findResources('Custom::AWS'))[0]!;
    const create = JSON.stringify(resource.Properties.Create);
    for (const expected of [
      '\\"action\\":\\"setSMSAttributes\\"',
      '\\"DefaultSMSType\\":\\"Transactional\\"',
      '\\"DefaultSenderID\\":\\"Teststad\\"',
      '\\"MonthlySpendLimit\\":\\"250\\"',
      '\\"DeliveryStatusSuccessSamplingRate\\":\\"100\\"',
      '\\"DeliveryStatusIAMRole\\":\\"',
    ]) {
      expect(create).toContain(expected);
    }
    const statusRole = logicalIdOf(test, 'AWS::IAM::Role', 'SmsDeliveryStatusRole');
    expect(create).toContain(statusRole);
    test.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: Match.objectLike({
        Statement: [Match.objectLike({ Principal: { Service: 'sns.amazonaws.com' } })],
      }),
    });
    const logGroups = Object.values(test.findResources('AWS::Logs::LogGroup'))
      .map((g) => JSON.stringify(g.Properties.LogGroupName ?? ''))
      .filter((n) => n.includes('DirectPublishToPhoneNumber'));
    expect(logGroups).toHaveLength(2);
    expect(logGroups.some((n) => n.includes('DirectPublishToPhoneNumber/Failure'))).toBe(true);
    const providerPolicy = allowStatements(test).filter((s) =>
      actionsOf(s.statement).includes('sns:SetSMSAttributes'),
    );
    expect(providerPolicy).toHaveLength(1);
    expect(
      allowStatements(test).find((s) => actionsOf(s.statement).includes('iam:PassRole'))?.statement.Resource,
    ).toEqual({ 'Fn::GetAtt': [statusRole, 'Arn'] });
  });

  it('leaves the spend limit alone when the operator stated no approved quota, so a new account can deploy', () => {
    const resource = Object.values(prod.findResources('Custom::AWS'))[0]!;
    const create = JSON.stringify(resource.Properties.Create);
    expect(create).toContain('\\"action\\":\\"setSMSAttributes\\"');
    expect(create).toContain('\\"DefaultSenderID\\"');
    expect(create).not.toContain('MonthlySpendLimit');
  });

  it('keeps the SNS delivery-status logs, which hold full phone numbers, for one day', () => {
    const groups = Object.values(test.findResources('AWS::Logs::LogGroup')).filter((g) =>
      JSON.stringify(g.Properties.LogGroupName ?? '').includes('DirectPublishToPhoneNumber'),
    );
    expect(groups).toHaveLength(2);
    for (const g of groups) expect(g.Properties.RetentionInDays).toBe(1);
  });

  it('alarms on web errors, SMS spend at 80 % of the limit and the delivery failure rate, all to the alarm topic', () => {
    const topicId = logicalIdOf(test, 'AWS::SNS::Topic', 'OperationsAlarms');
    const alarms = Object.values(test.findResources('AWS::CloudWatch::Alarm'));
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions.map(refOf)).toEqual([topicId]);
    }
    test.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Errors',
      Namespace: 'AWS/Lambda',
      Threshold: 1,
    });
    test.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'SMSMonthToDateSpentUSD',
      Namespace: 'AWS/SNS',
      Threshold: 200,
    });
    const rate = alarms.find((a) =>
      JSON.stringify(a.Properties.Metrics ?? []).includes('NumberOfNotificationsFailed'),
    );
    expect(JSON.stringify(rate?.Properties.Metrics)).toContain('NumberOfNotificationsDelivered');
    test.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'DispatchLagSeconds',
      Threshold: 300,
    });
    // Web errors, spend, failure rate, dispatcher lag; errors and dead-letter depth of the purge job, the
    // dispatcher job and the delivery-status function; errors of the contact-file reader and the PDF function.
    expect(alarms).toHaveLength(12);
    test.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    test.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'beheer@teststad.nl',
    });
    test.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    prod.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('passes cdk-nag AwsSolutions with every acknowledgment explained', () => {
    const acks = acknowledgments(testStack).filter((a) => a.id.includes('AwsSolutions-'));
    expect(acks.map((a) => a.id.replace(/^Annotation::/, '').replace(/\[.*$/, ''))).toEqual(
      expect.arrayContaining([
        'AwsSolutions-IAM5',
        'AwsSolutions-L1',
        'AwsSolutions-APIG4',
        'AwsSolutions-COG1',
      ]),
    );
    for (const ack of acks) expect(ack.reason.length).toBeGreaterThan(30);
  });
});

describe('the CDK stack with a custom domain and a municipal identity provider', () => {
  it('maps the domain, switches off the execute-api address and sends Cognito back to the domain', () => {
    const { template } = synth(
      {
        stage: 'acc',
        domainName: 'perspectief.teststad.nl',
        certificateArn: 'arn:aws:acm:eu-central-1:111122223333:certificate/abc',
        identityProvider: {
          type: 'oidc',
          name: 'Teststad-AD',
          issuerUrl: 'https://login.teststad.nl',
          clientId: 'perspectief',
          clientSecretName: 'perspectief/oidc',
        },
      },
      { bundle: false },
    );
    template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: 'perspectief.teststad.nl',
      DomainNameConfigurations: [Match.objectLike({ SecurityPolicy: 'TLS_1_2' })],
    });
    template.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: ['https://perspectief.teststad.nl/auth/callback'],
      SupportedIdentityProviders: ['COGNITO', 'Teststad-AD'],
    });
    const idp = Object.values(template.findResources('AWS::Cognito::UserPoolIdentityProvider'))[0]!;
    expect(idp.Properties.ProviderType).toBe('OIDC');
    expect(idp.Properties.ProviderDetails.client_secret).toContain(
      '{{resolve:secretsmanager:perspectief/oidc',
    );
  }, 60_000);

  it('federates a SAML identity provider from its metadata URL', () => {
    const { template } = synth(
      {
        stage: 'acc',
        identityProvider: JSON.stringify({
          type: 'saml',
          name: 'Teststad-SAML',
          metadataUrl: 'https://idp.teststad.nl/metadata.xml',
        }),
      },
      { bundle: false },
    );
    template.hasResourceProperties('AWS::Cognito::UserPoolIdentityProvider', {
      ProviderType: 'SAML',
      ProviderName: 'Teststad-SAML',
      ProviderDetails: Match.objectLike({ MetadataURL: 'https://idp.teststad.nl/metadata.xml' }),
    });
  }, 60_000);
});

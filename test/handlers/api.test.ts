import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import type { APIGatewayProxyResult, LambdaEvent } from 'hono/aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../functions/adapters/dynamodb/client.js';
import { DynamoTable } from '../../functions/adapters/dynamodb/table.js';
import type { TableNames } from '../../functions/adapters/dynamodb/tables.js';
import { DynamoUserStore } from '../../functions/adapters/dynamodb/user-store.js';
import { hashPassword } from '../../functions/adapters/local-auth/local-auth.js';
import {
  type EmbeddedDynamo,
  ensureTables,
  startEmbeddedDynamo,
} from '../../functions/local/dynamo-server.js';

const REGION = 'eu-central-1';
const SESSION_ARN = `arn:aws:secretsmanager:${REGION}:111122223333:secret:SessionSecret-AbCdEf`;
const HMAC_ARN = `arn:aws:secretsmanager:${REGION}:111122223333:secret:HmacSecret-GhIjKl`;
const TABLES: TableNames = {
  main: 'Perspectief-test-MainTable-1A2B3C',
  recipients: 'Perspectief-test-RecipientsTable-4D5E6F',
  audit: 'Perspectief-test-AuditTable-7G8H9I',
  hashes: 'Perspectief-test-HashesTable-0J1K2L',
  outbox: 'Perspectief-test-Outbox-unused',
};
const HOST = 'a1b2c3d4e5.execute-api.eu-central-1.amazonaws.com';

type Handler = (event: LambdaEvent) => Promise<APIGatewayProxyResult & { cookies?: string[] }>;

/** An HTTP API (payload format 2.0) event as API Gateway delivers it to the function. */
function httpEvent(
  method: string,
  path: string,
  options: { body?: string; contentType?: string; cookies?: string[] } = {},
): LambdaEvent {
  const now = Date.now();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    ...(options.cookies ? { cookies: options.cookies } : {}),
    headers: {
      accept: 'text/html,application/xhtml+xml',
      'accept-encoding': 'gzip, deflate, br',
      'accept-language': 'nl-NL,nl;q=0.9',
      'content-length': String(options.body?.length ?? 0),
      ...(options.contentType ? { 'content-type': options.contentType } : {}),
      host: HOST,
      'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0',
      'x-amzn-trace-id': 'Root=1-6740a1b2-0123456789abcdef01234567',
      'x-forwarded-for': '203.0.113.7',
      'x-forwarded-port': '443',
      'x-forwarded-proto': 'https',
    },
    requestContext: {
      accountId: '111122223333',
      apiId: 'a1b2c3d4e5',
      domainName: HOST,
      domainPrefix: 'a1b2c3d4e5',
      http: {
        method,
        path,
        protocol: 'HTTP/1.1',
        sourceIp: '203.0.113.7',
        userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0',
      },
      requestId: `Cx${now.toString(36)}=`,
      routeKey: '$default',
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    ...(options.body === undefined ? {} : { body: options.body }),
    isBase64Encoded: false,
    // Hono's type wants an `authorizer` entry; a route without an authorizer gets none from API Gateway.
  } as unknown as LambdaEvent;
}

function cookieValue(result: { cookies?: string[] }, name: string): string | undefined {
  const cookie = (result.cookies ?? []).find((c) => c.startsWith(`${name}=`));
  return cookie?.split(';')[0]?.slice(name.length + 1);
}

describe('the api Lambda handler', () => {
  let dynamo: EmbeddedDynamo;
  let handler: Handler;
  const secrets = mockClient(SecretsManagerClient);
  const saved = { ...process.env };

  beforeAll(async () => {
    dynamo = await startEmbeddedDynamo({});
    await ensureTables(dynamo.endpoint, TABLES, REGION);
    secrets
      .on(GetSecretValueCommand, { SecretId: SESSION_ARN })
      .resolves({ SecretString: 'session-key-'.padEnd(64, 's') })
      .on(GetSecretValueCommand, { SecretId: HMAC_ARN })
      .resolves({ SecretString: 'hmac-key-'.padEnd(64, 'h') });
    const users = new DynamoUserStore(
      new DynamoTable(createDocumentClient({ region: REGION, endpoint: dynamo.endpoint }), TABLES.main),
    );
    const at = new Date().toISOString();
    await users.create(
      {
        id: 'u-adviser',
        username: 'adviseur',
        displayName: 'Adviseur',
        roles: ['adviser'],
        disabled: false,
        createdAt: at,
        updatedAt: at,
      },
      await hashPassword('correct horse battery staple'),
    );
    Object.assign(process.env, {
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      TABLE_MAIN: TABLES.main,
      TABLE_RECIPIENTS: TABLES.recipients,
      TABLE_AUDIT: TABLES.audit,
      TABLE_HASHES: TABLES.hashes,
      SESSION_SECRET_ARN: SESSION_ARN,
      HMAC_SECRET_ARN: HMAC_ARN,
      PERSPECTIEF_PUBLIC_URL: `https://${HOST}`,
      LOG_LEVEL: 'ERROR',
    });
    ({ handler } = (await import('../../functions/handlers/api.js')) as unknown as { handler: Handler });
  }, 60_000);

  afterAll(async () => {
    process.env = saved;
    secrets.restore();
    await dynamo?.close();
  });

  it('reads both platform secrets from Secrets Manager at cold start', () => {
    const ids = secrets.commandCalls(GetSecretValueCommand).map((call) => call.args[0].input.SecretId);
    expect(ids.sort()).toEqual([HMAC_ARN, SESSION_ARN].sort());
  });

  it('serves the login page with a CSRF cookie and security headers', async () => {
    // Act
    const result = await handler(httpEvent('GET', '/inloggen'));
    // Assess
    expect(result.statusCode).toBe(200);
    expect(result.headers?.['content-type']).toMatch(/text\/html/);
    expect(result.body).toContain('action="/inloggen"');
    expect(result.headers?.['content-security-policy']).toContain("script-src 'self'");
    expect(cookieValue(result, 'pf_csrf')).toMatch(/^[A-Za-z0-9_-]{32,}$/);
  });

  it('answers an unknown address with the Dutch 404 page', async () => {
    const result = await handler(httpEvent('GET', '/bestaat-niet'));
    expect(result.statusCode).toBe(404);
    expect(result.body).toMatch(/niet gevonden/i);
  });

  it('refuses a POST without the CSRF token with 403', async () => {
    const result = await handler(
      httpEvent('POST', '/inloggen', {
        body: 'username=adviseur&password=correct+horse+battery+staple',
        contentType: 'application/x-www-form-urlencoded',
      }),
    );
    expect(result.statusCode).toBe(403);
    expect(cookieValue(result, 'pf_session')).toBeUndefined();
  });

  it('logs a user in against the embedded DynamoDB when the CSRF token comes back', async () => {
    // Prepare
    const page = await handler(httpEvent('GET', '/inloggen'));
    const csrf = cookieValue(page, 'pf_csrf')!;
    // Act
    const result = await handler(
      httpEvent('POST', '/inloggen', {
        body: `_csrf=${csrf}&username=adviseur&password=correct+horse+battery+staple`,
        contentType: 'application/x-www-form-urlencoded',
        cookies: [`pf_csrf=${csrf}`],
      }),
    );
    // Assess
    expect(result.statusCode).toBe(303);
    expect(cookieValue(result, 'pf_session')).toBeTruthy();
    const home = await handler(
      httpEvent('GET', '/', {
        cookies: [`pf_csrf=${csrf}`, `pf_session=${cookieValue(result, 'pf_session')}`],
      }),
    );
    expect(home.statusCode).toBe(200);
  });
});

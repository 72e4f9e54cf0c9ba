import * as z from 'zod';

/**
 * Environment configuration, parsed once. Locally everything has a default so `npm start` needs nothing;
 * in AWS the CDK sets each variable together with the IAM grant it implies.
 */
const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  PERSPECTIEF_DATA_DIR: z.string().default('.perspectief'),
  PERSPECTIEF_PUBLIC_URL: z.string().url().optional(),
  PERSPECTIEF_MUNICIPALITY: z.string().min(1).default('Voorbeeldstad'),
  PERSPECTIEF_JOB_INTERVAL_MS: z.coerce.number().int().min(100).default(5000),
  /** Comma-separated addresses of proxies in front of `npm start` whose X-Forwarded-For is believed. */
  PERSPECTIEF_TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== ''),
    ),
  AWS_REGION: z.string().default('eu-west-1'),
  TABLE_MAIN: z.string().optional(),
  TABLE_RECIPIENTS: z.string().optional(),
  TABLE_AUDIT: z.string().optional(),
  TABLE_HASHES: z.string().optional(),
  SESSION_SECRET_ARN: z.string().optional(),
  HMAC_SECRET_ARN: z.string().optional(),
  STYLESHEET_DIR: z.string().optional(),
  /** Folder of the campaign blueprints (JSON); the repository's `campaigns/` when unset. */
  BLUEPRINTS_DIR: z.string().optional(),
  /** A DynamoDB-API endpoint other than AWS's (the embedded server in handler tests). */
  DYNAMODB_ENDPOINT: z.string().url().optional(),
  /** The bucket for uploads (presigned POST, at most UPLOAD_MAX_BYTES) and generated letters. */
  FILES_BUCKET: z.string().optional(),
  UPLOAD_MAX_BYTES: z.coerce.number().int().positive().optional(),
  /** The function that reads contact files (the web function hands uploads and pasted numbers to it). */
  INGEST_FUNCTION_NAME: z.string().optional(),
  /** Cognito sign-in, set by the CDK next to the pool it deploys. */
  COGNITO_USER_POOL_ID: z.string().optional(),
  COGNITO_CLIENT_ID: z.string().optional(),
  COGNITO_SIGN_IN_URL: z.string().url().optional(),
  /** Where Powertools Metrics publish (`Perspectief/<stage>`). */
  POWERTOOLS_METRICS_NAMESPACE: z.string().optional(),
  /** PDOK Locatieserver (geocoding and autocomplete of arrest locations). */
  PDOK_LOCATIESERVER_URL: z.string().url().default('https://api.pdok.nl/bzk/locatieserver/search/v3_1'),
  /** PDOK BAG OGC API Features (the addresses around them). */
  PDOK_BAG_OGC_URL: z.string().url().default('https://api.pdok.nl/kadaster/bag/ogc/v2'),
  /** The Chromium that prints letters to PDF where the process has one (locally). */
  CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
  /** The PDF function (Chromium for Lambda) the web function invokes in AWS; needs FILES_BUCKET too. */
  PDF_FUNCTION_NAME: z.string().optional(),
  /**
   * The function's own name, set by the Lambda runtime (not the CDK): the web function hands letter jobs to
   * itself through an asynchronous call to this name.
   */
  AWS_LAMBDA_FUNCTION_NAME: z.string().optional(),
  /** The verified SES sender of task notifications (the stack grants ses:SendEmail on its identity alone). */
  MAIL_FROM: z.string().email().optional(),
  LOG_LEVEL: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']).default('INFO'),
});
export type Config = z.infer<typeof ConfigSchema>;

export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new Error(`Ongeldige configuratie / invalid configuration: ${fields}`);
  }
  return parsed.data;
}

/**
 * The AWS resources a function was given. Each Lambda gets only the tables and secrets its work needs (the
 * CDK binds each variable to its IAM grant), so none is required here; the function's builder in
 * functions/wiring/ asks for the ones it needs, and one that is missing fails with a clear message.
 */
export function awsResources(config: Config): {
  tables: { main?: string; recipients?: string; audit?: string; hashes?: string };
  secrets: { sessionSecretArn?: string; hmacSecretArn?: string };
} {
  const pick = <T extends Record<string, string | undefined>>(o: T) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v)) as { [K in keyof T]?: string };
  return {
    tables: pick({
      main: config.TABLE_MAIN,
      recipients: config.TABLE_RECIPIENTS,
      audit: config.TABLE_AUDIT,
      hashes: config.TABLE_HASHES,
    }),
    secrets: pick({ sessionSecretArn: config.SESSION_SECRET_ARN, hmacSecretArn: config.HMAC_SECRET_ARN }),
  };
}

import { z } from 'zod';

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
  AWS_REGION: z.string().default('eu-west-1'),
  TABLE_MAIN: z.string().optional(),
  TABLE_RECIPIENTS: z.string().optional(),
  TABLE_AUDIT: z.string().optional(),
  TABLE_HASHES: z.string().optional(),
  SESSION_SECRET_ARN: z.string().optional(),
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

import { z } from 'zod';

/**
 * Deployment settings per stage, from `cdk.json` context or `-c key=value`. Only cdk/app.ts reads them; the
 * constructs receive a parsed StageConfig.
 */
export const StageConfigSchema = z.object({
  stage: z.string().regex(/^[a-z][a-z0-9-]{1,20}$/),
  municipality: z.string().min(1),
  logRetentionDays: z.coerce.number().int().positive(),
  /** Data stays in the EU: the default region is Frankfurt. */
  region: z
    .string()
    .regex(/^[a-z]{2}-[a-z]+-\d$/)
    .default('eu-central-1'),
});
export type StageConfig = z.infer<typeof StageConfigSchema>;

/** Production stages keep their data when the stack is deleted; other stages clean up. */
export function isProduction(config: StageConfig): boolean {
  return config.stage === 'prod' || config.stage.startsWith('prod-');
}

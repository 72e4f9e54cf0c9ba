import * as z from 'zod';

const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

/** `-c key=value` only gives strings: lists arrive comma-separated, objects as JSON. */
const commaList = (item: z.ZodType<string>) =>
  z.preprocess(
    (value) =>
      typeof value === 'string'
        ? value
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : value,
    z.array(item),
  );
const jsonObject = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' ? JSON.parse(value) : value), schema);
const flag = z.preprocess((value) => (typeof value === 'string' ? value === 'true' : value), z.boolean());

/** A municipality's own identity provider, federated into the user pool. */
export const IdentityProviderSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('oidc'),
    name: z.string().regex(/^[A-Za-z0-9_-]{3,32}$/),
    issuerUrl: z.string().url(),
    clientId: z.string().min(1),
    /** Name of a Secrets Manager secret holding the client secret; the value never enters the template. */
    clientSecretName: z.string().min(1),
  }),
  z.object({
    type: z.literal('saml'),
    name: z.string().regex(/^[A-Za-z0-9_-]{3,32}$/),
    metadataUrl: z.string().url(),
  }),
]);
export type IdentityProviderConfig = z.infer<typeof IdentityProviderSchema>;

/**
 * Deployment settings per stage, from `cdk.json` context or `-c key=value`. Only cdk/app.ts reads them; the
 * constructs receive a parsed StageConfig.
 */
export const StageConfigSchema = z
  .object({
    stage: z.string().regex(/^[a-z][a-z0-9-]{1,20}$/),
    municipality: z.string().min(1),
    logRetentionDays: z.coerce.number().int().positive(),
    /** Data stays in the EU: the default region is Frankfurt. */
    region: z
      .string()
      .regex(/^[a-z]{2}-[a-z]+-\d$/)
      .default('eu-central-1'),
    /** Alphanumeric SMS sender ID: 3–11 letters or digits, at least one letter (operators reject others). */
    senderId: z
      .string()
      .regex(/^(?=.*[A-Za-z])[A-Za-z0-9]{3,11}$/)
      .default('Gemeente'),
    /** Messages per second the dispatcher may publish. */
    smsPerSecond: z.coerce.number().positive().max(100).default(5),
    /** No SMS between these local (Europe/Amsterdam) times. */
    quietHoursStart: Clock.default('21:00'),
    quietHoursEnd: Clock.default('08:00'),
    /** Days after a campaign's last send before its phone numbers are purged; uploads expire with them. */
    retentionDays: z.coerce.number().int().min(1).max(365).default(30),
    /** Hosts the help links in SMS and letters may point to. */
    allowedLinkDomains: commaList(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/)).default([]),
    /** SNS `MonthlySpendLimit` in USD; the spend alarm fires at 80 % of it. */
    monthlySpendLimitUsd: z.coerce.number().int().min(1).default(100),
    /**
     * The SMS spend quota (USD a month) AWS approved for the account in a support case. Only when it is
     * stated does the stack set SNS's `MonthlySpendLimit` (to `monthlySpendLimitUsd`); a new account's quota
     * is USD 1 and SNS refuses any limit above the quota, which would roll the deploy back.
     */
    smsSpendQuotaUsd: z.coerce.number().int().min(1).optional(),
    /** Who receives the alarms by e-mail; without it alarms go to the topic only. */
    alarmEmail: z.string().email().optional(),
    /** Custom domain of the web application, with an ACM certificate in the stack's region. */
    domainName: z
      .string()
      .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/)
      .optional(),
    certificateArn: z.string().startsWith('arn:aws:acm:').optional(),
    /** Prefix of the Cognito sign-in domain; defaults to `perspectief-<municipality>-<stage>`. */
    authDomainPrefix: z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/)
      .optional(),
    identityProvider: jsonObject(IdentityProviderSchema).optional(),
    /** Two-way SMS: an SNS topic for inbound messages (STOP replies) when the number supports it. */
    inboundSms: flag.default(false),
    /**
     * The sender of task notifications, an address of an identity verified in SES in the stack's region;
     * without it no mail is sent (tasks stay on the overview).
     */
    mailFrom: z.string().email().optional(),
    /** The verified SES identity of `mailFrom`: its domain by default, or the address itself. */
    mailIdentity: z
      .string()
      .regex(/^([^\s@]+@)?[a-z0-9.-]+\.[a-z]{2,}$/)
      .optional(),
  })
  .refine(
    (c) =>
      c.mailIdentity === undefined ||
      (c.mailFrom !== undefined &&
        (c.mailIdentity === c.mailFrom || c.mailIdentity === c.mailFrom.slice(c.mailFrom.indexOf('@') + 1))),
    { message: 'mailIdentity is mailFrom itself or its domain', path: ['mailIdentity'] },
  )
  .refine((c) => (c.domainName === undefined) === (c.certificateArn === undefined), {
    message: 'domainName and certificateArn go together',
    path: ['certificateArn'],
  })
  .superRefine((c, ctx) => {
    if (c.smsSpendQuotaUsd === undefined || c.monthlySpendLimitUsd <= c.smsSpendQuotaUsd) return;
    ctx.addIssue({
      code: 'custom',
      path: ['monthlySpendLimitUsd'],
      message: `monthlySpendLimitUsd (${c.monthlySpendLimitUsd}) is above smsSpendQuotaUsd (${c.smsSpendQuotaUsd}), the SMS spend quota AWS approved for this account: SNS refuses a MonthlySpendLimit above the quota and the deploy would roll back. Lower monthlySpendLimitUsd, or request a higher quota (AWS Support: SNS text messaging) and state the approved amount as smsSpendQuotaUsd.`,
    });
  })
  .refine((c) => !/aws|amazon|cognito/.test(authDomainPrefix(c)), {
    message: 'Cognito domain prefixes may not contain aws, amazon or cognito',
    path: ['authDomainPrefix'],
  });
export type StageConfig = z.infer<typeof StageConfigSchema>;

/** The SES identity notifications are sent from: `mailIdentity`, or the domain of `mailFrom`. */
export function mailIdentityOf(config: {
  mailFrom?: string | undefined;
  mailIdentity?: string | undefined;
}): string | undefined {
  if (config.mailFrom === undefined) return undefined;
  return config.mailIdentity ?? config.mailFrom.slice(config.mailFrom.indexOf('@') + 1);
}

/** Parses the merged context of a stage; a bad value stops the synth with its name and what is wrong. */
export function parseStageConfig(input: unknown): StageConfig {
  const parsed = StageConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map(
    (issue) => `  ${issue.path.join('.') || '(context)'}: ${issue.message}`,
  );
  throw new Error(`The CDK context is not a valid stage configuration:\n${lines.join('\n')}`);
}

/** Production stages keep their data when the stack is deleted; other stages clean up. */
export function isProduction(config: { stage: string }): boolean {
  return config.stage === 'prod' || config.stage.startsWith('prod-');
}

/** The Cognito sign-in domain prefix: configured, or derived from municipality and stage. */
export function authDomainPrefix(config: {
  authDomainPrefix?: string | undefined;
  municipality: string;
  stage: string;
}): string {
  if (config.authDomainPrefix) return config.authDomainPrefix;
  const slug = config.municipality
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `perspectief-${slug}-${config.stage}`.slice(0, 63).replace(/-$/, '');
}

/** The keys cdk/app.ts reads from the context. */
export const CONTEXT_KEYS = [
  'stage',
  'municipality',
  'logRetentionDays',
  'region',
  'senderId',
  'smsPerSecond',
  'quietHoursStart',
  'quietHoursEnd',
  'retentionDays',
  'allowedLinkDomains',
  'monthlySpendLimitUsd',
  'smsSpendQuotaUsd',
  'alarmEmail',
  'domainName',
  'certificateArn',
  'authDomainPrefix',
  'identityProvider',
  'inboundSms',
  'mailFrom',
  'mailIdentity',
] as const;

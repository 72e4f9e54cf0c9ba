import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CONTEXT_KEYS, parseStageConfig } from './config.js';
import { PerspectiefStack } from './stacks/perspectief-stack.js';

/**
 * The only reader of CDK context and the deployment environment. The settings of a stage come from
 * `stages.<stage>` in cdk.json; a top-level context value (`-c key=value`) overrides them.
 */
const app = new App();
const stage = app.node.tryGetContext('stage') ?? 'test';
const perStage = app.node.tryGetContext('stages')?.[stage] ?? {};
const overrides = Object.fromEntries(
  CONTEXT_KEYS.map((key) => [key, app.node.tryGetContext(key)]).filter(([, value]) => value !== undefined),
);
const merged = { ...perStage, ...overrides, stage };
const config = parseStageConfig({
  ...merged,
  region: merged.region ?? process.env.CDK_DEFAULT_REGION,
});
new PerspectiefStack(app, `Perspectief-${config.stage}`, {
  config,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: config.region },
  description: `Perspectief — communicatie na een politieactie (${config.municipality}, ${config.stage})`,
});
// Every synth is checked: an unsuppressed finding is an error that stops `cdk synth` and `cdk deploy`.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
app.synth();

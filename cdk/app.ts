import { App } from 'aws-cdk-lib';
import { StageConfigSchema } from './config.js';
import { PerspectiefStack } from './stacks/perspectief-stack.js';

/** The only reader of CDK context and the deployment environment. */
const app = new App();
const config = StageConfigSchema.parse({
  stage: app.node.tryGetContext('stage'),
  municipality: app.node.tryGetContext('municipality'),
  logRetentionDays: app.node.tryGetContext('logRetentionDays'),
  region: app.node.tryGetContext('region') ?? process.env.CDK_DEFAULT_REGION,
});
new PerspectiefStack(app, `Perspectief-${config.stage}`, {
  config,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: config.region },
  description: `Perspectief — communicatie na een politieactie (${config.municipality}, ${config.stage})`,
});
app.synth();

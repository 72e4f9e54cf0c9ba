import { readFileSync, writeFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { awsActionsSection, replaceSection } from './aws-actions-doc.js';
import { StageConfigSchema } from './config.js';
import { PerspectiefStack } from './stacks/perspectief-stack.js';

/** Writes the list of AWS API actions per role into ARCHITECTURE.md (`npm run docs:aws-actions`). */
const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
const config = StageConfigSchema.parse({
  stage: 'test',
  municipality: 'Voorbeeldstad',
  logRetentionDays: 90,
  inboundSms: true,
  mailFrom: 'perspectief@voorbeeldstad.nl',
});
const stack = new PerspectiefStack(app, 'Docs', {
  config,
  env: { account: '111122223333', region: config.region },
});
const file = new URL('../ARCHITECTURE.md', import.meta.url);
writeFileSync(file, replaceSection(readFileSync(file, 'utf8'), awsActionsSection(stack)));

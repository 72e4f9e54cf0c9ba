import { App, type Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

export interface Checked<T extends Stack> {
  stack: T;
  template: Template;
}

/**
 * Builds a stack in a fresh app with cdk-nag's AwsSolutions pack registered, synthesises it, and returns
 * its template. Synthesis throws when any finding is not acknowledged, so every caller proves zero
 * unsuppressed findings. `bundle: false` skips esbuild for tests that only look at the template.
 */
export function synthChecked<T extends Stack>(
  build: (app: App) => T,
  options: { bundle?: boolean; context?: Record<string, unknown> } = {},
): Checked<T> {
  const app = new App({
    context: {
      ...(options.bundle === false ? { 'aws:cdk:bundling-stacks': [] } : {}),
      ...options.context,
    },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = build(app);
  app.synth();
  return { stack, template: Template.fromStack(stack) };
}

/** Every acknowledgment (rule id and reason) recorded anywhere in the tree. */
export function acknowledgments(root: IConstruct): { path: string; id: string; reason: string }[] {
  const found: { path: string; id: string; reason: string }[] = [];
  for (const node of root.node.findAll()) {
    for (const entry of node.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, unknown>)) {
        found.push({
          path: node.node.path,
          id,
          reason: typeof reason === 'string' ? reason : JSON.stringify(reason),
        });
      }
    }
  }
  return found;
}

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Principal?: unknown };

/** The Allow statements of every IAM policy in the template, with the roles each is attached to. */
export function allowStatements(template: Template): { roles: string[]; statement: Statement }[] {
  const out: { roles: string[]; statement: Statement }[] = [];
  for (const policy of Object.values(template.findResources('AWS::IAM::Policy'))) {
    const roles = (policy.Properties.Roles ?? []).map((r: { Ref: string }) => r.Ref);
    for (const statement of policy.Properties.PolicyDocument.Statement as Statement[]) {
      if (statement.Effect === 'Allow') out.push({ roles, statement });
    }
  }
  for (const [logicalId, role] of Object.entries(template.findResources('AWS::IAM::Role'))) {
    for (const inline of role.Properties.Policies ?? []) {
      for (const statement of inline.PolicyDocument.Statement as Statement[]) {
        if (statement.Effect === 'Allow') out.push({ roles: [logicalId], statement });
      }
    }
  }
  return out;
}

export function actionsOf(statement: Statement): string[] {
  return [statement.Action].flat();
}

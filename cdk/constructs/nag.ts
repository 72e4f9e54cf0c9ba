import { type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Accepts an AwsSolutions finding on `scope` and everything below it, with the reason a reviewer reads.
 * cdk-nag v3 matches findings exactly, so wildcard findings are listed one by one (`findings`), never
 * accepted wholesale for a rule.
 */
export function acknowledge(scope: IConstruct, rule: string, reason: string, findings?: string[]): void {
  const ids = findings ? findings.map((f) => `AwsSolutions-${rule}[${f}]`) : [`AwsSolutions-${rule}`];
  for (const id of ids) Validations.of(scope).acknowledge({ id, reason });
}

/** How cdk-nag prints a `Fn::GetAtt [resource, Arn]` inside a policy: `<LogicalId.Arn>`. */
export function arnRef(resource: IConstruct): string {
  const element = (resource.node.defaultChild ?? resource) as CfnElement;
  return `<${Stack.of(resource).getLogicalId(element)}.Arn>`;
}

import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { Need } from './needs.js';
import { ACCOUNT, type Loose, type ResolvedTemplate } from './template.js';

type Statement = { Effect: string; Action?: string | string[]; Resource?: string | string[] };
type Document = { Version?: string; Statement: Statement[] };

/** The identity policies attached to a role (its inline policies and every AWS::IAM::Policy naming it), resolved. */
export function identityPolicies(t: ResolvedTemplate, roleId: string): { name: string; policy: Document }[] {
  const out: { name: string; policy: Document }[] = [];
  const role = t.resource(roleId).Properties as Record<string, Loose>;
  if ((role.ManagedPolicyArns ?? []).length > 0) throw new Error(`${roleId} has managed policies`);
  for (const inline of role.Policies ?? []) {
    out.push({ name: inline.PolicyName, policy: t.resolve(inline.PolicyDocument) as Document });
  }
  for (const [id, policy] of t.ofType('AWS::IAM::Policy')) {
    const p = policy.Properties as Record<string, Loose>;
    if ((p.Roles ?? []).some((r: { Ref?: string }) => r.Ref === roleId)) {
      out.push({ name: id, policy: t.resolve(p.PolicyDocument) as Document });
    }
  }
  return out;
}

/** Evaluates one need with the IAM simulator: the role's identity policies and the resource's policy. */
export async function evaluate(t: ResolvedTemplate, need: Need): Promise<string | undefined> {
  const result = await runSimulation(
    {
      identityPolicies: identityPolicies(t, need.role).map((p) => ({ name: p.name, policy: p.policy })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(need.resourcePolicy ? { resourcePolicy: need.resourcePolicy as Document } : {}),
      request: {
        action: need.action,
        principal: t.getAtt(need.role, 'Arn'),
        resource: { resource: need.resource, accountId: ACCOUNT },
        contextVariables: { 'aws:SecureTransport': 'true' },
      },
    } as Parameters<typeof runSimulation>[0],
    {},
  );
  if (result.resultType === 'error')
    return `the simulator refused the request: ${JSON.stringify(result.errors)}`;
  if (result.overallResult === 'Allowed') return undefined;
  const analysis = result.resultType === 'single' ? result.result.analysis : undefined;
  const why = [
    `identity policies: ${analysis?.identityAnalysis?.result ?? 'n/a'}`,
    ...(need.resourcePolicy ? [`resource policy: ${analysis?.resourceAnalysis?.result ?? 'n/a'}`] : []),
  ].join(', ');
  return `${result.overallResult} (${why})`;
}

function glob(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  );
}

/** Every (action, resource) an Allow statement of the role grants that no need of the role matches. */
export function unusedGrants(t: ResolvedTemplate, roleId: string, needs: Need[]): string[] {
  const own = needs.filter((n) => n.role === roleId);
  const unused: string[] = [];
  for (const { name, policy } of identityPolicies(t, roleId)) {
    for (const statement of policy.Statement) {
      if (statement.Effect !== 'Allow') continue;
      for (const action of [statement.Action ?? []].flat()) {
        for (const resource of [statement.Resource ?? []].flat()) {
          const a = glob(action);
          const r = glob(resource);
          if (!own.some((n) => a.test(n.action) && r.test(n.resource))) {
            unused.push(`${roleId} (${name}) grants ${action} on ${resource}, which nothing it runs calls`);
          }
        }
      }
    }
  }
  return unused;
}

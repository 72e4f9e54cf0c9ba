import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { StageConfigSchema } from '../../cdk/config.js';
import { PerspectiefStack } from '../../cdk/stacks/perspectief-stack.js';
import { actionsOf, allowStatements, synthChecked } from './synth.js';

/** Resolves `{ Ref }` / `{ Fn::GetAtt }` to the logical id it points at. */
function refOf(value: unknown): string | undefined {
  const v = value as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
  return v?.Ref ?? v?.['Fn::GetAtt']?.[0];
}

describe('the purge job in the stack', () => {
  let template: Template;
  let stack: PerspectiefStack;
  let functionId: string;
  let roleId: string;
  beforeAll(() => {
    const config = StageConfigSchema.parse({
      municipality: 'Teststad',
      stage: 'test',
      retentionDays: 45,
      logRetentionDays: 90,
    });
    const built = synthChecked(
      (app) => new PerspectiefStack(app, 'Purge-test', { config, env: { region: 'eu-central-1' } }),
      { bundle: false },
    );
    template = built.template;
    stack = built.stack;
    functionId = stack.getLogicalId(stack.purge.fn.node.defaultChild as never);
    roleId = refOf(template.findResources('AWS::Lambda::Function')[functionId]?.Properties.Role)!;
  }, 120_000);

  it('runs nightly at 03:15 Amsterdam time through a schedule that may invoke only the purge function', () => {
    const schedules = Object.values(template.findResources('AWS::Scheduler::Schedule')).filter(
      (s) => refOf(s.Properties.Target.Arn) === functionId,
    );
    expect(schedules).toHaveLength(1);
    const schedule = schedules[0]!;
    expect(schedule.Properties.ScheduleExpression).toBe('cron(15 3 * * ? *)');
    expect(schedule.Properties.ScheduleExpressionTimezone).toBe('Europe/Amsterdam');
    expect(schedule.Properties.Target.DeadLetterConfig.Arn).toBeDefined();
    const schedulerRole = refOf(schedule.Properties.Target.RoleArn)!;
    const invokes = allowStatements(template).filter((s) => s.roles.includes(schedulerRole));
    const invoked = invokes.filter((s) => actionsOf(s.statement).includes('lambda:InvokeFunction'));
    expect(invoked.length).toBeGreaterThan(0);
    for (const { statement } of invoked) expect(JSON.stringify(statement.Resource)).toContain(functionId);
  });

  it('has its own role with the four tables and nothing else: no secret, no bucket, no SMS', () => {
    const statements = allowStatements(template).filter((s) => s.roles.includes(roleId));
    const actions = statements.flatMap((s) => actionsOf(s.statement));
    const resources = JSON.stringify(statements.map((s) => s.statement.Resource));
    const env = template.findResources('AWS::Lambda::Function')[functionId]?.Properties.Environment.Variables;

    expect(actions).toContain('dynamodb:BatchWriteItem');
    expect(actions).toContain('dynamodb:Query');
    expect(actions.some((a) => a.startsWith('secretsmanager:'))).toBe(false);
    expect(actions.some((a) => a.startsWith('s3:'))).toBe(false);
    expect(actions.some((a) => a.startsWith('sns:'))).toBe(false);
    for (const table of Object.values(stack.data.tables)) {
      expect(resources).toContain(stack.getLogicalId(table.node.defaultChild as never));
    }
    expect(
      Object.keys(env)
        .filter((k) => k.startsWith('TABLE_'))
        .sort(),
    ).toEqual(['TABLE_AUDIT', 'TABLE_HASHES', 'TABLE_MAIN', 'TABLE_RECIPIENTS']);
    expect(Object.keys(env).some((k) => k.endsWith('SECRET_ARN') || k === 'FILES_BUCKET')).toBe(false);
    expect(roleId).not.toBe(
      refOf(
        template.findResources('AWS::Lambda::Function')[
          stack.getLogicalId(stack.api.function.fn.node.defaultChild as never)
        ]?.Properties.Role,
      ),
    );
  });

  it('gives the purge enough time for a large campaign, and alarms on its errors', () => {
    const fn = template.findResources('AWS::Lambda::Function')[functionId]!;
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).filter((a) =>
      JSON.stringify(a.Properties).includes(functionId),
    );

    expect(fn.Properties.Timeout).toBe(900);
    expect(alarms.length).toBeGreaterThan(0);
  });
});

import { readFileSync } from 'node:fs';
import type { App } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { awsActionsSection, currentSection } from '../../cdk/aws-actions-doc.js';
import { StageConfigSchema } from '../../cdk/config.js';
import { PerspectiefFunction } from '../../cdk/constructs/function.js';
import { PerspectiefStack } from '../../cdk/stacks/perspectief-stack.js';
import { evaluate, unusedGrants } from './iam/evaluate.js';
import { type FunctionFacts, NeedsOf } from './iam/needs.js';
import { type AdapterDeclaration, adapterDeclarations } from './iam/sdk-calls.js';
import { ACCOUNT, type CfnTemplate, REGION, ResolvedTemplate } from './iam/template.js';
import { synthChecked } from './synth.js';

/**
 * The permission proof. From the synthesized stack with its deployed bundles, derive every AWS API call each
 * role makes — the SDK calls in each function's bundle as its adapters declare them, what Lambda does with
 * a function's role (logs, traces, dead letters), the schedules, the SNS SMS settings and delivery-status
 * logging — with the KMS calls their encrypted resources imply, and evaluate each with an IAM policy
 * simulator against the role's identity policies and the resource's own policy (KMS key policy, bucket and
 * queue policies), on the ARNs the template resolves to. Every call must be allowed, every grant used.
 */
describe('the permissions of every role in the stack', () => {
  let t: ResolvedTemplate;
  let stack: PerspectiefStack;
  let needs: NeedsOf;
  let declarations: AdapterDeclaration[];
  let facts: FunctionFacts[];

  beforeAll(async () => {
    const config = StageConfigSchema.parse({
      stage: 'test',
      municipality: 'Teststad',
      logRetentionDays: 90,
      inboundSms: true,
      mailFrom: 'perspectief@teststad.nl',
      alarmEmail: 'beheer@teststad.nl',
      monthlySpendLimitUsd: 100,
      smsSpendQuotaUsd: 100,
    });
    const built = synthChecked(
      (app) => new PerspectiefStack(app, 'Perms', { config, env: { account: ACCOUNT, region: REGION } }),
      // Asset paths in the template's metadata lead to each function's deployed bundle.
      { context: { 'aws:cdk:enable-asset-metadata': true } },
    );
    stack = built.stack;
    t = new ResolvedTemplate(built.template.toJSON() as CfnTemplate);
    needs = new NeedsOf(t, (stack.node.root as App).outdir);
    declarations = await adapterDeclarations();
    const declared = new Map<string, Set<string>>();
    for (const d of declarations) for (const [call, actions] of d.declared) declared.set(call, actions);
    const functions = stack.node
      .findAll()
      .filter((c): c is PerspectiefFunction => c instanceof PerspectiefFunction);
    facts = [];
    for (const fn of functions) {
      const logicalId = stack.getLogicalId(fn.fn.node.defaultChild as never);
      const f: FunctionFacts = {
        logicalId,
        label: fn.label,
        role: needs.roleOf(logicalId),
        bundleCalls: await needs.bundleCalls(logicalId),
        uses: fn.uses,
      };
      facts.push(f);
      needs.platform(logicalId);
      needs.functionCalls(f, declared);
    }
    needs.schedules();
    needs.customResources();
    // Bundling every function (and installing Chromium for Lambda next to the PDF function) takes minutes on a
    // busy machine; the limit only stops a hung synth.
  }, 900_000);

  it('knows every Lambda function of the template as a platform function or a custom-resource provider', () => {
    const known = new Set([
      ...facts.map((f) => f.logicalId),
      ...t
        .ofType('Custom::AWS')
        .map(([, r]) =>
          t.findByValue('AWS::Lambda::Function', String(t.resolve(r.Properties?.ServiceToken))),
        ),
    ]);
    expect(
      t
        .ofType('AWS::Lambda::Function')
        .map(([id]) => id)
        .filter((id) => !known.has(id)),
    ).toEqual([]);
    expect(facts.map((f) => f.label).sort()).toEqual(
      [
        'api',
        'delivery-status',
        'dispatcher',
        'inbound-sms',
        'ingest-contacts',
        'purge',
        'render-pdf',
      ].sort(),
    );
  });

  it('derives at least one call for every IAM role of the template', () => {
    const roles = t.ofType('AWS::IAM::Role').map(([id]) => id);
    const derived = new Set(needs.needs.map((n) => n.role));
    expect(roles.filter((r) => !derived.has(r))).toEqual([]);
  });

  it('declares, next to each adapter, exactly the SDK calls its source makes', () => {
    const drift = declarations.flatMap((d) => {
      const declared = new Set(d.declared.keys());
      return [
        ...[...d.inSource]
          .filter((c) => !declared.has(c))
          .map((c) => `${d.folder}: calls ${c} but its aws-calls.ts does not declare it`),
        ...[...declared]
          .filter((c) => !d.inSource.has(c))
          .map((c) => `${d.folder}: declares ${c}, which its code never calls`),
      ];
    });
    expect(drift).toEqual([]);
    // The SMS gateway checks the opt-out list before it publishes: both calls are declared.
    const sns = declarations.find((d) => d.folder === 'sns');
    expect([...(sns?.inSource ?? [])].sort()).toEqual([
      'CheckIfPhoneNumberIsOptedOutCommand',
      'PublishCommand',
    ]);
  });

  it('grants each function only calls its deployed bundle makes, and its bundle makes only declared calls', () => {
    expect(needs.problems).toEqual([]);
    const dispatcher = facts.find((f) => f.label === 'dispatcher');
    expect(dispatcher?.bundleCalls.has('CheckIfPhoneNumberIsOptedOutCommand')).toBe(true);
  });

  it('allows every derived call, by identity policy and by key, bucket and queue policy', async () => {
    const denied: string[] = [];
    for (const need of needs.needs) {
      const verdict = await evaluate(t, need);
      if (verdict)
        denied.push(
          `${need.role} may not ${need.action} on ${need.resource}: ${verdict}; needed because ${need.why}`,
        );
    }
    expect(denied).toEqual([]);
    // The two findings that started this proof: the dispatcher's opt-out check and the schedules' dead letters.
    const dispatcherRole = facts.find((f) => f.label === 'dispatcher')!.role;
    expect(
      needs.needs.some((n) => n.role === dispatcherRole && n.action === 'sns:CheckIfPhoneNumberIsOptedOut'),
    ).toBe(true);
    const schedulerKms = needs.needs.filter(
      (n) => n.role.includes('SchedulerRole') && n.action.startsWith('kms:'),
    );
    expect(schedulerKms.map((n) => n.action).sort()).toEqual([
      'kms:Decrypt',
      'kms:Decrypt',
      'kms:GenerateDataKey',
      'kms:GenerateDataKey',
    ]);
  }, 120_000);

  it('mails only as the verified identity, and finds a web function that mails without that grant', async () => {
    // Prepare
    const api = facts.find((f) => f.label === 'api')!;
    const mail = needs.needs.filter((n) => n.role === api.role && n.action === 'ses:SendEmail');
    const withoutGrant = new NeedsOf(t, (stack.node.root as App).outdir);
    const declared = new Map<string, Set<string>>();
    for (const d of declarations) for (const [call, actions] of d.declared) declared.set(call, actions);
    // Act
    withoutGrant.functionCalls({ ...api, uses: api.uses.filter((u) => u.service !== 'ses') }, declared);
    // Assess
    expect(mail.map((n) => n.resource)).toEqual([`arn:aws:ses:${REGION}:${ACCOUNT}:identity/teststad.nl`]);
    expect(await evaluate(t, mail[0]!)).toBeUndefined();
    expect(
      await evaluate(t, { ...mail[0]!, resource: `arn:aws:ses:${REGION}:${ACCOUNT}:identity/elders.nl` }),
    ).toBeDefined();
    expect(withoutGrant.problems).toEqual([
      'api: its bundle makes the SDK call SendEmailCommand, which no grant of it covers',
    ]);
    expect(facts.filter((f) => f.bundleCalls.has('SendEmailCommand')).map((f) => f.label)).toEqual(['api']);
  }, 120_000);

  it('grants nothing that no call uses (least privilege)', () => {
    const unused = t.ofType('AWS::IAM::Role').flatMap(([id]) => unusedGrants(t, id, needs.needs));
    expect(unused).toEqual([]);
  });

  it('lists in ARCHITECTURE.md exactly the actions the stack grants (npm run docs:aws-actions)', () => {
    const text = readFileSync(new URL('../../ARCHITECTURE.md', import.meta.url), 'utf8');
    expect(currentSection(text)).toBe(awsActionsSection(stack));
  });
});

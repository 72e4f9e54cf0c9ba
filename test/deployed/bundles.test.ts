import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StageConfigSchema } from '../../cdk/config.js';
import { PerspectiefStack } from '../../cdk/stacks/perspectief-stack.js';
import type { Acting } from '../../functions/app/audit.js';
import { stagedUploadKey } from '../../functions/app/contact-uploads.js';
import { builtInTemplates } from '../../functions/core/letters/built-in-templates.js';
import { printDocument } from '../../functions/core/letters/print-document.js';
import { httpApiEvent, logsEvent, smsLog, snsRecord } from '../fixtures/aws-events.js';
import { CHROMIUM, type DeployedStack, startDeployedStack } from '../fixtures/deployed-stack.js';
import { type LambdaProcess, lambdaNode } from '../fixtures/lambda-runtime.js';
import { seedApprovedCampaign, sendingMobile } from '../fixtures/sending-builders.js';
import { mobile, vcardOf } from '../fixtures/sms-builders.js';
import { draftCampaign, personWith } from '../integration/app/sms-support.js';
import { addressedLetters, anAddress } from '../unit/letters/builders.js';

/*
 * The deployed functions, run as Lambda runs them: the stack is synthesised once (esbuild bundles every
 * handler, the PDF function's packages are installed next to its bundle) into a folder outside this
 * repository, so a bundle finds nothing it did not carry. Each function then runs from its asset folder on
 * Node 22 with the template's environment and NODE_OPTIONS, the AWS SDK on NODE_PATH like Lambda's
 * /var/runtime/node_modules, and the bootstrap in test/fixtures/lambda-bootstrap.mjs, in a process of its
 * own (a cold start per function). Where the template has a Ref or GetAtt, the function gets a local
 * stand-in name (`standInResolver`: tables `<stack>-<logical id>`, secret ARNs in account 111122223333, the
 * API at https://a1b2c3d4e5.execute-api.eu-central-1.amazonaws.com); `/var/task` in a value is the asset
 * folder. The SDK reaches the embedded DynamoDB (dynalite) and the stand-ins for Secrets Manager, SNS and S3
 * through `AWS_ENDPOINT_URL_<SERVICE>`, so the bundles run unchanged. The PDF function's Chromium for Lambda
 * finds the system Chromium where it would have unpacked its own (`$TMPDIR/chromium`, the function's /tmp).
 * With PERSPECTIEF_CDK_OUT set to a cloud assembly of this stack (synthesised outside the repository), that
 * assembly is used instead of a new synth.
 */

if (!existsSync(CHROMIUM)) {
  throw new Error(`The PDF function needs Chromium at ${CHROMIUM} (apt-get install chromium)`);
}
lambdaNode();

const REGION = 'eu-central-1';
const STACK = 'Perspectief-test';
const FIVE_MB = 5 * 1024 * 1024;

/** The test stage of cdk.json, with the inbound-SMS function switched on so that it is built too. */
function synthesise(outdir: string): void {
  const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context: { stages: Record<string, Record<string, unknown>> };
  };
  const config = StageConfigSchema.parse({ ...cdkJson.context.stages.test, stage: 'test', inboundSms: true });
  // Asset and path metadata, as the CDK command line asks for them: they name each function's asset folder.
  const app = new App({
    outdir,
    context: { 'aws:cdk:enable-asset-metadata': true, 'aws:cdk:enable-path-metadata': true },
  });
  new PerspectiefStack(app, STACK, { config, env: { region: REGION } });
  app.synth();
}

// Generous timeouts: each test starts a process, and a machine with both cores busy makes that slow.
describe('the deployed bundles, run as Lambda runs them', { timeout: 180_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'perspectief-bundles-'));
  const optedOutAtSns = sendingMobile(702);
  let stack: DeployedStack;
  let HOST: string;

  beforeAll(async () => {
    const cdkOut = process.env.PERSPECTIEF_CDK_OUT ?? join(work, 'cdk.out');
    if (!process.env.PERSPECTIEF_CDK_OUT) synthesise(cdkOut);
    stack = await startDeployedStack({
      cdkOut,
      stack: STACK,
      region: REGION,
      work,
      optedOut: new Set([optedOutAtSns]),
    });
    HOST = stack.host;
  }, 600_000);

  afterAll(async () => {
    await stack?.close();
    rmSync(work, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  });

  const start = (label: string): LambdaProcess => stack.start(label);
  const fn = (label: string) => stack.fn(label);
  const resolve = (value: unknown) => stack.resolve(value);

  /** None of these numbers, in international or national form, in what a function logged. */
  function expectNoNumbers(output: string, numbers: readonly string[]): void {
    for (const n of numbers) {
      expect(output).not.toContain(n);
      expect(output).not.toContain(`0${n.slice(3)}`);
    }
  }

  it('runs every function on Node 22 with the deployed NODE_OPTIONS and the AWS SDK left to the runtime', () => {
    // Assess
    expect([...stack.functions.keys()].sort()).toEqual([
      'Api/Web',
      'DeliveryStatus',
      'Dispatcher',
      'InboundSms',
      'Ingest/Reader',
      'Letters/Renderer',
      'Purge',
    ]);
    for (const f of stack.functions.values()) {
      expect(f.runtime).toBe('nodejs22.x');
      expect(f.environment.NODE_OPTIONS).toBe('--enable-source-maps');
      expect(f.taskRoot.startsWith(process.cwd())).toBe(false);
      const code = readFileSync(join(f.taskRoot, 'index.mjs'), 'utf8');
      expect(code).toMatch(/from\s*"@aws-sdk\/client-[a-z0-9-]+"/);
    }
  });

  it('serves a page and takes a form post through the web function, each answer below 5 MB', async () => {
    // Prepare
    const api = start('Api/Web');
    const before = (await stack.deps.hashLists.hashes('opt_out', new Date())).size;
    type HttpAnswer = {
      statusCode: number;
      headers: Record<string, string>;
      body: string;
      cookies?: string[];
      isBase64Encoded: boolean;
    };
    const answers: HttpAnswer[] = [];
    const request = async (event: unknown) => {
      const answer = await api.call<HttpAnswer>(event);
      answers.push(answer);
      return answer;
    };

    // Act
    const page = await request(httpApiEvent(HOST, 'GET', '/stop'));
    const csrf =
      (page.cookies ?? [])
        .find((c) => c.startsWith('pf_csrf='))
        ?.split(';')[0]
        ?.slice(8) ?? '';
    const posted = await request(
      httpApiEvent(HOST, 'POST', '/stop', {
        body: `_csrf=${csrf}&nummer=${encodeURIComponent('06 1234 5678')}`,
        contentType: 'application/x-www-form-urlencoded',
        cookies: [`pf_csrf=${csrf}`],
      }),
    );
    const done = await request(httpApiEvent(HOST, 'GET', '/stop', { query: 'klaar=ja' }));

    // Assess
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body).toContain('action="/stop"');
    expect(csrf).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toBe('/stop?klaar=ja');
    expect(done.statusCode).toBe(200);
    expect((await stack.deps.hashLists.hashes('opt_out', new Date())).size).toBe(before + 1);
    // Both platform secrets came from Secrets Manager at the cold start.
    expect(new Set(stack.secrets.requested)).toEqual(
      new Set([
        resolve(fn('Api/Web').environment.SESSION_SECRET_ARN),
        resolve(fn('Api/Web').environment.HMAC_SECRET_ARN),
      ]),
    );
    for (const answer of answers) {
      const bytes = Buffer.byteLength(answer.body, answer.isBase64Encoded ? 'base64' : 'utf8');
      expect(bytes).toBeLessThanOrEqual(FIVE_MB);
    }
    expectNoNumbers(api.output(), ['+31612345678']);
  });

  it('sends a due campaign through SNS: the opt-out check for every number, one Publish per number not opted out', async () => {
    // Prepare
    const numbers = [sendingMobile(701), optedOutAtSns, sendingMobile(703)];
    const campaign = await seedApprovedCampaign(stack.deps, {
      recipients: numbers.length,
      now: new Date(Date.now() - 60_000),
      ratePerSecond: 50,
      quietHours: { start: '00:00', end: '24:00', days: [1, 2, 3, 4, 5, 6, 7], timeZone: 'Europe/Amsterdam' },
      numberOf: (n) => numbers[n]!,
    });
    const dispatcher = start('Dispatcher');

    // Act
    const report = await dispatcher.call<{ sent?: number }>({
      version: '0',
      id: 'a1b2c3d4-0000-4000-8000-000000000001',
      'detail-type': 'Scheduled Event',
      source: 'aws.scheduler',
      account: '111122223333',
      time: new Date().toISOString(),
      region: REGION,
      resources: [`arn:aws:scheduler:${REGION}:111122223333:schedule/default/dispatcher`],
      detail: '{}',
    });

    // Assess
    expect(report.sent).toBe(2);
    const checked = stack.sns.calls.filter((c) => c.action === 'CheckIfPhoneNumberIsOptedOut');
    expect(new Set(checked.map((c) => c.params.phoneNumber))).toEqual(new Set(numbers));
    expect(new Set(stack.sns.published.map((p) => p.to))).toEqual(new Set([numbers[0], numbers[2]]));
    for (const { params } of stack.sns.published) {
      expect(params.Message).toContain(`https://${HOST}/r/`);
      const attributes = Object.fromEntries(
        Object.entries(params)
          .filter(([k]) => /^MessageAttributes\.entry\.\d+\.Name$/.test(k))
          .map(([k, name]) => [name, params[k.replace(/Name$/, 'Value.StringValue')]]),
      );
      expect(attributes['AWS.SNS.SMS.SMSType']).toBe('Transactional');
      expect(attributes['AWS.SNS.SMS.SenderID']).toBe(campaign.senderName);
    }
    for (const { to, messageId } of stack.sns.published) {
      const record = await stack.deps.recipients.findByMessageId(messageId);
      expect(record?.e164).toBe(to);
      expect(record?.state.status).toBe('sent');
    }
    const counts = await stack.deps.recipients.countByStatus(campaign.id);
    expect(counts.sent).toBe(2);
    expect(counts.failed).toBe(1);
    expect((await stack.deps.campaigns.get(campaign.id))?.status).toBe('completed');
    expectNoNumbers(dispatcher.output(), numbers);
  });

  it('records a delivery receipt from the SNS delivery log subscription', async () => {
    // Prepare
    const campaign = await seedApprovedCampaign(stack.deps, {
      recipients: 1,
      now: new Date(),
      numberOf: () => sendingMobile(801),
    });
    const [recipient] = await stack.deps.recipients.list(campaign.id);
    await stack.deps.recipients.transition(
      campaign.id,
      recipient!.id,
      { type: 'claim', by: 'test' },
      new Date(),
    );
    await stack.deps.recipients.transition(
      campaign.id,
      recipient!.id,
      { type: 'mark_sent', messageId: 'sns-deployed-1' },
      new Date(),
    );
    const status = start('DeliveryStatus');

    // Act
    const result = await status.call(
      logsEvent([smsLog('sns-deployed-1', recipient!.e164, 'SUCCESS', 'Message has been accepted by phone')]),
    );

    // Assess
    expect(result).toEqual({ recorded: 1, ignored: 0, skipped: 0 });
    expect((await stack.deps.recipients.countByStatus(campaign.id)).delivered).toBe(1);
    expectNoNumbers(status.output(), [recipient!.e164]);
  });

  it('puts the sender of a STOP reply on the opt-out list', async () => {
    // Prepare
    const before = (await stack.deps.hashLists.hashes('opt_out', new Date())).size;
    const inbound = start('InboundSms');

    // Act
    const result = await inbound.call({
      Records: [
        snsRecord('in-deployed-1', {
          originationNumber: '+31629990001',
          destinationNumber: '+3197010000000',
          messageKeyword: 'KEYWORD_123456789012',
          messageBody: 'STOP',
          inboundMessageId: 'in-deployed-1',
        }),
      ],
    });

    // Assess
    expect(result).toEqual({ optOuts: 1, ignored: 0, skipped: 0 });
    expect((await stack.deps.hashLists.hashes('opt_out', new Date())).size).toBe(before + 1);
    expectNoNumbers(inbound.output(), ['+31629990001']);
  });

  it('purges a campaign past its retention period and leaves its certificate', async () => {
    // Prepare
    const longAgo = new Date(Date.now() - 61 * 86_400_000);
    const approved = await seedApprovedCampaign(stack.deps, {
      recipients: 2,
      now: longAgo,
      status: 'approved',
      numberOf: (n) => sendingMobile(900 + n),
    });
    // Cancelled two months ago: well past the 30 days of the default retention.
    const campaign = { ...approved, status: 'cancelled' as const, version: approved.version + 1 };
    await stack.deps.campaigns.save(campaign, approved.version);
    const purge = start('Purge');

    // Act
    const report = await purge.call<{ purged: string[]; failed: unknown[] }>({
      'detail-type': 'Scheduled Event',
      source: 'aws.scheduler',
      detail: '{}',
    });

    // Assess
    expect(report.purged).toEqual([campaign.id]);
    expect(report.failed).toEqual([]);
    expect((await stack.deps.campaigns.get(campaign.id))?.status).toBe('purged');
    expect(await stack.deps.recipients.list(campaign.id)).toEqual([]);
    expect(await stack.deps.retention.records.certificate(campaign.id)).toBeDefined();
  });

  it('reads a staged contact file from the bucket into the campaign and deletes the version it read', async () => {
    // Prepare
    const adviser: Acting = await personWith(stack.deps, 'adviseur', ['adviser']);
    const campaignId = await draftCampaign(stack.deps, adviser);
    const bucket = resolve(fn('Ingest/Reader').environment.FILES_BUCKET);
    const key = stagedUploadKey({ kind: 'campaign', campaignId }, adviser.actor.userId, 'k1');
    const numbers = [mobile(41), mobile(42)];
    const stored = stack.s3.put(bucket, key, vcardOf(numbers), {
      telefoon: 'telefoon 1',
      bestandsnaam: 'export.vcf',
    });
    const reader = start('Ingest/Reader');

    // Act
    const result = await reader.call({
      op: 'contacts',
      acting: adviser,
      campaignId,
      input: { stagedKeys: [key] },
    });

    // Assess
    expect(result).toEqual({ ok: true, value: null });
    const [upload] = await stack.deps.contactUploads.list(campaignId);
    expect(upload?.report.source).toBe('telefoon 1');
    expect(upload?.valid).toBe(2);
    expect(stack.s3.deleted).toContainEqual({ bucket, key, versionId: stored.versionId });
    expect(stack.s3.objects.has(`${bucket}/${key}`)).toBe(false);
    expectNoNumbers(reader.output(), numbers);
  });

  it('prints letters from the bucket to a PDF in the bucket with Chromium', async () => {
    // Prepare
    const bucket = resolve(fn('Letters/Renderer').environment.FILES_BUCKET);
    const addresses = [1, 2].map((n) => anAddress({ street: 'Brugstraat', houseNumber: n }));
    stack.s3.put(
      bucket,
      'letters/deployed.html',
      printDocument(addressedLetters(addresses), builtInTemplates()),
    );
    const renderer = start('Letters/Renderer');

    // Act
    const result = await renderer.call<{ ok: boolean; pages?: number; bytes?: number }>({
      htmlKey: 'letters/deployed.html',
      pdfKey: 'letters/deployed.pdf',
      pages: 2,
    });

    // Assess
    const pdf = stack.s3.objects.get(`${bucket}/letters/deployed.pdf`);
    expect(result).toEqual({ ok: true, pages: 2, bytes: pdf?.body.byteLength });
    expect(pdf?.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf?.contentType).toBe('application/pdf');
  });

  it('cleans an SVG logo in the web function with the jsdom installed next to its bundle, on Node 22', async () => {
    // Prepare: the sanitiser bundled as the web function bundles it (jsdom left out), beside its index.mjs
    const root = fn('Api/Web').taskRoot;
    const { build } = await import('esbuild');
    const probe = join(root, 'svg-probe.mjs');
    await build({
      stdin: {
        contents:
          "import { domPurifySvgSanitizer } from './functions/adapters/svg/dompurify-svg-sanitizer.ts';\n" +
          'const out = await domPurifySvgSanitizer().sanitize(process.argv[2]);\nprocess.stdout.write(out);',
        resolveDir: process.cwd(),
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      external: ['jsdom'],
      outfile: probe,
      logLevel: 'silent',
    });
    const hostile =
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script><rect width="5" height="5"/></svg>';

    // Act
    const { execFileSync } = await import('node:child_process');
    const out = execFileSync(lambdaNode(), [probe, hostile], {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: '' },
    });
    rmSync(probe);

    // Assess
    expect(existsSync(join(root, 'node_modules', 'jsdom', 'package.json'))).toBe(true);
    expect(out).toBe('<svg xmlns="http://www.w3.org/2000/svg"><rect width="5" height="5"></rect></svg>');
  });
});

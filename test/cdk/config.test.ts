import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseStageConfig } from '../../cdk/config.js';

const base = { stage: 'prod', municipality: 'Teststad', logRetentionDays: 365 };

describe('the SMS spend limit in the stage configuration', () => {
  it('needs no approved quota: without one the stack leaves the account limit alone', () => {
    // Act
    const config = parseStageConfig({ ...base, monthlySpendLimitUsd: 200 });
    // Assess
    expect(config.smsSpendQuotaUsd).toBeUndefined();
    expect(config.monthlySpendLimitUsd).toBe(200);
  });

  it('accepts a limit within the stated quota, also as -c strings', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        (limit, extra) => {
          const config = parseStageConfig({
            ...base,
            monthlySpendLimitUsd: String(limit),
            smsSpendQuotaUsd: String(limit + extra),
          });
          expect(config.smsSpendQuotaUsd).toBe(limit + extra);
        },
      ),
    );
  });

  it('stops the synth on a limit above the quota, naming both values and what to do', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        (quota, above) => {
          expect(() =>
            parseStageConfig({ ...base, monthlySpendLimitUsd: quota + above, smsSpendQuotaUsd: quota }),
          ).toThrow(
            new RegExp(
              `monthlySpendLimitUsd \\(${quota + above}\\) is above smsSpendQuotaUsd \\(${quota}\\).*roll back.*request a higher quota`,
              's',
            ),
          );
        },
      ),
    );
  });

  it('refuses a quota that is not a positive whole number of dollars', () => {
    for (const bad of ['0', '-5', '1.5', 'veel']) {
      expect(() => parseStageConfig({ ...base, smsSpendQuotaUsd: bad })).toThrow(/smsSpendQuotaUsd/);
    }
  });
});

describe('the sender of task notifications in the stage configuration', () => {
  it('takes the domain of mailFrom as its SES identity, or the address itself, and nothing else', async () => {
    // Prepare
    const { mailIdentityOf } = await import('../../cdk/config.js');
    // Act
    const byDomain = parseStageConfig({ ...base, mailFrom: 'perspectief@gemeente.nl' });
    const byAddress = parseStageConfig({
      ...base,
      mailFrom: 'perspectief@gemeente.nl',
      mailIdentity: 'perspectief@gemeente.nl',
    });
    // Assess
    expect(mailIdentityOf(byDomain)).toBe('gemeente.nl');
    expect(mailIdentityOf(byAddress)).toBe('perspectief@gemeente.nl');
    expect(mailIdentityOf(parseStageConfig(base))).toBeUndefined();
    expect(() => parseStageConfig({ ...base, mailFrom: 'a@gemeente.nl', mailIdentity: 'elders.nl' })).toThrow(
      /mailIdentity/,
    );
    expect(() => parseStageConfig({ ...base, mailIdentity: 'gemeente.nl' })).toThrow(/mailIdentity/);
  });
});

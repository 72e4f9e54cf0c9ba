import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalRuntime } from '../../../functions/local/runtime.js';
import { seedDemoOnce } from '../../../functions/local/seed.js';

describe('first-start demo data', () => {
  let runtime: Awaited<ReturnType<typeof startLocalRuntime>>;
  beforeAll(async () => {
    runtime = await startLocalRuntime({ logLevel: 'ERROR' });
  });
  afterAll(async () => runtime.close());

  it('seeds "Bazooka (demo)" with one SMS campaign in draft, prepared by the demo adviser, once', async () => {
    // Act
    await seedDemoOnce(runtime.deps, 'Demostad');
    const again = await seedDemoOnce(runtime.deps, 'Demostad');

    // Assess
    expect(again).toBeUndefined();
    const cases = await runtime.deps.cases.list();
    expect(cases.map((c) => c.name)).toEqual(['Bazooka (demo)']);
    const campaigns = await runtime.deps.campaigns.listByCase(cases[0]!.id);
    expect(campaigns).toHaveLength(1);
    const adviser = await runtime.deps.users.findByUsername('adviseur');
    expect(campaigns[0]).toMatchObject({ kind: 'sms', status: 'draft', blueprintId: 'sms-bom-straathandel' });
    expect(campaigns[0]?.preparers).toEqual([adviser?.id]);
  });
});

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RateLimitStore } from '../../functions/core/ports.js';

/**
 * Two views of one store, as two instances of the web function would have: the same object for a store that
 * lives in one process, two adapters on one table for DynamoDB.
 */
export interface RateLimitTarget {
  instances: [RateLimitStore, RateLimitStore];
  close(): Promise<void>;
}

const T0 = Date.parse('2026-03-02T08:00:00Z');
const at = (ms: number) => new Date(T0 + ms);
let keys = 0;
const freshKey = () => `contract-${Date.now()}-${keys++}`;

/** The contract of the rate-limit counters, run against every implementation. */
export function rateLimitStoreContract(name: string, connect: () => Promise<RateLimitTarget>): void {
  describe(`RateLimitStore on ${name}`, () => {
    let target: RateLimitTarget;
    beforeAll(async () => {
      target = await connect();
    });
    afterAll(async () => target.close());

    it('counts up to the limit, then refuses until the window opened by the first hit has passed', async () => {
      // Prepare
      const [store] = target.instances;
      const key = freshKey();
      const other = freshKey();

      // Act
      const first = [];
      for (let i = 0; i < 4; i++) first.push(await store.take(key, 3, 1_000, at(i * 100)));
      const otherKey = await store.take(other, 3, 1_000, at(500));
      const lastMoment = await store.take(key, 3, 1_000, at(999));
      const reopened = await store.take(key, 3, 1_000, at(1_000));
      const after = [await store.take(key, 3, 1_000, at(1_500)), await store.take(key, 3, 1_000, at(1_600))];
      const full = await store.take(key, 3, 1_000, at(1_700));

      // Assess
      expect(first).toEqual([true, true, true, false]);
      expect(otherKey).toBe(true);
      expect(lastMoment).toBe(false);
      expect(reopened).toBe(true);
      expect(after).toEqual([true, true]);
      expect(full).toBe(false);
    });

    it('lets exactly `limit` of many simultaneous hits through, spread over two instances', async () => {
      // Prepare
      const key = freshKey();
      const [a, b] = target.instances;

      // Act
      const results = await Promise.all(
        Array.from({ length: 24 }, (_, i) => (i % 2 === 0 ? a : b).take(key, 7, 60_000, at(i))),
      );

      // Assess
      expect(results.filter(Boolean)).toHaveLength(7);
    });

    it('with a limit of one, answers true only for the first hit of a window', async () => {
      // Prepare
      const key = freshKey();
      const [a, b] = target.instances;

      // Act
      const answers = [
        await a.take(key, 1, 3_600_000, at(0)),
        await b.take(key, 1, 3_600_000, at(10)),
        await a.take(key, 1, 3_600_000, at(3_600_000)),
      ];

      // Assess
      expect(answers).toEqual([true, false, true]);
    });

    it('agrees with a model of fixed windows opened by their first hit, for any sequence of hits', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 4 }),
          fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 12 }),
          async (limit, gaps) => {
            // Prepare
            const key = freshKey();
            let t = 0;
            let model: { openedAt: number; hits: number } | undefined;

            for (const [i, gap] of gaps.entries()) {
              t += gap;
              // Act
              const taken = await target.instances[i % 2]!.take(key, limit, 500, at(t));

              // Assess
              let expected: boolean;
              if (!model || t - model.openedAt >= 500) {
                model = { openedAt: t, hits: 1 };
                expected = true;
              } else {
                expected = model.hits < limit;
                if (expected) model.hits++;
              }
              expect(taken).toBe(expected);
            }
          },
        ),
        { numRuns: 25 },
      );
    });
  });
}

import { describe, expect, it } from 'vitest';
import type { AppDeps } from '../../../functions/app/deps.js';
import { type Job, startJobLoop } from '../../../functions/local/jobs.js';

describe('local job loop', () => {
  it('stopping the loop ends a running job through its signal instead of waiting for it', async () => {
    // Prepare: a job that would run until told to stop
    let started!: () => void;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    let runs = 0;
    const job: Job = {
      name: 'long',
      intervalMs: 5,
      run: (_deps, signal) =>
        new Promise<void>((resolve) => {
          runs++;
          started();
          signal.addEventListener('abort', () => resolve(), { once: true });
        }),
    };
    const loop = startJobLoop({} as AppDeps, [job]);
    await running;

    // Act: stop() resolves only when the run has ended, so a signal that never fired would time the test out
    await loop.stop();

    // Assess: one run at a time, and none after the stop
    expect(runs).toBe(1);
  });
});

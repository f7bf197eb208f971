import { describe, expect, it } from 'vitest';
import { runPool } from './pool';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('runPool', () => {
  it('never runs more than the limit at once and visits every item', async () => {
    let running = 0;
    let peak = 0;
    const seen: number[] = [];
    await runPool({
      items: [1, 2, 3, 4, 5, 6, 7],
      concurrency: 2,
      worker: async (item) => {
        running += 1;
        peak = Math.max(peak, running);
        await tick();
        seen.push(item);
        running -= 1;
      },
    });
    expect(peak).toBe(2);
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('stops starting work after a failure and rethrows it', async () => {
    const started: number[] = [];
    const run = runPool({
      items: [1, 2, 3, 4, 5],
      concurrency: 1,
      worker: async (item) => {
        started.push(item);
        await tick();
        if (item === 2) throw new Error('disk full');
      },
    });
    await expect(run).rejects.toThrow('disk full');
    expect(started).toEqual([1, 2]);
  });

  it('stops starting work once cancelled', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    await runPool({
      items: [1, 2, 3, 4],
      concurrency: 1,
      signal: controller.signal,
      worker: async (item) => {
        started.push(item);
        controller.abort();
        await tick();
      },
    });
    expect(started).toEqual([1]);
  });
});

import { describe, expect, it } from 'vitest';
import { createWeightedProgress } from './export-progress';

function recorder() {
  const updates: { phase: string; ratio: number }[] = [];
  return { updates, ctx: { progress: (update: { phase: string; ratio: number }) => updates.push(update) } };
}

describe('createWeightedProgress', () => {
  it('weighs each part by its expected seconds, and only ever moves forward', () => {
    const { updates, ctx } = recorder();
    const progress = createWeightedProgress({ ctx });
    const big = progress.part(3);
    const small = progress.part(1);
    progress.phase('Copying');
    big.set(0.5);
    big.set(0.2); // ignored
    small.done();
    big.done();
    expect(updates.map((update) => update.ratio)).toEqual([0, 0.375, 0.625, 1]);
    expect(updates.at(-1)!.phase).toBe('Copying');
  });

  it('still counts parts of no expected weight, so the bar reaches the end', () => {
    const { updates, ctx } = recorder();
    const progress = createWeightedProgress({ ctx });
    const part = progress.part(0);
    part.done();
    expect(updates.at(-1)!.ratio).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { createEtaEstimator } from './eta';

describe('createEtaEstimator', () => {
  it('says nothing until there is enough to go on', () => {
    let t = 0;
    const eta = createEtaEstimator({ now: () => t });
    t = 500;
    expect(eta.update(0.5)).toBeNull();
    t = 2000;
    expect(eta.update(0.01)).toBeNull();
  });

  it('extrapolates linearly from elapsed time and ratio', () => {
    let t = 0;
    const eta = createEtaEstimator({ now: () => t });
    t = 10_000;
    expect(eta.update(0.25)).toBe(30);
  });

  it('smooths later estimates and reports zero at the end', () => {
    let t = 0;
    const eta = createEtaEstimator({ now: () => t });
    t = 10_000;
    expect(eta.update(0.5)).toBe(10);
    t = 12_000;
    // raw estimate 12s/0.6*0.4 = 8s; smoothed 10*0.7 + 8*0.3 = 9.4
    expect(eta.update(0.6)).toBe(9);
    expect(eta.update(1)).toBe(0);
  });
});

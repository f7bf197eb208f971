import { describe, expect, it } from 'vitest';
import { roundTo, stripInstants, thumbnailQuantumMs } from './strip';

describe('stripInstants', () => {
  it('takes the middle of each equal slice', () => {
    expect(stripInstants({ fromMs: 0, toMs: 4000, count: 4 })).toEqual([500, 1500, 2500, 3500]);
    expect(stripInstants({ fromMs: 1000, toMs: 1000, count: 2 })).toEqual([1000, 1000]);
    expect(stripInstants({ fromMs: 0, toMs: 10, count: 3 })).toEqual([2, 5, 8]);
  });

  it('refuses a backwards span and a count below one', () => {
    expect(() => stripInstants({ fromMs: 10, toMs: 0, count: 1 })).toThrow(RangeError);
    expect(() => stripInstants({ fromMs: 0, toMs: 10, count: 0 })).toThrow(RangeError);
  });
});

describe('thumbnailQuantumMs', () => {
  it('rounds to the second for a wide strip and to a tenth when zoomed in', () => {
    expect(thumbnailQuantumMs({ fromMs: 0, toMs: 20 * 60_000, count: 60 })).toBe(1000);
    expect(thumbnailQuantumMs({ fromMs: 0, toMs: 10_000, count: 10 })).toBe(100);
    expect(roundTo(12_345, 1000)).toBe(12_000);
    expect(roundTo(12_351, 100)).toBe(12_400);
  });
});

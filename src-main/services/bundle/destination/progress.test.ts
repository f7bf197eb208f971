import { describe, expect, it } from 'vitest';
import { createProgressReporter, type WriteBundleProgress } from './progress';

function clock() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('createProgressReporter', () => {
  it('reports at most about four times a second, and always when flushed', () => {
    const time = clock();
    const seen: WriteBundleProgress[] = [];
    const progress = createProgressReporter({ phase: 'writing', bytesTotal: 100_000_000, onProgress: (p) => seen.push(p), now: time.now });
    progress.flush();
    for (let i = 0; i < 100; i += 1) {
      time.advance(10);
      progress.add(100_000);
    }
    // One second of adds, every 10 ms: the flush plus one report per 250 ms.
    expect(seen.length).toBe(1 + 4);
    progress.flush();
    expect(seen.at(-1)).toMatchObject({ phase: 'writing', bytesDone: 10_000_000, bytesTotal: 100_000_000 });
  });

  it('gives speed and time left from the last few seconds, not the whole run', () => {
    const time = clock();
    const seen: WriteBundleProgress[] = [];
    const progress = createProgressReporter({ phase: 'verifying', bytesTotal: 1_000_000_000, onProgress: (p) => seen.push(p), now: time.now });
    // 10 s at 50 MB/s (the stick's cache), then 20 s at 10 MB/s.
    for (let i = 0; i < 100; i += 1) {
      time.advance(100);
      progress.add(5_000_000);
    }
    for (let i = 0; i < 200; i += 1) {
      time.advance(100);
      progress.add(1_000_000);
    }
    progress.flush();
    const last = seen.at(-1)!;
    expect(last.bytesDone).toBe(700_000_000);
    expect(last.bytesPerSecond).toBeCloseTo(10_000_000, -5);
    expect(last.etaS).toBeCloseTo(30, 0);
  });

  it('has no speed or time left before half a second has passed, and 0 s left when done', () => {
    const time = clock();
    const seen: WriteBundleProgress[] = [];
    const progress = createProgressReporter({ phase: 'writing', bytesTotal: 10, onProgress: (p) => seen.push(p), now: time.now });
    progress.add(5);
    expect(seen[0]).toMatchObject({ bytesDone: 5, bytesPerSecond: null, etaS: null });
    progress.add(5);
    progress.flush();
    expect(seen.at(-1)).toMatchObject({ bytesDone: 10, etaS: 0 });
  });

  it('costs nothing without a listener', () => {
    const progress = createProgressReporter({ phase: 'writing', bytesTotal: 10 });
    progress.add(10);
    progress.flush();
  });
});

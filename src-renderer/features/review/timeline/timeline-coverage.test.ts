import { describe, expect, it } from 'vitest';
import { coverageRuns, indexRecordings, overallSpan, recordingIndexFor, visibleRange } from './timeline-coverage';
import { DAY_MS, MINUTE_MS, type TimelineView } from './timeline-view';

const T0 = Date.parse('2026-03-14T00:00:00Z');
const REGULAR = 0;
const MOTION = 1;
const PROBLEM = 3;

/** Back-to-back 5-minute recordings with a 1-minute gap every hour, as [start, end, kind, ...]. */
function fiveMinuteRecordings(count: number, kindAt: (i: number) => number = () => REGULAR): number[] {
  const segments: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const startMs = T0 + i * 5 * MINUTE_MS;
    const endMs = startMs + (i % 12 === 11 ? 4 : 5) * MINUTE_MS;
    segments.push(startMs, endMs, kindAt(i));
  }
  return segments;
}

describe('finding the visible recordings', () => {
  it('finds a long recording that started before the view and later short ones', () => {
    const index = indexRecordings({ segments: [T0, T0 + DAY_MS, REGULAR, T0 + 10, T0 + 20, MOTION, T0 + 30, T0 + 40, MOTION, T0 + 5000, T0 + 6000, REGULAR] });
    expect(Array.from(index.reach)).toEqual([T0 + DAY_MS, T0 + DAY_MS, T0 + DAY_MS, T0 + DAY_MS]);
    expect(visibleRange({ index, fromMs: T0 + 100, toMs: T0 + 200 })).toEqual({ first: 0, end: 3 });
    expect(index.span).toEqual({ startMs: T0, endMs: T0 + DAY_MS });
  });

  it('skips everything before and after the view by binary search', () => {
    const index = indexRecordings({ segments: fiveMinuteRecordings(1000) });
    const { first, end } = visibleRange({ index, fromMs: T0 + 50 * 5 * MINUTE_MS + 1, toMs: T0 + 60 * 5 * MINUTE_MS });
    expect([first, end]).toEqual([50, 60]);
    expect(visibleRange({ index, fromMs: T0 - DAY_MS, toMs: T0 - 1 })).toEqual({ first: 0, end: 0 });
    expect(visibleRange({ index, fromMs: T0 + 30 * DAY_MS, toMs: T0 + 31 * DAY_MS })).toEqual({ first: 1000, end: 1000 });
  });

  it('sorts a copy if recordings ever arrive out of order', () => {
    const segments = [T0 + 100, T0 + 200, MOTION, T0, T0 + 50, REGULAR];
    const index = indexRecordings({ segments });
    expect(index.segments).toEqual([T0, T0 + 50, REGULAR, T0 + 100, T0 + 200, MOTION]);
    expect(segments[0]).toBe(T0 + 100);
  });

  it('builds each array\u2019s index once', () => {
    const segments = fiveMinuteRecordings(10);
    expect(recordingIndexFor({ segments })).toBe(recordingIndexFor({ segments }));
  });

  it('spans all cameras, or nothing with no recordings', () => {
    const a = indexRecordings({ segments: [T0, T0 + 10, REGULAR] });
    const b = indexRecordings({ segments: [T0 + 5, T0 + 50, REGULAR] });
    expect(overallSpan({ indexes: [a, b, indexRecordings({ segments: [] })] })).toEqual({ startMs: T0, endMs: T0 + 50 });
    expect(overallSpan({ indexes: [] })).toBeNull();
  });
});

describe('merging recordings into bars', () => {
  it('draws a gap of a pixel or more and merges recordings that meet', () => {
    const index = indexRecordings({ segments: fiveMinuteRecordings(24) });
    // 1 minute = 60 px: every hour's 1-minute gap shows.
    const close: TimelineView = { startMs: T0, msPerPx: 1000, widthPx: 120 * 60 };
    expect(coverageRuns({ index, view: close }).byKind[REGULAR]).toEqual([0, 3540, 3600, 7140]);
  });

  it('keeps kinds apart and makes every recording at least a pixel wide', () => {
    const index = indexRecordings({ segments: [T0, T0 + 10, MOTION, T0 + 100_000, T0 + 100_010, PROBLEM] });
    const runs = coverageRuns({ index, view: { startMs: T0, msPerPx: 1000, widthPx: 500 } });
    expect(runs.byKind[MOTION]).toEqual([0, 1]);
    expect(runs.byKind[PROBLEM]).toEqual([100, 101]);
    expect(runs.byKind[REGULAR]).toEqual([]);
  });

  it('turns 100,000 recordings at week zoom into a few hundred bars, looking only at the visible ones', () => {
    const kindAt = (i: number) => (i % 97 === 0 ? MOTION : i % 1009 === 0 ? PROBLEM : REGULAR);
    const index = indexRecordings({ segments: fiveMinuteRecordings(100_000, kindAt) });
    const week: TimelineView = { startMs: T0 + 7 * DAY_MS, msPerPx: (7 * DAY_MS) / 1200, widthPx: 1200 };
    const runs = coverageRuns({ index, view: week });
    const bars = runs.byKind.reduce((sum, list) => sum + list.length / 2, 0);
    expect(runs.visited).toBeGreaterThan(2000);
    expect(runs.visited).toBeLessThan(2100);
    expect(bars).toBeLessThan(400);
    // Every bar stays on (or just off) the canvas.
    for (const list of runs.byKind) for (const x of list) expect(x >= -2 && x <= 1202).toBe(true);
  });

  it('reuses the arrays it is given', () => {
    const index = indexRecordings({ segments: fiveMinuteRecordings(5) });
    const view: TimelineView = { startMs: T0, msPerPx: 1000, widthPx: 2000 };
    const first = coverageRuns({ index, view });
    const list = first.byKind[REGULAR];
    const again = coverageRuns({ index, view, runs: first });
    expect(again.byKind[REGULAR]).toBe(list);
    expect(list).toEqual([0, 1500]);
  });
});

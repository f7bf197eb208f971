import { describe, expect, it } from 'vitest';
import type { CameraTimeline } from '../catalogue/camera-timelines';
import type { RecordingRow } from '../catalogue/recording-index';
import { estimateClipBytes, flattenSegments, timelineBounds } from './review-timeline';

/** A camera timeline from [startMs, endMs, size, kind?] recordings, already sorted by start. */
function timelineOf(recordings: readonly (readonly [number, number, number | null, number?])[]): CameraTimeline {
  const rows = recordings.map(([startMs, endMs, size]) => ({ true_start_ms: startMs, true_end_ms: endMs, size }) as RecordingRow);
  return {
    cameraKey: 'ch01',
    label: 'Till',
    rows,
    starts: Float64Array.from(recordings.map((r) => r[0])),
    ends: Float64Array.from(recordings.map((r) => r[1])),
    kinds: Uint8Array.from(recordings.map((r) => r[3] ?? 0)),
  };
}

describe('flattenSegments', () => {
  it('gives [start, end, kind, ...] as plain numbers, in the timeline order', () => {
    const segments = flattenSegments(timelineOf([[1000, 2000, 10, 0], [2000, 3000, 10, 2], [2500, 2600, 10, 3]]));
    expect(segments).toEqual([1000, 2000, 0, 2000, 3000, 2, 2500, 2600, 3]);
    expect(Array.isArray(segments)).toBe(true);
  });

  it('flattens 100,000 recordings quickly', () => {
    const minute = 60_000;
    const timeline = timelineOf(Array.from({ length: 100_000 }, (_, i) => [i * minute, (i + 1) * minute, 1000, i % 4] as const));
    const started = performance.now();
    const segments = flattenSegments(timeline);
    const elapsedMs = performance.now() - started;
    expect(segments).toHaveLength(300_000);
    expect(segments.slice(-3)).toEqual([99_999 * minute, 100_000 * minute, 3]);
    // A few ms once warm (tens cold, on a busy two-core machine); the bound only catches a quadratic slip.
    expect(elapsedMs).toBeLessThan(250);
  });
});

describe('timelineBounds', () => {
  it('takes the first start and the latest end, even when a long recording ends after the last one starts', () => {
    const a = timelineOf([[5000, 9000, 1], [6000, 7000, 1]]);
    const b = timelineOf([[4000, 4500, 1]]);
    expect(timelineBounds([a, b])).toEqual({ startMs: 4000, endMs: 9000 });
  });

  it('is null without footage', () => {
    expect(timelineBounds([])).toEqual({ startMs: null, endMs: null });
    expect(timelineBounds([timelineOf([])])).toEqual({ startMs: null, endMs: null });
  });
});

describe('estimateClipBytes', () => {
  const timeline = timelineOf([
    [0, 60_000, 6000],
    [60_000, 120_000, 12_000],
    [180_000, 240_000, 600],
  ]);

  it('counts each overlapped recording by the share of it the clip covers', () => {
    // Half of the first, a quarter of the second.
    expect(estimateClipBytes({ timeline, startMs: 30_000, endMs: 75_000 })).toBe(3000 + 3000);
    expect(estimateClipBytes({ timeline, startMs: 0, endMs: 240_000 })).toBe(6000 + 12_000 + 600);
  });

  it('is 0 over a gap or outside the footage, and ends are exclusive', () => {
    expect(estimateClipBytes({ timeline, startMs: 125_000, endMs: 175_000 })).toBe(0);
    expect(estimateClipBytes({ timeline, startMs: 240_000, endMs: 300_000 })).toBe(0);
    expect(estimateClipBytes({ timeline, startMs: 120_000, endMs: 180_000 })).toBe(0);
  });

  it('is null while an overlapped recording has no size yet, whatever the others say', () => {
    const unchecked = timelineOf([[0, 60_000, 6000], [60_000, 120_000, null]]);
    expect(estimateClipBytes({ timeline: unchecked, startMs: 0, endMs: 90_000 })).toBeNull();
    expect(estimateClipBytes({ timeline: unchecked, startMs: 0, endMs: 30_000 })).toBe(3000);
  });

  it('finds a long recording that started well before the clip, among overlapping ones', () => {
    const overlapping = timelineOf([[0, 600_000, 60_000], [100_000, 110_000, 1000], [500_000, 510_000, 1000]]);
    // A tenth of the long one, and the short one it overlaps entirely.
    expect(estimateClipBytes({ timeline: overlapping, startMs: 500_000, endMs: 560_000 })).toBe(6000 + 1000);
  });
});

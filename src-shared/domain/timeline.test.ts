import { describe, expect, it } from 'vitest';
import { summariseCameraTimeline } from './timeline';

const min = 60_000;
const seg = (id: number, startMin: number, endMin: number) => ({ id, startMs: startMin * min, endMs: endMin * min });

describe('summariseCameraTimeline', () => {
  it('finds nothing wrong with back-to-back recordings, even slightly apart', () => {
    const summary = summariseCameraTimeline({ segments: [seg(2, 5, 10), seg(1, 0, 5), { id: 3, startMs: 10 * min + 1500, endMs: 15 * min }] });
    expect(summary).toMatchObject({ segments: 3, startMs: 0, endMs: 15 * min, gaps: [], overlaps: [], duplicates: [] });
    expect(summary.coveredMs).toBe(15 * min - 1500);
  });

  it('reports gaps between recordings', () => {
    const summary = summariseCameraTimeline({ segments: [seg(1, 0, 5), seg(2, 8, 10), seg(3, 20, 25)] });
    expect(summary.gaps).toEqual([
      { startMs: 5 * min, endMs: 8 * min },
      { startMs: 10 * min, endMs: 20 * min },
    ]);
    expect(summary.coveredMs).toBe(12 * min);
  });

  it('reports each stretch covered twice, merging touching ones', () => {
    const summary = summariseCameraTimeline({ segments: [seg(1, 0, 10), seg(2, 5, 12), seg(3, 11, 15), seg(4, 20, 30)] });
    expect(summary.overlaps).toEqual([
      { startMs: 5 * min, endMs: 10 * min },
      { startMs: 11 * min, endMs: 12 * min },
    ]);
    expect(summariseCameraTimeline({ segments: [seg(1, 0, 10), seg(2, 5, 12), seg(3, 8, 15)] }).overlaps).toEqual([{ startMs: 5 * min, endMs: 12 * min }]);
    expect(summary.gaps).toEqual([{ startMs: 15 * min, endMs: 20 * min }]);
    expect(summary.coveredMs).toBe(25 * min);
  });

  it('groups duplicates instead of calling them overlaps', () => {
    const summary = summariseCameraTimeline({ segments: [seg(1, 0, 5), seg(2, 0, 5), seg(3, 0, 5), seg(4, 5, 10)] });
    expect(summary.duplicates).toEqual([[1, 2, 3]]);
    expect(summary.overlaps).toEqual([]);
    expect(summary.segments).toBe(4);
  });

  it('handles a segment inside another and an empty list', () => {
    expect(summariseCameraTimeline({ segments: [seg(1, 0, 30), seg(2, 10, 12)] }).overlaps).toEqual([{ startMs: 10 * min, endMs: 12 * min }]);
    expect(summariseCameraTimeline({ segments: [] })).toEqual({ segments: 0, startMs: null, endMs: null, gaps: [], overlaps: [], duplicates: [], coveredMs: 0 });
  });
});

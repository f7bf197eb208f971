import { describe, expect, it } from 'vitest';
import { indexRecordings } from './timeline-coverage';
import { drawTimeline, type TimelineContext, type TimelineScene } from './timeline-draw';
import { layoutFor, timeAreaWidth } from './timeline-layout';
import { DAY_MS, MINUTE_MS } from './timeline-view';

const T0 = Date.parse('2026-03-02T00:00:00Z');

/** A 2D context that only counts and remembers: enough to check what a frame would paint. */
function recordingContext() {
  const calls = { fillRect: 0, strokeRect: 0, texts: [] as string[], transforms: [] as number[][] };
  const ctx = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    font: '',
    textBaseline: 'alphabetic',
    textAlign: 'left',
    setTransform: (...args: number[]) => void calls.transforms.push(args),
    clearRect: () => undefined,
    fillRect: () => void (calls.fillRect += 1),
    strokeRect: () => void (calls.strokeRect += 1),
    fillText: (text: string) => void calls.texts.push(text),
    measureText: (text: string) => ({ width: text.length * 7 }),
    beginPath: () => undefined,
    moveTo: () => undefined,
    lineTo: () => undefined,
    closePath: () => undefined,
    fill: () => undefined,
    stroke: () => undefined,
    save: () => undefined,
    restore: () => undefined,
    rect: () => undefined,
    clip: () => undefined,
  };
  return { ctx: ctx as unknown as TimelineContext, calls };
}

/** 100,000 recordings over six cameras and three weeks, some motion, a few damaged. */
function manyCameras() {
  return Array.from({ length: 6 }, (_, camera) => {
    const segments: number[] = [];
    for (let i = 0; i < 100_000 / 6; i += 1) {
      const startMs = T0 + i * 108_000;
      segments.push(startMs, startMs + (i % 50 === 49 ? 60_000 : 108_000), i % 37 === 0 ? 1 : i % 997 === 0 ? 3 : 0);
    }
    return { label: `Camera ${camera + 1}`, index: indexRecordings({ segments }), selected: camera === 2 };
  });
}

function scene(overrides: Partial<TimelineScene> = {}): TimelineScene {
  const layout = layoutFor({ widthPx: 1400, rows: 6 });
  return {
    layout,
    view: { startMs: T0 + 7 * DAY_MS, msPerPx: (7 * DAY_MS) / timeAreaWidth({ layout }), widthPx: timeAreaWidth({ layout }) },
    rows: manyCameras(),
    timeZone: 'Europe/London',
    playheadMs: T0 + 10 * DAY_MS,
    clips: [{ row: 2, startMs: T0 + 10 * DAY_MS, endMs: T0 + 11 * DAY_MS, label: 'man in red jacket' }],
    inMs: T0 + 9 * DAY_MS,
    outMs: T0 + 9 * DAY_MS + 30 * MINUTE_MS,
    bookmarks: [{ atMs: T0 + 11 * DAY_MS }],
    ...overrides,
  };
}

describe('painting a frame', () => {
  it('paints a week of 100,000 recordings with a few hundred rectangles, looking only at the visible ones', () => {
    const { ctx, calls } = recordingContext();
    const stats = drawTimeline({ ctx, scene: scene(), dpr: 2 });
    expect(stats.visited).toBeLessThan(40_000);
    expect(stats.bars).toBeLessThan(1500);
    expect(calls.fillRect).toBeLessThan(3000);
    expect(calls.transforms[0]).toEqual([2, 0, 0, 2, 0, 0]);
    expect(calls.texts).toContain('Camera 1');
    expect(calls.texts).toContain('man in red jacket');
    expect(calls.texts).toContain('In');
    expect(calls.texts).toContain('Out');
    expect(calls.texts).toContain('9 Mar 2026');
    expect(calls.texts.some((text) => /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d+ Mar$/.test(text))).toBe(true);
  });

  it('looks at a handful of recordings when zoomed in to seconds', () => {
    const { ctx } = recordingContext();
    const close = scene();
    const stats = drawTimeline({ ctx, scene: { ...close, view: { ...close.view, msPerPx: 10 } }, dpr: 1 });
    expect(stats.visited).toBeLessThanOrEqual(12);
    expect(stats.bars).toBeLessThanOrEqual(12);
  });

  it('says so when there are no recordings', () => {
    const { ctx, calls } = recordingContext();
    const stats = drawTimeline({ ctx, scene: scene({ rows: [], layout: layoutFor({ widthPx: 800, rows: 0 }), clips: [] }), dpr: 1 });
    expect(stats.bars).toBe(0);
    expect(calls.texts).toContain('No recordings yet.');
  });
});

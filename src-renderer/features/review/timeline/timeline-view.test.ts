import { describe, expect, it } from 'vitest';
import {
  DAY_MS,
  HOUR_MS,
  MAX_VISIBLE_MS,
  MIN_MS_PER_PX,
  centerOn,
  reveal,
  clampMsPerPx,
  fitRange,
  keepNearRange,
  maxMsPerPx,
  panBy,
  resizeView,
  timeToX,
  viewRange,
  xToTime,
  zoomAt,
  type TimelineView,
} from './timeline-view';

const T0 = Date.parse('2026-03-14T14:00:00Z');
const view: TimelineView = { startMs: T0, msPerPx: 1000, widthPx: 800 };

describe('timeline view', () => {
  it('turns times into x and back', () => {
    expect(timeToX({ view, atMs: T0 + 60_000 })).toBe(60);
    expect(xToTime({ view, x: 60 })).toBe(T0 + 60_000);
    expect(viewRange({ view })).toEqual({ startMs: T0, endMs: T0 + 800_000 });
  });

  it('zooms around the anchor, keeping the instant under it in place', () => {
    const anchorMs = xToTime({ view, x: 200 });
    const zoomed = zoomAt({ view, anchorX: 200, factor: 0.5 });
    expect(zoomed.msPerPx).toBe(500);
    expect(xToTime({ view: zoomed, x: 200 })).toBeCloseTo(anchorMs, 6);
  });

  it('stops zooming in at about a second per 100 px and out at a week across the width', () => {
    expect(zoomAt({ view, anchorX: 0, factor: 1e-9 }).msPerPx).toBe(MIN_MS_PER_PX);
    const widest = zoomAt({ view, anchorX: 400, factor: 1e9 });
    expect(widest.msPerPx).toBe(maxMsPerPx({ widthPx: 800 }));
    expect(widest.msPerPx * widest.widthPx).toBe(MAX_VISIBLE_MS);
    expect(clampMsPerPx({ msPerPx: Number.NaN, widthPx: 800 })).toBe(MAX_VISIBLE_MS / 800);
  });

  it('pans like dragging paper: dragging right shows earlier times', () => {
    expect(panBy({ view, dx: 100 }).startMs).toBe(T0 - 100_000);
    expect(panBy({ view, dx: -100 }).startMs).toBe(T0 + 100_000);
  });

  it('centres on an instant at the same zoom', () => {
    const centred = centerOn({ view, atMs: T0 + DAY_MS });
    expect(centred.msPerPx).toBe(1000);
    expect(xToTime({ view: centred, x: 400 })).toBe(T0 + DAY_MS);
  });

  it('reveals an instant out of view a tenth of the way in, and leaves one in view alone', () => {
    expect(reveal({ view, atMs: T0 + 100_000 })).toBe(view);
    expect(timeToX({ view: reveal({ view, atMs: T0 + DAY_MS }), atMs: T0 + DAY_MS })).toBe(80);
    expect(timeToX({ view: reveal({ view, atMs: T0 - DAY_MS }), atMs: T0 - DAY_MS })).toBe(80);
  });

  it('fits a range with a small margin, and centres ranges too short or too long to fit exactly', () => {
    const fitted = fitRange({ range: { startMs: T0, endMs: T0 + 2 * HOUR_MS }, widthPx: 1000 });
    expect(fitted.startMs).toBeLessThan(T0);
    expect(fitted.startMs + fitted.msPerPx * 1000).toBeGreaterThan(T0 + 2 * HOUR_MS);
    expect(fitted.msPerPx).toBeCloseTo((2 * HOUR_MS * 1.04) / 1000, 6);

    const instant = fitRange({ range: { startMs: T0, endMs: T0 }, widthPx: 1000 });
    expect(instant.msPerPx).toBe(MIN_MS_PER_PX);
    expect(xToTime({ view: instant, x: 500 })).toBe(T0);

    const month = fitRange({ range: { startMs: T0, endMs: T0 + 30 * DAY_MS }, widthPx: 1000 });
    expect(month.msPerPx * 1000).toBe(MAX_VISIBLE_MS);
    expect(xToTime({ view: month, x: 500 })).toBe(T0 + 15 * DAY_MS);
  });

  it('keeps about the same stretch of time in view when the width changes', () => {
    const resized = resizeView({ view, widthPx: 400 });
    expect(resized.msPerPx).toBe(2000);
    expect(viewRange({ view: resized })).toEqual(viewRange({ view }));
  });

  it('keeps the middle of the view within the footage', () => {
    const range = { startMs: T0, endMs: T0 + HOUR_MS };
    const farLeft = keepNearRange({ view: { ...view, startMs: T0 - DAY_MS }, range });
    expect(xToTime({ view: farLeft, x: 400 })).toBe(T0);
    const farRight = keepNearRange({ view: { ...view, startMs: T0 + DAY_MS }, range });
    expect(xToTime({ view: farRight, x: 400 })).toBe(T0 + HOUR_MS);
    expect(keepNearRange({ view, range })).toBe(view);
    expect(keepNearRange({ view, range: null })).toBe(view);
  });

  it('never pans outside 1990 to 2100', () => {
    expect(panBy({ view, dx: 1e12 }).startMs).toBe(631_152_000_000);
  });
});

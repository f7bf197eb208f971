/**
 * The timeline's view: which stretch of true time is visible and how many milliseconds each CSS pixel stands for.
 * Pure arithmetic, so zooming, panning and fitting are unit-tested without a canvas.
 */

export interface TimelineView {
  /** The true instant at x = 0 of the time area, ms since the epoch. */
  startMs: number;
  msPerPx: number;
  /** Width of the time area (the canvas minus the camera names), in CSS pixels. */
  widthPx: number;
}

export interface TimeRange {
  startMs: number;
  endMs: number;
}

export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Closest zoom: a second takes about 100 px, enough to pick out one moment in a recording. */
export const MIN_MS_PER_PX = 10;
/** Widest zoom: a week across the whole width. Recorders keep weeks, and a wider view shows nothing useful. */
export const MAX_VISIBLE_MS = 7 * DAY_MS;

/** Instants a view may reach: the same sane range the contract accepts (1990 to 2100). */
const EARLIEST_MS = 631_152_000_000;
const LATEST_MS = 4_102_444_800_000;

export function maxMsPerPx(options: { widthPx: number }): number {
  return MAX_VISIBLE_MS / Math.max(options.widthPx, 1);
}

export function clampMsPerPx(options: { msPerPx: number; widthPx: number }): number {
  const most = Math.max(maxMsPerPx(options), MIN_MS_PER_PX);
  const value = Number.isFinite(options.msPerPx) ? options.msPerPx : most;
  return Math.min(Math.max(value, MIN_MS_PER_PX), most);
}

export function timeToX(options: { view: TimelineView; atMs: number }): number {
  return (options.atMs - options.view.startMs) / options.view.msPerPx;
}

export function xToTime(options: { view: TimelineView; x: number }): number {
  return options.view.startMs + options.x * options.view.msPerPx;
}

export function viewRange(options: { view: TimelineView }): TimeRange {
  const { view } = options;
  return { startMs: view.startMs, endMs: view.startMs + view.widthPx * view.msPerPx };
}

function clampStart(startMs: number, spanMs: number): number {
  return Math.min(Math.max(startMs, EARLIEST_MS), LATEST_MS - spanMs);
}

/**
 * Zooms by `factor` (above 1 zooms out) keeping the instant under `anchorX` where it is, so the pointer stays on the
 * moment the user is looking at. The factor is clamped so the zoom stays between seconds and a week.
 */
export function zoomAt(options: { view: TimelineView; anchorX: number; factor: number }): TimelineView {
  const { view, anchorX, factor } = options;
  const anchorMs = xToTime({ view, x: anchorX });
  const msPerPx = clampMsPerPx({ msPerPx: view.msPerPx * factor, widthPx: view.widthPx });
  return { ...view, msPerPx, startMs: clampStart(anchorMs - anchorX * msPerPx, msPerPx * view.widthPx) };
}

/** Dragging right by `dx` pixels brings earlier times into view, as dragging a sheet of paper would. */
export function panBy(options: { view: TimelineView; dx: number }): TimelineView {
  const { view, dx } = options;
  return { ...view, startMs: clampStart(view.startMs - dx * view.msPerPx, view.msPerPx * view.widthPx) };
}

/** Puts `atMs` in the middle of the view at the current zoom. */
export function centerOn(options: { view: TimelineView; atMs: number }): TimelineView {
  const { view, atMs } = options;
  return { ...view, startMs: clampStart(atMs - (view.widthPx / 2) * view.msPerPx, view.msPerPx * view.widthPx) };
}

/**
 * Brings `atMs` into view if it is not, a tenth of the way in from the left: where playback crossing the right edge
 * turns the page, and where a far seek leaves room to watch what follows.
 */
export function reveal(options: { view: TimelineView; atMs: number; share?: number }): TimelineView {
  const { view, atMs } = options;
  const x = timeToX({ view, atMs });
  if (x >= 0 && x <= view.widthPx) return view;
  const share = options.share ?? 0.1;
  return { ...view, startMs: clampStart(atMs - share * view.widthPx * view.msPerPx, view.msPerPx * view.widthPx) };
}

/**
 * A view showing the whole range with a small margin either side, so the first and last recordings do not touch the
 * edges. A range shorter than the closest zoom, or longer than a week, is centred at the nearest zoom allowed.
 */
export function fitRange(options: { range: TimeRange; widthPx: number; marginFraction?: number }): TimelineView {
  const { range, widthPx } = options;
  const margin = options.marginFraction ?? 0.02;
  const spanMs = Math.max(range.endMs - range.startMs, 0);
  const msPerPx = clampMsPerPx({ msPerPx: (spanMs * (1 + 2 * margin)) / Math.max(widthPx, 1), widthPx });
  const middleMs = range.startMs + spanMs / 2;
  return { widthPx, msPerPx, startMs: clampStart(middleMs - (widthPx / 2) * msPerPx, msPerPx * widthPx) };
}

/** After the canvas changes width, shows about the same stretch of time rather than the same zoom. */
export function resizeView(options: { view: TimelineView; widthPx: number }): TimelineView {
  const { view, widthPx } = options;
  if (widthPx === view.widthPx) return view;
  const spanMs = view.widthPx * view.msPerPx;
  const middleMs = view.startMs + spanMs / 2;
  const msPerPx = clampMsPerPx({ msPerPx: spanMs / Math.max(widthPx, 1), widthPx });
  return { widthPx, msPerPx, startMs: clampStart(middleMs - (widthPx / 2) * msPerPx, msPerPx * widthPx) };
}

/**
 * Keeps the middle of the view within the footage, so panning or zooming far away cannot leave the user lost in
 * empty time with no idea which way the recordings are.
 */
export function keepNearRange(options: { view: TimelineView; range: TimeRange | null }): TimelineView {
  const { view, range } = options;
  if (!range) return view;
  const halfMs = (view.widthPx / 2) * view.msPerPx;
  const middleMs = view.startMs + halfMs;
  const kept = Math.min(Math.max(middleMs, range.startMs), Math.max(range.endMs, range.startMs));
  return kept === middleMs ? view : { ...view, startMs: kept - halfMs };
}

export function sameView(options: { a: TimelineView; b: TimelineView }): boolean {
  const { a, b } = options;
  return a.startMs === b.startMs && a.msPerPx === b.msPerPx && a.widthPx === b.widthPx;
}

/** Where things are on the timeline canvas, in CSS pixels, and what a pointer at (x, y) is over. */
import { timeToX, type TimelineView } from './timeline-view';

export const RULER_HEIGHT_PX = 40;
export const ROW_HEIGHT_PX = 32;
export const BOTTOM_PADDING_PX = 6;
const LABEL_WIDTH_PX = 132;
/** On a narrow window the camera names give way, so there is still room for time. */
const MAX_LABEL_SHARE = 0.3;
/** How far from a bookmark flag a pointer may be and still be "on" it. */
const FLAG_HIT_PX = 6;

export interface TimelineLayout {
  widthPx: number;
  heightPx: number;
  labelWidthPx: number;
  rulerHeightPx: number;
  rowHeightPx: number;
  rows: number;
}

/** Height for `rows` cameras; an empty timeline keeps one row's room for its "no recordings" line. */
export function canvasHeightFor(options: { rows: number }): number {
  return RULER_HEIGHT_PX + Math.max(options.rows, 1) * ROW_HEIGHT_PX + BOTTOM_PADDING_PX;
}

export function layoutFor(options: { widthPx: number; rows: number }): TimelineLayout {
  const widthPx = Math.max(options.widthPx, 0);
  return {
    widthPx,
    heightPx: canvasHeightFor(options),
    labelWidthPx: Math.round(Math.min(LABEL_WIDTH_PX, widthPx * MAX_LABEL_SHARE)),
    rulerHeightPx: RULER_HEIGHT_PX,
    rowHeightPx: ROW_HEIGHT_PX,
    rows: options.rows,
  };
}

export function timeAreaWidth(options: { layout: TimelineLayout }): number {
  return Math.max(options.layout.widthPx - options.layout.labelWidthPx, 1);
}

export function rowTop(options: { layout: TimelineLayout; row: number }): number {
  return options.layout.rulerHeightPx + options.row * options.layout.rowHeightPx;
}

export type TimelineHit =
  | { area: 'ruler'; timeX: number }
  | { area: 'row'; row: number; timeX: number }
  | { area: 'label'; row: number }
  | { area: 'none' };

/** `timeX` is measured from the left edge of the time area, ready for the view's xToTime. */
export function hitTest(options: { layout: TimelineLayout; x: number; y: number }): TimelineHit {
  const { layout, x, y } = options;
  if (x < 0 || y < 0 || x > layout.widthPx || y > layout.heightPx) return { area: 'none' };
  const timeX = x - layout.labelWidthPx;
  if (y < layout.rulerHeightPx) return timeX >= 0 ? { area: 'ruler', timeX } : { area: 'none' };
  const row = Math.floor((y - layout.rulerHeightPx) / layout.rowHeightPx);
  if (row >= layout.rows) return timeX >= 0 ? { area: 'ruler', timeX } : { area: 'none' };
  return timeX >= 0 ? { area: 'row', row, timeX } : { area: 'label', row };
}

/** The bookmark whose flag is under the pointer, for its note as a tooltip. */
export function bookmarkAt<T extends { atMs: number }>(options: { bookmarks: readonly T[]; view: TimelineView; timeX: number }): T | null {
  let best: T | null = null;
  let bestDistance = FLAG_HIT_PX;
  for (const bookmark of options.bookmarks) {
    const distance = Math.abs(timeToX({ view: options.view, atMs: bookmark.atMs }) - options.timeX);
    if (distance <= bestDistance) {
      best = bookmark;
      bestDistance = distance;
    }
  }
  return best;
}

/** What React hands the timeline controller on each render, and whether it differs from last time. */
import type { DrawClip, DrawRow } from './timeline-draw';
import type { TimeRange } from './timeline-view';

export interface ControllerInputs {
  rows: readonly DrawRow[];
  /** All cameras' recordings, first start to last end; null with none. */
  span: TimeRange | null;
  timeZone: string;
  playheadMs: number | null;
  clips: readonly (DrawClip & { title: string })[];
  inMs: number | null;
  outMs: number | null;
  bookmarks: readonly { atMs: number; note: string }[];
}

export const EMPTY_INPUTS: ControllerInputs = { rows: [], span: null, timeZone: 'UTC', playheadMs: null, clips: [], inMs: null, outMs: null, bookmarks: [] };

function sameList<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (!same(a[i]!, b[i]!)) return false;
  return true;
}

/**
 * True when a frame drawn from `b` would look like one drawn from `a`. The review page re-renders for many reasons and
 * rebuilds these arrays each time; comparing their contents (a few cameras, clips and bookmarks) keeps the canvas
 * from being repainted when nothing on it changed.
 */
export function sameInputs(options: { a: ControllerInputs; b: ControllerInputs }): boolean {
  const { a, b } = options;
  return (
    a.timeZone === b.timeZone &&
    a.playheadMs === b.playheadMs &&
    a.inMs === b.inMs &&
    a.outMs === b.outMs &&
    a.span?.startMs === b.span?.startMs &&
    a.span?.endMs === b.span?.endMs &&
    sameList(a.rows, b.rows, (x, y) => x.index === y.index && x.label === y.label && x.selected === y.selected) &&
    sameList(a.clips, b.clips, (x, y) => x.row === y.row && x.startMs === y.startMs && x.endMs === y.endMs && x.label === y.label && x.title === y.title) &&
    sameList(a.bookmarks, b.bookmarks, (x, y) => x.atMs === y.atMs && x.note === y.note)
  );
}

/**
 * Finding and merging a camera's recordings for one frame. A camera can have tens of thousands of recordings, so a
 * frame looks up only the visible ones by binary search, and merges those that meet within a pixel into one bar: a
 * week of 5-minute recordings becomes a few bars, not thousands of rectangles.
 */
import { SEGMENT_KINDS } from '../../../../src-shared/domain/review';
import type { TimeRange, TimelineView } from './timeline-view';

/** Numbers per recording in `TimelineCamera.segments`: start, end, kind. */
export const STRIDE = 3;
export const KIND_COUNT = SEGMENT_KINDS.length;

export interface RecordingIndex {
  /** [startMs, endMs, kind, ...] sorted by start. */
  segments: readonly number[];
  count: number;
  /**
   * The latest end among recordings 0..i. Ends are not sorted (a long recording can outlast later short ones), but
   * this running maximum is, so the first recording reaching into the view is found by binary search on it.
   */
  reach: Float64Array;
  /** First start to last end; null with no recordings. */
  span: TimeRange | null;
}

function isSortedByStart(segments: readonly number[]): boolean {
  for (let i = STRIDE; i < segments.length; i += STRIDE) if (segments[i]! < segments[i - STRIDE]!) return false;
  return true;
}

/** The contract promises sorted recordings; a copy is sorted here rather than drawing nonsense if one ever is not. */
function sortedCopy(segments: readonly number[]): number[] {
  const order = Array.from({ length: Math.floor(segments.length / STRIDE) }, (_, i) => i);
  order.sort((a, b) => segments[a * STRIDE]! - segments[b * STRIDE]!);
  return order.flatMap((i) => [segments[i * STRIDE]!, segments[i * STRIDE + 1]!, segments[i * STRIDE + 2]!]);
}

export function indexRecordings(options: { segments: readonly number[] }): RecordingIndex {
  const segments = isSortedByStart(options.segments) ? options.segments : sortedCopy(options.segments);
  const count = Math.floor(segments.length / STRIDE);
  const reach = new Float64Array(count);
  let latest = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < count; i += 1) {
    latest = Math.max(latest, segments[i * STRIDE + 1]!);
    reach[i] = latest;
  }
  const span = count > 0 ? { startMs: segments[0]!, endMs: latest } : null;
  return { segments, count, reach, span };
}

const indexes = new WeakMap<readonly number[], RecordingIndex>();

/** The index of a camera's recordings, built once per array: re-rendering with the same data costs nothing. */
export function recordingIndexFor(options: { segments: readonly number[] }): RecordingIndex {
  let index = indexes.get(options.segments);
  if (!index) {
    index = indexRecordings(options);
    indexes.set(options.segments, index);
  }
  return index;
}

/** Recordings [first, end) that overlap [fromMs, toMs). */
export function visibleRange(options: { index: RecordingIndex; fromMs: number; toMs: number }): { first: number; end: number } {
  const { index, fromMs, toMs } = options;
  let low = 0;
  let high = index.count;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (index.reach[middle]! > fromMs) high = middle;
    else low = middle + 1;
  }
  const first = low;
  high = index.count;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (index.segments[middle * STRIDE]! < toMs) low = middle + 1;
    else high = middle;
  }
  return { first, end: Math.max(first, low) };
}

/** The whole span of several cameras' recordings, for "Fit all". */
export function overallSpan(options: { indexes: readonly RecordingIndex[] }): TimeRange | null {
  let startMs = Number.POSITIVE_INFINITY;
  let endMs = Number.NEGATIVE_INFINITY;
  for (const index of options.indexes) {
    if (!index.span) continue;
    startMs = Math.min(startMs, index.span.startMs);
    endMs = Math.max(endMs, index.span.endMs);
  }
  return startMs <= endMs ? { startMs, endMs } : null;
}

export interface CoverageRuns {
  /** For each kind, flat [x0, x1, ...] in CSS px of the time area; arrays are reused from frame to frame. */
  byKind: number[][];
  /** Recordings looked at, for the benchmark and tests. */
  visited: number;
}

export function emptyRuns(): CoverageRuns {
  return { byKind: Array.from({ length: KIND_COUNT }, () => []), visited: 0 };
}

/**
 * Bars for the visible recordings, one list per kind. Recordings of a kind that touch or come within `mergePx` of the
 * previous bar of that kind extend it; a gap narrower than that cannot be seen anyway. Each bar is at least
 * `minWidthPx` wide, so a short recording at week zoom is still a visible sliver.
 */
export function coverageRuns(options: { index: RecordingIndex; view: TimelineView; runs?: CoverageRuns; mergePx?: number; minWidthPx?: number }): CoverageRuns {
  const { index, view } = options;
  const runs = options.runs ?? emptyRuns();
  const mergePx = options.mergePx ?? 1;
  const minWidthPx = options.minWidthPx ?? 1;
  for (const list of runs.byKind) list.length = 0;
  const { startMs, msPerPx, widthPx } = view;
  const { first, end } = visibleRange({ index, fromMs: startMs, toMs: startMs + widthPx * msPerPx });
  // Bars are clipped just outside the canvas: huge coordinates at close zoom would only slow the rasteriser.
  const left = -2;
  const right = widthPx + 2;
  const openStart = new Float64Array(KIND_COUNT).fill(Number.NaN);
  const openEnd = new Float64Array(KIND_COUNT);
  const segments = index.segments;
  for (let i = first; i < end; i += 1) {
    const at = i * STRIDE;
    const kindCode = segments[at + 2]!;
    const kind = kindCode >= 0 && kindCode < KIND_COUNT ? kindCode | 0 : 0;
    const x0 = Math.max((segments[at]! - startMs) / msPerPx, left);
    const x1 = Math.min(Math.max((segments[at + 1]! - startMs) / msPerPx, x0 + minWidthPx), right);
    if (x1 <= left) continue;
    if (!Number.isNaN(openStart[kind]!) && x0 <= openEnd[kind]! + mergePx) {
      if (x1 > openEnd[kind]!) openEnd[kind] = x1;
      continue;
    }
    if (!Number.isNaN(openStart[kind]!)) runs.byKind[kind]!.push(openStart[kind]!, openEnd[kind]!);
    openStart[kind] = x0;
    openEnd[kind] = x1;
  }
  for (let kind = 0; kind < KIND_COUNT; kind += 1) {
    if (!Number.isNaN(openStart[kind]!)) runs.byKind[kind]!.push(openStart[kind]!, openEnd[kind]!);
  }
  runs.visited = end - first;
  return runs;
}

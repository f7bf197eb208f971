import type { TimelineCamera } from '../../../src-shared/domain/review';
import type { CameraTimeline } from '../catalogue/camera-timelines';

/**
 * The catalogue hands out the same CameraTimeline object until its source's index changes (scan, check, clock), so
 * what is worked out from one can be kept against it and is dropped with it.
 */
const longest = new WeakMap<CameraTimeline, number>();

/**
 * [startMs, endMs, kind, ...] in the timeline's order (by start), in one pass over the typed arrays into a plain
 * array of known length: 100,000 recordings as objects would cost far more to build, send and draw. Built afresh
 * each time (a millisecond or two) rather than cached, so no caller can change another's copy.
 */
export function flattenSegments(timeline: CameraTimeline): number[] {
  const count = timeline.starts.length;
  const segments = new Array<number>(count * 3);
  for (let i = 0, j = 0; i < count; i += 1, j += 3) {
    segments[j] = timeline.starts[i]!;
    segments[j + 1] = timeline.ends[i]!;
    segments[j + 2] = timeline.kinds[i]!;
  }
  return segments;
}

export function toTimelineCamera(options: { sourceId: string; timeline: CameraTimeline }): TimelineCamera {
  const { sourceId, timeline } = options;
  return { sourceId, cameraKey: timeline.cameraKey, label: timeline.label, segments: flattenSegments(timeline) };
}

/** The first start and the last end over every camera; ends are not sorted (recordings may overlap), starts are. */
export function timelineBounds(timelines: readonly CameraTimeline[]): { startMs: number | null; endMs: number | null } {
  let startMs: number | null = null;
  let endMs: number | null = null;
  for (const timeline of timelines) {
    if (timeline.starts.length === 0) continue;
    const first = timeline.starts[0]!;
    if (startMs === null || first < startMs) startMs = first;
    for (const end of timeline.ends) if (endMs === null || end > endMs) endMs = end;
  }
  return { startMs, endMs };
}

function longestRecordingMs(timeline: CameraTimeline): number {
  let result = longest.get(timeline);
  if (result === undefined) {
    result = 0;
    for (let i = 0; i < timeline.starts.length; i += 1) result = Math.max(result, timeline.ends[i]! - timeline.starts[i]!);
    longest.set(timeline, result);
  }
  return result;
}

/** The number of recordings starting before `atMs` (binary search over the sorted starts). */
function countStartingBefore({ starts, atMs }: { starts: Float64Array; atMs: number }): number {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (starts[mid]! < atMs) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * What the clip [startMs, endMs) will take on disk: each recording it overlaps counts by the share of its length the
 * clip covers (footage is assumed evenly spread over a file, which holds for a recorder's constant bit rate). Null
 * while any of those recordings' sizes is still unknown (the background check has not reached it); 0 when the clip
 * covers no recording.
 */
export function estimateClipBytes(options: { timeline: CameraTimeline; startMs: number; endMs: number }): number | null {
  const { timeline, startMs, endMs } = options;
  // Only recordings starting before the clip ends can overlap it, and none starting more than the longest
  // recording's length before the clip starts: so a clip looks at a handful of recordings, not all 100,000.
  const earliestStart = startMs - longestRecordingMs(timeline);
  let total = 0;
  for (let i = countStartingBefore({ starts: timeline.starts, atMs: endMs }) - 1; i >= 0 && timeline.starts[i]! >= earliestStart; i -= 1) {
    const recordingStart = timeline.starts[i]!;
    const recordingEnd = timeline.ends[i]!;
    const lengthMs = recordingEnd - recordingStart;
    const overlapMs = Math.min(endMs, recordingEnd) - Math.max(startMs, recordingStart);
    // A recording with no length (start and end the same) counts whole when its instant is inside the clip.
    const share = lengthMs > 0 ? overlapMs / lengthMs : recordingStart >= startMs ? 1 : 0;
    if (share <= 0) continue;
    const size = timeline.rows[i]!.size;
    if (size === null) return null;
    total += size * Math.min(1, share);
  }
  return Math.round(total);
}

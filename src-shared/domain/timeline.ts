/** One recording on a camera's timeline, in true time (ms since the epoch). */
export interface TimelineSegment {
  id: string | number;
  startMs: number;
  endMs: number;
}

export interface TimeSpan {
  startMs: number;
  endMs: number;
}

export interface CameraTimelineSummary {
  segments: number;
  startMs: number | null;
  endMs: number | null;
  /** Stretches with no recording between the first and last segment. */
  gaps: TimeSpan[];
  /** Stretches covered by more than one recording (other than exact duplicates). */
  overlaps: TimeSpan[];
  /** Groups of recordings with the same start and end (e.g. the same footage exported twice). */
  duplicates: (string | number)[][];
  /** Total time with at least one recording. */
  coveredMs: number;
}

/**
 * Recorders start a new file every few minutes and the boundaries rarely line up to the millisecond; a hole shorter
 * than this is a file boundary, not missing footage.
 */
export const DEFAULT_GAP_TOLERANCE_MS = 2000;

export function compareSegments(a: TimelineSegment, b: TimelineSegment): number {
  return a.startMs - b.startMs || a.endMs - b.endMs;
}

/** Gaps, overlaps and duplicates of one camera's recordings; the input need not be sorted. */
export function summariseCameraTimeline(options: { segments: readonly TimelineSegment[]; gapToleranceMs?: number }): CameraTimelineSummary {
  const tolerance = options.gapToleranceMs ?? DEFAULT_GAP_TOLERANCE_MS;
  const sorted = [...options.segments].sort(compareSegments);
  const gaps: TimeSpan[] = [];
  const overlaps: TimeSpan[] = [];
  const duplicates: (string | number)[][] = [];
  let coveredMs = 0;
  let reachMs = Number.NEGATIVE_INFINITY;
  let runStartMs = Number.NEGATIVE_INFINITY;
  let previous: TimelineSegment | null = null;
  let duplicateGroup: (string | number)[] | null = null;

  for (const segment of sorted) {
    const isDuplicate = previous !== null && Math.abs(previous.startMs - segment.startMs) < 1000 && Math.abs(previous.endMs - segment.endMs) < 1000;
    if (isDuplicate && previous) {
      if (!duplicateGroup) {
        duplicateGroup = [previous.id];
        duplicates.push(duplicateGroup);
      }
      duplicateGroup.push(segment.id);
      continue;
    }
    duplicateGroup = null;
    if (segment.startMs > reachMs) {
      if (Number.isFinite(reachMs)) {
        coveredMs += reachMs - runStartMs;
        if (segment.startMs - reachMs > tolerance) gaps.push({ startMs: reachMs, endMs: segment.startMs });
      }
      runStartMs = segment.startMs;
    } else if (reachMs - segment.startMs > tolerance) {
      const last = overlaps.at(-1);
      const overlapEnd = Math.min(reachMs, segment.endMs);
      if (last && segment.startMs <= last.endMs) last.endMs = Math.max(last.endMs, overlapEnd);
      else overlaps.push({ startMs: segment.startMs, endMs: overlapEnd });
    }
    reachMs = Math.max(reachMs, segment.endMs);
    previous = segment;
  }
  if (Number.isFinite(reachMs)) coveredMs += reachMs - runStartMs;
  return {
    segments: sorted.length,
    startMs: sorted[0]?.startMs ?? null,
    endMs: Number.isFinite(reachMs) ? reachMs : null,
    gaps,
    overlaps,
    duplicates,
    coveredMs,
  };
}

import { SEGMENT_KINDS, type SegmentKind } from '../../../src-shared/domain/review';
import type { RecordingRow } from './recording-index';

/** One camera's playable recordings in true time, sorted by start: what the timeline draws and the player looks up. */
export interface CameraTimeline {
  cameraKey: string;
  label: string;
  /** The recordings, in the order of `starts`. */
  rows: RecordingRow[];
  starts: Float64Array;
  ends: Float64Array;
  kinds: Uint8Array;
}

function kindOf(row: RecordingRow): SegmentKind {
  if (row.status !== 'ok' || row.duration_mismatch === 1) return 'problem';
  if (row.event_kind === 'motion' || row.event_kind === 'alarm') return row.event_kind;
  return 'regular';
}

/** Rows sorted by camera then true start (see `sortedRecordings`) into per-camera timelines; unplayable rows are left out. */
export function buildCameraTimelines(sortedRows: readonly RecordingRow[]): CameraTimeline[] {
  const byCamera = new Map<string, RecordingRow[]>();
  for (const row of sortedRows) {
    if ((row.status !== 'ok' && row.status !== 'partial') || row.true_start_ms === null) continue;
    const list = byCamera.get(row.camera_key) ?? [];
    list.push(row);
    byCamera.set(row.camera_key, list);
  }
  return [...byCamera.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
    .map(([cameraKey, rows]) => {
      const starts = new Float64Array(rows.length);
      const ends = new Float64Array(rows.length);
      const kinds = new Uint8Array(rows.length);
      rows.forEach((row, i) => {
        starts[i] = row.true_start_ms!;
        ends[i] = row.true_end_ms ?? row.true_start_ms!;
        kinds[i] = SEGMENT_KINDS.indexOf(kindOf(row));
      });
      return { cameraKey, label: rows[0]!.camera_label, rows, starts, ends, kinds };
    });
}

/** The index of the last recording starting at or before `atMs` (binary search), or -1. */
function lastStartingBy(starts: Float64Array, atMs: number): number {
  let low = 0;
  let high = starts.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (starts[mid]! <= atMs) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

/**
 * The recording covering `atMs` (the latest-starting one where several overlap), or the next one after it. An end
 * is exclusive, so at a boundary between two files the later file plays.
 */
export function recordingAt(options: { timeline: CameraTimeline; atMs: number }): { index: number; nextIndex: number | null } {
  const { timeline, atMs } = options;
  const last = lastStartingBy(timeline.starts, atMs);
  // Overlapping recordings: a long one that started earlier may still cover the instant.
  for (let i = last; i >= 0 && i > last - 8; i -= 1) {
    if (timeline.ends[i]! > atMs) return { index: i, nextIndex: null };
  }
  const next = last + 1 < timeline.starts.length ? last + 1 : null;
  return { index: -1, nextIndex: next };
}

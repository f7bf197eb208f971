import type { FileStatus } from '../../../src-shared/domain/catalogue';
import type { ProbeResult } from '../media/probe';
import type { RecordingRow, SourceRow, StoredProbe } from './catalogue-store';
import { localText, parseLocalText } from './catalogue-store';
import type { ParsedRecordingPath } from './layouts';
import { computeRecordingTimes } from './recording-times';

/** Sub streams are a lower-quality copy of the same camera; keep them apart so the timeline does not double up. */
function cameraIdentity(parsed: ParsedRecordingPath): { key: string; label: string } {
  if (parsed.stream === 'sub') return { key: `${parsed.cameraKey}~sub`, label: `${parsed.cameraLabel} (low quality)` };
  return { key: parsed.cameraKey, label: parsed.cameraLabel };
}

function storedProbe(row: Pick<RecordingRow, 'probe_json'>): StoredProbe | null {
  return row.probe_json ? (JSON.parse(row.probe_json) as StoredProbe) : null;
}

/** Works the times, status and reason out again from what is stored: after a probe, or a change of zone or offset. */
export function refreshRecordingRow<T extends RecordingRow>(options: { row: T; source: Pick<SourceRow, 'time_zone' | 'clock_offset_s'>; warnings?: string[] }): T {
  const { row, source } = options;
  const probe = storedProbe(row);
  const times = computeRecordingTimes({
    name: { start: parseLocalText(row.name_start_local), end: parseLocalText(row.name_end_local), clock: row.name_clock, dstHint: row.dst_hint === null ? null : row.dst_hint === 1 },
    probe: probe ? { durationS: probe.durationS, creationTime: probe.creationTime } : null,
    mtimeMs: row.mtime_ms,
    timeZone: source.time_zone,
    clockOffsetS: source.clock_offset_s,
  });
  let status: FileStatus = row.status;
  const reasons: string[] = [];
  if (row.size === 0) {
    status = 'empty';
    reasons.push('This file is empty (0 bytes): the recorder may have stopped before writing anything.');
  } else if (row.status === 'partial') {
    reasons.push('The recorder was still writing this file when it was copied, so it may be cut short.');
  } else if (row.probe_state === 'failed') {
    status = 'unreadable';
    reasons.push(row.reason || 'This file could not be read as video. It may be damaged or cut short.');
  } else if (row.probe_state === 'done' && probe && probe.videoCodec === null) {
    status = 'unknown';
    reasons.push('No video was found in this file.');
  } else {
    status = 'ok';
  }
  if (row.probe_state === 'pending') reasons.push('Not opened yet, so its length is not known.');
  reasons.push(...(options.warnings ?? []), ...times.notes);
  return {
    ...row,
    status,
    reason: status === 'unreadable' ? (reasons[0] ?? '') : [...new Set(reasons)].join(' '),
    time_source: times.timeSource,
    recorder_start_ms: times.recorderStartMs,
    recorder_end_ms: times.recorderEndMs,
    true_start_ms: times.trueStartMs,
    true_end_ms: times.trueEndMs,
    ambiguity: times.ambiguity,
    duration_mismatch: times.durationMismatch ? 1 : 0,
  };
}

/** The index row for a file seen by a scan, before any probe. */
export function buildRecordingRow(options: {
  sourceId: string;
  relPath: string;
  parsed: ParsedRecordingPath;
  size: number;
  mtimeMs: number;
  source: Pick<SourceRow, 'time_zone' | 'clock_offset_s'>;
}): RecordingRow {
  const { parsed, size } = options;
  const camera = cameraIdentity(parsed);
  const needsProbe = size > 0 && !parsed.partial && (parsed.start === null || parsed.end === null);
  const row: RecordingRow = {
    source_id: options.sourceId,
    rel_path: options.relPath,
    size,
    mtime_ms: options.mtimeMs,
    layout: parsed.layout,
    camera_key: camera.key,
    camera_label: camera.label,
    name_start_local: localText(parsed.start),
    name_end_local: localText(parsed.end),
    name_clock: parsed.clock,
    dst_hint: parsed.dstHint === null ? null : parsed.dstHint ? 1 : 0,
    event_kind: parsed.eventKind,
    stream: parsed.stream,
    time_source: 'name',
    recorder_start_ms: null,
    recorder_end_ms: null,
    true_start_ms: null,
    true_end_ms: null,
    ambiguity: 'none',
    status: parsed.partial ? 'partial' : 'ok',
    reason: '',
    probe_state: needsProbe ? 'pending' : 'not_needed',
    probe_json: null,
    duration_mismatch: 0,
  };
  return refreshRecordingRow({ row, source: options.source, warnings: parsed.warnings.map(capitalise) });
}

function capitalise(text: string): string {
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

export function probeToStored(probe: ProbeResult): StoredProbe {
  const video = probe.streams.find((stream) => stream.codecType === 'video');
  const audio = probe.streams.find((stream) => stream.codecType === 'audio');
  return {
    durationS: probe.durationS ?? video?.durationS ?? null,
    creationTime: probe.creationTime,
    formatName: probe.formatName,
    videoCodec: video?.codecName ?? null,
    width: video?.width ?? null,
    height: video?.height ?? null,
    frameRate: video?.frameRate ?? null,
    audioCodec: audio?.codecName ?? null,
  };
}

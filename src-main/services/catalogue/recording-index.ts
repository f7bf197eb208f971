/**
 * The list of recordings of one footage folder, worked out in memory from the names a scan stored per folder and
 * whatever the background check has learnt about each file so far. Nothing here touches the disk or SQLite.
 */
import type { FileStatus, TimeSource } from '../../../src-shared/domain/catalogue';
import type { LocalTimeAmbiguity } from '../../../src-shared/domain/time';
import type { ProbeResult } from '../media/probe';
import type { FileCheck, ProbeState, SourceRow, StoredProbe } from './catalogue-store';
import { folderParser, type LayoutId, type ParsedRecordingPath, type RecordingEventKind } from './layouts';
import { readCommonDahuaSdName, readDahuaSdFolder, type CommonDahuaSdName } from './layouts/dahua-sd';
import { MAX_REL_PATH_LENGTH } from './layouts/path-parts';
import { computeRecordingTimes, createHourCachedResolver, createHourOffsets, type LocalTimeResolver } from './recording-times';
import { joinRelPath } from './rel-path';

/** One recording as the catalogue shows it (the shape the old per-file table had, less what only it needed). */
export interface RecordingRow {
  rel_path: string;
  layout: LayoutId;
  camera_key: string;
  camera_label: string;
  event_kind: string | null;
  stream: string | null;
  /** Null until the background check has stat'ed the file. */
  size: number | null;
  mtime_ms: number | null;
  time_source: TimeSource;
  recorder_start_ms: number | null;
  recorder_end_ms: number | null;
  true_start_ms: number | null;
  true_end_ms: number | null;
  ambiguity: LocalTimeAmbiguity;
  status: FileStatus;
  reason: string;
  probe_state: ProbeState;
  duration_mismatch: number;
  /** Whether the background check has seen this file (its size and time are known). */
  checked: boolean;
}

export type TimelineRow = Pick<RecordingRow, 'camera_key' | 'camera_label' | 'layout' | 'status' | 'true_start_ms' | 'true_end_ms' | 'event_kind'>;

/**
 * A source's recordings. The common Dahua rows (both times in the name, nothing to say about them) are kept as
 * columns (typed arrays) and made into row objects only when asked for: building 100,000 objects at the end of a
 * scan costs more than the rest of the index together, in allocation and garbage collection. Other rows are kept
 * as objects. True times are worked out with `clockOffsetS` as rows are made, so a new offset is one assignment.
 */
export interface SourceIndex {
  timeZone: string;
  clockOffsetS: number;
  count: number;
  /** Every recording as a fresh object, in folder order, then name order. */
  rows: () => RecordingRow[];
  /** Recordings with a problem (status other than ok, or a length that disagrees with the name). */
  problemRows: () => RecordingRow[];
  /** Files the background check still has to stat. */
  uncheckedFiles: () => { relPath: string; partial: boolean; needsProbe: boolean }[];
  /** Files listed as skipped though no scan wrote them down: those the check could not stat. */
  skips: { rel_path: string; reason: string }[];
  problems: number;
  unchecked: number;
  pendingProbes: number;
}

/** Sub streams are a lower-quality copy of the same camera; keep them apart so the timeline does not double up. */
function cameraIdentity(parsed: ParsedRecordingPath): { key: string; label: string } {
  if (parsed.stream === 'sub') return { key: `${parsed.cameraKey}~sub`, label: `${parsed.cameraLabel} (low quality)` };
  return { key: parsed.cameraKey, label: parsed.cameraLabel };
}

function capitalise(text: string): string {
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/** One recording from what its name says and what the check found (null: not checked yet). */
export function recordingFromName(options: {
  relPath: string;
  parsed: ParsedRecordingPath;
  check: FileCheck | null;
  source: Pick<SourceRow, 'time_zone' | 'clock_offset_s'>;
  resolve?: LocalTimeResolver;
}): RecordingRow {
  const { parsed, check, source } = options;
  const camera = cameraIdentity(parsed);
  const size = check ? check.size : null;
  const needsProbe = !parsed.partial && (parsed.start === null || parsed.end === null);
  let probeState: ProbeState;
  if (!needsProbe || size === 0) probeState = 'not_needed';
  else if (check && check.probe_state !== 'not_needed') probeState = check.probe_state;
  else probeState = 'pending';
  const probe = check?.probe_json ? (JSON.parse(check.probe_json) as StoredProbe) : null;
  const times = computeRecordingTimes({
    name: { start: parsed.start, end: parsed.end, clock: parsed.clock, dstHint: parsed.dstHint },
    probe: probe ? { durationS: probe.durationS, creationTime: probe.creationTime } : null,
    mtimeMs: check ? check.mtime_ms : null,
    timeZone: source.time_zone,
    clockOffsetS: source.clock_offset_s,
    resolve: options.resolve,
  });
  let status: FileStatus;
  const reasons: string[] = [];
  if (size === 0) {
    status = 'empty';
    reasons.push('This file is empty (0 bytes): the recorder may have stopped before writing anything.');
  } else if (parsed.partial) {
    status = 'partial';
    reasons.push('The recorder was still writing this file when it was copied, so it may be cut short.');
  } else if (probeState === 'failed') {
    status = 'unreadable';
    reasons.push(check?.reason || 'This file could not be read as video. It may be damaged or cut short.');
  } else if (probeState === 'done' && probe && probe.videoCodec === null) {
    status = 'unknown';
    reasons.push('No video was found in this file.');
  } else {
    status = 'ok';
  }
  if (probeState === 'pending') reasons.push('Not opened yet, so its length is not known.');
  for (const warning of parsed.warnings) reasons.push(capitalise(warning));
  reasons.push(...times.notes);
  return {
    rel_path: options.relPath,
    layout: parsed.layout,
    camera_key: camera.key,
    camera_label: camera.label,
    event_kind: parsed.eventKind,
    stream: parsed.stream,
    size,
    mtime_ms: check ? check.mtime_ms : null,
    time_source: times.timeSource,
    recorder_start_ms: times.recorderStartMs,
    recorder_end_ms: times.recorderEndMs,
    true_start_ms: times.trueStartMs,
    true_end_ms: times.trueEndMs,
    ambiguity: times.ambiguity,
    status,
    reason: reasons.length === 0 ? '' : status === 'unreadable' ? (reasons[0] ?? '') : [...new Set(reasons)].join(' '),
    probe_state: probeState,
    duration_mismatch: times.durationMismatch ? 1 : 0,
    checked: check !== null,
  };
}

/** A Float64Array/Uint32Array/Uint8Array column that doubles when full: a walk does not know the file count ahead. */
function growable<T extends Float64Array | Uint32Array | Uint8Array>(make: (length: number) => T) {
  let array = make(1024);
  return {
    get: () => array,
    set(i: number, value: number) {
      if (i >= array.length) {
        const bigger = make(array.length * 2);
        bigger.set(array);
        array = bigger;
      }
      array[i] = value;
    },
  };
}

export interface SourceIndexBuilder {
  /** One folder's video file names; folders may come in any order, each once. */
  addDir(dirRel: string, names: readonly string[]): void;
  finish(): SourceIndex;
}

/**
 * Builds a source's index folder by folder, so a first scan can parse names while the walk waits on the disk: each
 * folder's path is read once and then only its file names (see `folderParser`), and wall-clock times are resolved
 * through an offset cached per local hour. Rows come out in folder path order whatever order folders were added in.
 */
export function createSourceIndexBuilder(options: { source: Pick<SourceRow, 'time_zone' | 'clock_offset_s'>; checks: ReadonlyMap<string, FileCheck> }): SourceIndexBuilder {
  const { source, checks } = options;
  const offsets = createHourOffsets(source.time_zone);
  const resolve = createHourCachedResolver(source.time_zone, offsets);
  // Columns of the common rows; `general` holds the other rows, by position. Each folder's rows are contiguous.
  const dirs: { relPath: string; first: number; count: number }[] = [];
  const nameOf: string[] = [];
  const dirOf: number[] = [];
  const cameras: { key: string; label: string }[] = [];
  const cameraOf = growable((n) => new Uint32Array(n));
  const eventOf = growable((n) => new Uint8Array(n));
  const recorderStart = growable((n) => new Float64Array(n));
  const recorderEnd = growable((n) => new Float64Array(n));
  const checkOf: (FileCheck | null)[] = [];
  const general = new Map<number, RecordingRow>();
  const skips: SourceIndex['skips'] = [];
  const common: CommonDahuaSdName = { startS: 0, endS: 0, eventKind: 'regular', partial: false };
  let count = 0;
  let problems = 0;
  let unchecked = 0;
  let pendingProbes = 0;

  function addDir(dirRel: string, names: readonly string[]): void {
    if (names.length === 0) return;
    const dirIndex = dirs.push({ relPath: dirRel, first: count, count: 0 }) - 1;
    // Only names the fast path below does not take need the general parser, which reads the folder path again.
    let parse: ReturnType<typeof folderParser> | null = null;
    const dahua = dirRel === '' ? null : readDahuaSdFolder(dirRel.split('/'));
    const dayNaiveMs = dahua ? Date.UTC(dahua.date.year, dahua.date.month - 1, dahua.date.day) : 0;
    const cameraIndex = dahua ? cameras.push({ key: dahua.camera.cameraKey, label: dahua.camera.cameraLabel }) - 1 : 0;
    const maxNameLength = MAX_REL_PATH_LENGTH - dirRel.length - 1;
    for (const name of names) {
      const check = checks.size === 0 ? null : (checks.get(joinRelPath(dirRel, name)) ?? null);
      if (check?.stat_error) {
        skips.push({ rel_path: check.rel_path, reason: check.stat_error });
        continue;
      }
      // The common Dahua case, straight into the columns: both times in the name, no note to make, nothing opened.
      if (
        dahua &&
        name.length <= maxNameLength &&
        readCommonDahuaSdName({ folder: dahua, fileName: name, into: common }) &&
        !common.partial &&
        (check === null || (check.size !== 0 && check.probe_json === null))
      ) {
        const startNaiveMs = dayNaiveMs + common.startS * 1000;
        const endNaiveMs = dayNaiveMs + common.endS * 1000;
        const startOffset = offsets.offsetAt(startNaiveMs);
        const endOffset = offsets.offsetAt(endNaiveMs);
        if (startOffset !== null && endOffset !== null) {
          const startMs = startNaiveMs - startOffset;
          let endMs = endNaiveMs - endOffset;
          if (endMs < startMs) endMs = startMs + (endNaiveMs - startNaiveMs);
          dirOf.push(dirIndex);
          nameOf.push(name);
          cameraOf.set(count, cameraIndex);
          eventOf.set(count, EVENT_CODE_OF[common.eventKind]);
          recorderStart.set(count, startMs);
          recorderEnd.set(count, endMs);
          checkOf.push(check);
          if (check === null) unchecked += 1;
          count += 1;
          continue;
        }
      }
      const relPath = joinRelPath(dirRel, name);
      parse ??= folderParser(dirRel);
      const parsed = parse(name);
      if (!parsed) {
        skips.push({ rel_path: relPath, reason: 'Not a video file.' });
        continue;
      }
      const row = recordingFromName({ relPath, parsed, check, source, resolve });
      if (row.status !== 'ok' || row.duration_mismatch === 1) problems += 1;
      if (!row.checked) unchecked += 1;
      if (row.probe_state === 'pending') pendingProbes += 1;
      dirOf.push(dirIndex);
      nameOf.push(name);
      checkOf.push(check);
      general.set(count, row);
      count += 1;
    }
    dirs[dirIndex]!.count = count - dirs[dirIndex]!.first;
  }

  function finish(): SourceIndex {
    const folderOrder = dirs.slice().sort((a, b) => compareText(a.relPath, b.relPath));
    const relPathOf = (i: number): string => joinRelPath(dirs[dirOf[i]!]!.relPath, nameOf[i]!);
    const withOffset = (row: RecordingRow, shift: number): RecordingRow => ({
      ...row,
      true_start_ms: row.recorder_start_ms === null ? null : row.recorder_start_ms - shift,
      true_end_ms: row.recorder_end_ms === null ? null : row.recorder_end_ms - shift,
    });
    /** Row positions in folder path order, then name order. */
    function* positions(): Generator<number> {
      for (const dir of folderOrder) for (let i = dir.first; i < dir.first + dir.count; i += 1) yield i;
    }
    const columns = { cameraOf: cameraOf.get(), eventOf: eventOf.get(), recorderStart: recorderStart.get(), recorderEnd: recorderEnd.get() };

    const index: SourceIndex = {
      timeZone: source.time_zone,
      clockOffsetS: source.clock_offset_s,
      count,
      rows: () => {
        const shift = Math.round(index.clockOffsetS * 1000);
        const rows: RecordingRow[] = [];
        for (const i of positions()) {
          const stored = general.get(i);
          if (stored) {
            rows.push(withOffset(stored, shift));
            continue;
          }
          const camera = cameras[columns.cameraOf[i]!]!;
          const check = checkOf[i] ?? null;
          const startMs = columns.recorderStart[i]!;
          const endMs = columns.recorderEnd[i]!;
          rows.push({
            rel_path: relPathOf(i),
            layout: 'dahua-sd',
            camera_key: camera.key,
            camera_label: camera.label,
            event_kind: EVENT_CODES[columns.eventOf[i]!] ?? null,
            stream: null,
            size: check ? check.size : null,
            mtime_ms: check ? check.mtime_ms : null,
            time_source: 'name',
            recorder_start_ms: startMs,
            recorder_end_ms: endMs,
            true_start_ms: startMs - shift,
            true_end_ms: endMs - shift,
            ambiguity: 'none',
            status: 'ok',
            reason: '',
            probe_state: 'not_needed',
            duration_mismatch: 0,
            checked: check !== null,
          });
        }
        return rows;
      },
      // Only rows kept as objects can have a problem: the common ones are ok by construction.
      problemRows: () => {
        const shift = Math.round(index.clockOffsetS * 1000);
        const rows: RecordingRow[] = [];
        for (const i of positions()) {
          const row = general.get(i);
          if (row && (row.status !== 'ok' || row.duration_mismatch === 1)) rows.push(withOffset(row, shift));
        }
        return rows;
      },
      uncheckedFiles: () => {
        const files: { relPath: string; partial: boolean; needsProbe: boolean }[] = [];
        for (const i of positions()) {
          if (checkOf[i]) continue;
          const row = general.get(i);
          files.push({ relPath: relPathOf(i), partial: row?.status === 'partial', needsProbe: row?.probe_state === 'pending' });
        }
        return files;
      },
      skips: skips.sort((a, b) => compareText(a.rel_path, b.rel_path)),
      problems,
      unchecked,
      pendingProbes,
    };
    return index;
  }

  return { addDir, finish };
}

/** A source's index from every folder at once (see `createSourceIndexBuilder`). */
export function buildSourceIndex(options: {
  source: Pick<SourceRow, 'time_zone' | 'clock_offset_s'>;
  /** [folder, names] pairs, names already split. */
  dirs: readonly (readonly [string, readonly string[]])[];
  checks: ReadonlyMap<string, FileCheck>;
}): SourceIndex {
  const builder = createSourceIndexBuilder(options);
  for (const [dirRel, names] of options.dirs) builder.addDir(dirRel, names);
  return builder.finish();
}

const EVENT_CODES: readonly (RecordingEventKind | null)[] = [null, 'regular', 'motion', 'alarm'];
const EVENT_CODE_OF: Record<RecordingEventKind, number> = { regular: 1, motion: 2, alarm: 3 };

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Nulls first, as SQLite orders them. */
function compareNullableNumber(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a - b;
}

/** By camera, then true start, then path: the order the listing has always had. */
export function sortedRecordings(rows: readonly RecordingRow[]): RecordingRow[] {
  return [...rows].sort(
    (a, b) => compareText(a.camera_key, b.camera_key) || compareNullableNumber(a.true_start_ms, b.true_start_ms) || compareText(a.rel_path, b.rel_path),
  );
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

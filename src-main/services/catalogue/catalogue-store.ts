import type Database from 'better-sqlite3';
import type { ClockCheck, FileStatus, TimeSource } from '../../../src-shared/domain/catalogue';
import { formatLocalDateTime, type LocalDateTime } from '../../../src-shared/domain/local-time';
import type { LocalTimeAmbiguity } from '../../../src-shared/domain/time';
import type { LayoutId } from './layouts';

export interface SourceRow {
  id: string;
  case_id: string | null;
  root_path: string;
  label: string;
  time_zone: string;
  clock_offset_s: number;
  clock_check: ClockCheck;
  clock_note: string | null;
  retention_days: number | null;
  created_at: string;
  last_scan_at: string | null;
}

export type ProbeState = 'not_needed' | 'pending' | 'done' | 'failed';

/** What ffprobe told us, kept so an unchanged file is never probed twice. */
export interface StoredProbe {
  durationS: number | null;
  creationTime: string | null;
  formatName: string | null;
  videoCodec: string | null;
  width: number | null;
  height: number | null;
  frameRate: number | null;
  audioCodec: string | null;
}

export interface RecordingRow {
  id?: number;
  source_id: string;
  rel_path: string;
  size: number;
  mtime_ms: number;
  layout: LayoutId;
  camera_key: string;
  camera_label: string;
  name_start_local: string | null;
  name_end_local: string | null;
  name_clock: 'local' | 'utc';
  dst_hint: number | null;
  event_kind: string | null;
  stream: string | null;
  time_source: TimeSource;
  recorder_start_ms: number | null;
  recorder_end_ms: number | null;
  true_start_ms: number | null;
  true_end_ms: number | null;
  ambiguity: LocalTimeAmbiguity;
  status: FileStatus;
  reason: string;
  probe_state: ProbeState;
  probe_json: string | null;
  duration_mismatch: number;
}

export type TimelineRow = Pick<RecordingRow, 'camera_key' | 'camera_label' | 'layout' | 'status' | 'true_start_ms' | 'true_end_ms' | 'event_kind'>;

export interface KnownFile {
  size: number;
  mtimeMs: number;
  status: FileStatus;
}

const RECORDING_COLUMNS = [
  'source_id',
  'rel_path',
  'size',
  'mtime_ms',
  'layout',
  'camera_key',
  'camera_label',
  'name_start_local',
  'name_end_local',
  'name_clock',
  'dst_hint',
  'event_kind',
  'stream',
  'time_source',
  'recorder_start_ms',
  'recorder_end_ms',
  'true_start_ms',
  'true_end_ms',
  'ambiguity',
  'status',
  'reason',
  'probe_state',
  'probe_json',
  'duration_mismatch',
] as const;

export function localText(local: LocalDateTime | null): string | null {
  return local ? formatLocalDateTime(local) : null;
}

export function parseLocalText(text: string | null): LocalDateTime | null {
  const match = text ? /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(text) : null;
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  return { year, month, day, hour, minute, second };
}

/** The rows directly inside a folder, found through the (source_id, rel_path) index as a range. */
function directChildRange(dirRel: string): { from: string; to: string; prefixLength: number } {
  const prefix = dirRel ? `${dirRel}/` : '';
  return { from: prefix, to: `${prefix}\uffff`, prefixLength: prefix.length };
}

/**
 * All SQL for the footage catalogue. A scan saves recordings in chunks (each its own transaction, so the app stays
 * responsive) and the folder times last, in `finishScan`: if a scan stops half way, the folders it did not finish
 * still look changed next time and are read again.
 */
export function createCatalogueStore(db: Database.Database) {
  const upsertRecording = db.prepare(
    `INSERT INTO recordings (${RECORDING_COLUMNS.join(', ')}) VALUES (${RECORDING_COLUMNS.map(() => '?').join(', ')})
     ON CONFLICT (source_id, rel_path) DO UPDATE SET ${RECORDING_COLUMNS.slice(2)
       .map((c) => `${c} = excluded.${c}`)
       .join(', ')}`,
  );
  const deleteRecording = db.prepare('DELETE FROM recordings WHERE source_id = ? AND rel_path = ?');
  const deleteRecordingsUnder = db.prepare('DELETE FROM recordings WHERE source_id = ? AND rel_path >= ? AND rel_path < ?');
  const insertDir = db.prepare('INSERT INTO source_dirs (source_id, rel_path, mtime_ms) VALUES (?, ?, ?)');
  const insertSkip = db.prepare('INSERT OR REPLACE INTO scan_skips (source_id, dir_path, rel_path, reason) VALUES (?, ?, ?, ?)');
  const deleteSkipsInDir = db.prepare('DELETE FROM scan_skips WHERE source_id = ? AND dir_path = ?');
  const deleteSkipsUnder = db.prepare('DELETE FROM scan_skips WHERE source_id = ? AND rel_path >= ? AND rel_path < ?');
  const filesInRange = db.prepare<[string, string, string], [string, number, number, FileStatus]>(
    'SELECT rel_path, size, mtime_ms, status FROM recordings WHERE source_id = ? AND rel_path >= ? AND rel_path < ?',
  );
  const shiftTrueTimesStmt = db.prepare(
    'UPDATE recordings SET true_start_ms = recorder_start_ms - @shift, true_end_ms = recorder_end_ms - @shift WHERE source_id = @sourceId',
  );
  const updateRecordingStmt = db.prepare(
    `UPDATE recordings SET ${RECORDING_COLUMNS.slice(2)
      .map((c) => `${c} = @${c}`)
      .join(', ')} WHERE id = @id`,
  );
  const updateRecordingsTx = db.transaction((rows: readonly (RecordingRow & { id: number })[]) => {
    for (const row of rows) updateRecordingStmt.run(row);
  });
  const saveRowsTx = db.transaction((rows: readonly RecordingRow[], removed: readonly { sourceId: string; relPath: string }[]) => {
    for (const row of rows) upsertRecording.run(RECORDING_COLUMNS.map((column) => row[column]));
    for (const gone of removed) deleteRecording.run(gone.sourceId, gone.relPath);
  });
  const finishScanTx = db.transaction(
    (input: {
      sourceId: string;
      dirMtimes: ReadonlyMap<string, number>;
      goneDirs: readonly string[];
      changedDirs: readonly string[];
      skips: readonly { relPath: string; dirPath: string; reason: string }[];
      scannedAt: string;
    }) => {
      for (const gone of input.goneDirs) {
        const range = directChildRange(gone);
        deleteRecordingsUnder.run(input.sourceId, range.from, range.to);
        deleteSkipsUnder.run(input.sourceId, range.from, range.to);
        deleteSkipsInDir.run(input.sourceId, gone);
      }
      for (const dir of input.changedDirs) deleteSkipsInDir.run(input.sourceId, dir);
      for (const skip of input.skips) insertSkip.run(input.sourceId, skip.dirPath, skip.relPath, skip.reason);
      db.prepare('DELETE FROM source_dirs WHERE source_id = ?').run(input.sourceId);
      for (const [relPath, mtimeMs] of input.dirMtimes) insertDir.run(input.sourceId, relPath, mtimeMs);
      db.prepare('UPDATE sources SET last_scan_at = ? WHERE id = ?').run(input.scannedAt, input.sourceId);
    },
  );

  // Bumped on every write to a source's recordings, so summaries cached from them can tell they are stale.
  const generations = new Map<string, number>();
  const bump = (sourceId: string) => generations.set(sourceId, (generations.get(sourceId) ?? 0) + 1);

  return {
    generation: (sourceId: string) => generations.get(sourceId) ?? 0,
    getSource: (id: string) => db.prepare<[string], SourceRow>('SELECT * FROM sources WHERE id = ?').get(id) ?? null,
    findSourceByRoot: (options: { caseId: string | null; rootPath: string }) =>
      db.prepare<[string, string], SourceRow>("SELECT * FROM sources WHERE ifnull(case_id, '') = ? AND root_path = ?").get(options.caseId ?? '', options.rootPath) ??
      null,
    listSources: (caseId: string) => db.prepare<[string], SourceRow>('SELECT * FROM sources WHERE case_id = ? ORDER BY created_at').all(caseId),
    insertSource: (row: SourceRow) =>
      db
        .prepare(
          `INSERT INTO sources (id, case_id, root_path, label, time_zone, clock_offset_s, clock_check, clock_note, retention_days, created_at, last_scan_at)
           VALUES (@id, @case_id, @root_path, @label, @time_zone, @clock_offset_s, @clock_check, @clock_note, @retention_days, @created_at, @last_scan_at)`,
        )
        .run(row),
    updateSourceClock: (options: { id: string; timeZone: string; clockOffsetS: number; clockCheck: ClockCheck; clockNote: string | null }) =>
      db
        .prepare('UPDATE sources SET time_zone = ?, clock_offset_s = ?, clock_check = ?, clock_note = ? WHERE id = ?')
        .run(options.timeZone, options.clockOffsetS, options.clockCheck, options.clockNote, options.id),

    /** Files the index holds directly inside one folder, keyed by relative path. */
    filesInDir: (options: { sourceId: string; dirRel: string }): Map<string, KnownFile> => {
      const range = directChildRange(options.dirRel);
      const files = new Map<string, KnownFile>();
      for (const [relPath, size, mtimeMs, status] of filesInRange.raw().all(options.sourceId, range.from, range.to)) {
        if (relPath.indexOf('/', range.prefixLength) < 0) files.set(relPath, { size, mtimeMs, status });
      }
      return files;
    },
    /** Files that may still be growing in place (no rename, so no folder time change): partial ones and recent ones. */
    growingCandidates: (options: { sourceId: string; modifiedAfterMs: number }) =>
      db
        .prepare<[string, number], { rel_path: string; size: number; mtime_ms: number; status: FileStatus }>(
          "SELECT rel_path, size, mtime_ms, status FROM recordings WHERE source_id = ? AND (status = 'partial' OR mtime_ms > ?)",
        )
        .all(options.sourceId, options.modifiedAfterMs),
    knownDirMtimes: (sourceId: string): Map<string, number> =>
      new Map(
        db.prepare<[string], [string, number]>('SELECT rel_path, mtime_ms FROM source_dirs WHERE source_id = ?').raw().all(sourceId),
      ),
    saveRows: (input: { rows: readonly RecordingRow[]; removed: readonly { sourceId: string; relPath: string }[] }) => {
      saveRowsTx.immediate(input.rows, input.removed);
      for (const sourceId of new Set([...input.rows, ...input.removed.map((gone) => ({ source_id: gone.sourceId }))].map((row) => row.source_id))) bump(sourceId);
    },
    finishScan: (input: Parameters<typeof finishScanTx>[0]) => {
      finishScanTx.immediate(input);
      bump(input.sourceId);
    },
    countRecordings: (sourceId: string) => db.prepare<[string], number>('SELECT count(*) FROM recordings WHERE source_id = ?').pluck().get(sourceId) ?? 0,

    pendingProbes: (sourceId: string) =>
      db.prepare<[string], RecordingRow & { id: number }>("SELECT * FROM recordings WHERE source_id = ? AND probe_state = 'pending' ORDER BY rel_path").all(sourceId),
    /** Just what the camera summaries need, as arrays: several times faster than whole rows at 100,000 recordings. */
    timelineRows: (sourceId: string): TimelineRow[] =>
      db
        .prepare<[string], unknown[]>(
          'SELECT camera_key, camera_label, layout, status, true_start_ms, true_end_ms, event_kind FROM recordings WHERE source_id = ? ORDER BY camera_key, true_start_ms',
        )
        .raw()
        .all(sourceId)
        .map(([camera_key, camera_label, layout, status, true_start_ms, true_end_ms, event_kind]) => ({
          camera_key, camera_label, layout, status, true_start_ms, true_end_ms, event_kind,
        }) as TimelineRow),
    problemRows: (sourceId: string) =>
      db
        .prepare<[string], { rel_path: string; status: FileStatus; reason: string }>(
          "SELECT rel_path, status, reason FROM recordings WHERE source_id = ? AND (status <> 'ok' OR duration_mismatch = 1) ORDER BY rel_path",
        )
        .all(sourceId),
    /** A new clock offset in the same zone moves every true time by the same amount: one statement, no re-parsing. */
    shiftTrueTimes: (options: { sourceId: string; clockOffsetS: number }) => {
      shiftTrueTimesStmt.run({ shift: Math.round(options.clockOffsetS * 1000), sourceId: options.sourceId });
      bump(options.sourceId);
    },
    allRecordings: (sourceId: string) =>
      db.prepare<[string], RecordingRow & { id: number }>('SELECT * FROM recordings WHERE source_id = ? ORDER BY camera_key, true_start_ms, rel_path').all(sourceId),
    updateRecordings: (rows: readonly (RecordingRow & { id: number })[]) => {
      updateRecordingsTx.immediate(rows);
      for (const sourceId of new Set(rows.map((row) => row.source_id))) bump(sourceId);
    },
    skips: (sourceId: string) =>
      db.prepare<[string], { rel_path: string; reason: string }>('SELECT rel_path, reason FROM scan_skips WHERE source_id = ? ORDER BY rel_path').all(sourceId),
    countFiles: (sourceId: string) =>
      db
        .prepare<[string], { files: number; problems: number }>(
          "SELECT count(*) AS files, coalesce(sum(status <> 'ok' OR duration_mismatch = 1), 0) AS problems FROM recordings WHERE source_id = ?",
        )
        .get(sourceId) ?? { files: 0, problems: 0 },
  };
}

export type CatalogueStore = ReturnType<typeof createCatalogueStore>;

import type Database from 'better-sqlite3';
import type { ClockCheck } from '../../../src-shared/domain/catalogue';

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

/** A folder as the last scan saw it. */
export interface DirRow {
  relPath: string;
  /** Null until stat'ed (see walker.ts). */
  mtimeMs: number | null;
  /** Video file names directly in it, sorted. */
  names: string[];
  /** Whether the last scan saw it too. */
  wasKnown: boolean;
}

/** What the background check learnt about one file (a `file_checks` row). */
export interface FileCheck {
  rel_path: string;
  size: number | null;
  mtime_ms: number | null;
  partial: number;
  probe_state: ProbeState;
  probe_json: string | null;
  stat_error: string | null;
  reason: string;
}

export interface ScanSkip {
  relPath: string;
  dirPath: string;
  reason: string;
}

const CHECK_COLUMNS = ['rel_path', 'size', 'mtime_ms', 'partial', 'probe_state', 'probe_json', 'stat_error', 'reason'] as const;

/**
 * Everything at or below a folder, as a range of the (source_id, rel_path) key. SQLite compares text as UTF-8 bytes,
 * and '0' is the byte after '/', so ['a/b/', 'a/b0') holds exactly the paths under 'a/b', whatever characters follow.
 */
function underRange(dirRel: string): { from: string; to: string } {
  return { from: `${dirRel}/`, to: `${dirRel}0` };
}

function splitNames(names: string): string[] {
  return names === '' ? [] : names.split('\n');
}

/**
 * All SQL for the footage catalogue. A scan stores one row per folder (its time and its video file names) in one
 * short transaction at the end, so a scan stopped half way leaves the last complete picture; the background check
 * stores what it learns about each file in chunks, each its own transaction, and any chunk saved is valid on its own.
 */
export function createCatalogueStore(db: Database.Database) {
  const upsertDir = db.prepare(
    'INSERT INTO source_dirs (source_id, rel_path, mtime_ms, names) VALUES (?, ?, ?, ?) ON CONFLICT (source_id, rel_path) DO UPDATE SET mtime_ms = excluded.mtime_ms, names = excluded.names',
  );
  const dirNamesStmt = db.prepare<[string, string], string>('SELECT names FROM source_dirs WHERE source_id = ? AND rel_path = ?').pluck();
  const namesUnderStmt = db
    .prepare<[string, string, string, string], string>('SELECT names FROM source_dirs WHERE source_id = ? AND (rel_path = ? OR (rel_path >= ? AND rel_path < ?))')
    .pluck();
  const deleteDirsUnder = db.prepare('DELETE FROM source_dirs WHERE source_id = ? AND (rel_path = ? OR (rel_path >= ? AND rel_path < ?))');
  const deleteCheck = db.prepare('DELETE FROM file_checks WHERE source_id = ? AND rel_path = ?');
  const deleteChecksUnder = db.prepare('DELETE FROM file_checks WHERE source_id = ? AND rel_path >= ? AND rel_path < ?');
  const upsertCheck = db.prepare(
    `INSERT INTO file_checks (source_id, ${CHECK_COLUMNS.join(', ')}) VALUES (?, ${CHECK_COLUMNS.map(() => '?').join(', ')})
     ON CONFLICT (source_id, rel_path) DO UPDATE SET ${CHECK_COLUMNS.slice(1)
       .map((c) => `${c} = excluded.${c}`)
       .join(', ')}`,
  );
  const checksInRange = db.prepare<[string, string, string], FileCheck>('SELECT * FROM file_checks WHERE source_id = ? AND rel_path >= ? AND rel_path < ?');
  const insertSkip = db.prepare('INSERT OR REPLACE INTO scan_skips (source_id, dir_path, rel_path, reason) VALUES (?, ?, ?, ?)');
  const deleteSkipsInDir = db.prepare('DELETE FROM scan_skips WHERE source_id = ? AND dir_path = ?');
  const deleteSkipsUnder = db.prepare('DELETE FROM scan_skips WHERE source_id = ? AND rel_path >= ? AND rel_path < ?');

  const finishScanTx = db.transaction(
    (input: {
      sourceId: string;
      changedDirs: readonly DirRow[];
      goneDirs: readonly string[];
      /** Files whose checks no longer hold: gone from a folder, changed, or to be checked again. */
      staleChecks: readonly string[];
      skips: readonly ScanSkip[];
      scannedAt: string;
    }): number => {
      let removedInGoneDirs = 0;
      for (const gone of input.goneDirs) {
        const range = underRange(gone);
        for (const names of namesUnderStmt.all(input.sourceId, gone, range.from, range.to)) removedInGoneDirs += splitNames(names).length;
        deleteDirsUnder.run(input.sourceId, gone, range.from, range.to);
        deleteChecksUnder.run(input.sourceId, range.from, range.to);
        deleteSkipsUnder.run(input.sourceId, range.from, range.to);
        deleteSkipsInDir.run(input.sourceId, gone);
      }
      for (const dir of input.changedDirs) {
        upsertDir.run(input.sourceId, dir.relPath, dir.mtimeMs, dir.names.join('\n'));
        // Only a folder read before can have skips listed against it.
        if (dir.wasKnown) deleteSkipsInDir.run(input.sourceId, dir.relPath);
      }
      for (const relPath of input.staleChecks) deleteCheck.run(input.sourceId, relPath);
      for (const skip of input.skips) insertSkip.run(input.sourceId, skip.dirPath, skip.relPath, skip.reason);
      db.prepare('UPDATE sources SET last_scan_at = ? WHERE id = ?').run(input.scannedAt, input.sourceId);
      return removedInGoneDirs;
    },
  );
  const setDirMtimeStmt = db.prepare('UPDATE source_dirs SET mtime_ms = ? WHERE source_id = ? AND rel_path = ? AND mtime_ms IS NULL');
  const setDirMtimesTx = db.transaction((sourceId: string, mtimes: readonly (readonly [string, number])[]) => {
    for (const [relPath, mtimeMs] of mtimes) setDirMtimeStmt.run(mtimeMs, sourceId, relPath);
  });
  const saveChecksTx = db.transaction((sourceId: string, checks: readonly FileCheck[]) => {
    for (const check of checks) upsertCheck.run(sourceId, ...CHECK_COLUMNS.map((column) => check[column]));
  });

  // Bumped on every write to what a source's index is built from, so the index cached in memory can tell it is stale.
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
    /** True times are worked out from the zone and offset in memory, so this is all a clock answer writes. */
    updateSourceClock: (options: { id: string; timeZone: string; clockOffsetS: number; clockCheck: ClockCheck; clockNote: string | null }) =>
      db
        .prepare('UPDATE sources SET time_zone = ?, clock_offset_s = ?, clock_check = ?, clock_note = ? WHERE id = ?')
        .run(options.timeZone, options.clockOffsetS, options.clockCheck, options.clockNote, options.id),

    knownDirMtimes: (sourceId: string): Map<string, number | null> =>
      new Map(db.prepare<[string], [string, number | null]>('SELECT rel_path, mtime_ms FROM source_dirs WHERE source_id = ?').raw().all(sourceId)),
    /** Folders listed by a scan but not stat'ed yet. */
    dirsWithoutMtime: (sourceId: string): string[] =>
      db.prepare<[string], string>('SELECT rel_path FROM source_dirs WHERE source_id = ? AND mtime_ms IS NULL').pluck().all(sourceId),
    /** Fills in folder times; a folder a newer scan has meanwhile given a time keeps that one. */
    setDirMtimes: (options: { sourceId: string; mtimes: readonly (readonly [string, number])[] }) => setDirMtimesTx.immediate(options.sourceId, options.mtimes),
    /** The video file names the last scan saw directly in one folder. */
    dirNames: (options: { sourceId: string; dirRel: string }): string[] => splitNames(dirNamesStmt.get(options.sourceId, options.dirRel) ?? ''),
    /** Every folder with the names in it, in path order: what the in-memory index is built from. */
    dirs: (sourceId: string): [string, string][] =>
      db.prepare<[string], [string, string]>('SELECT rel_path, names FROM source_dirs WHERE source_id = ? ORDER BY rel_path').raw().all(sourceId),
    splitNames,
    /** Checks of the files directly inside one folder, keyed by relative path. */
    checksInDir: (options: { sourceId: string; dirRel: string }): Map<string, FileCheck> => {
      const checks = new Map<string, FileCheck>();
      const range = options.dirRel === '' ? { from: '', to: '\u{10FFFF}' } : underRange(options.dirRel);
      const prefixLength = options.dirRel === '' ? 0 : range.from.length;
      for (const check of checksInRange.all(options.sourceId, range.from, range.to)) {
        if (check.rel_path.indexOf('/', prefixLength) < 0) checks.set(check.rel_path, check);
      }
      return checks;
    },
    allChecks: (sourceId: string): FileCheck[] => db.prepare<[string], FileCheck>('SELECT * FROM file_checks WHERE source_id = ?').all(sourceId),
    /** Files that may still be growing in place (no rename, so no folder time change): partial ones and recent ones. */
    growingCandidates: (options: { sourceId: string; modifiedAfterMs: number }): FileCheck[] =>
      db
        .prepare<[string, number, string], FileCheck>(
          'SELECT * FROM file_checks WHERE source_id = ? AND mtime_ms > ? UNION SELECT * FROM file_checks WHERE source_id = ? AND partial = 1',
        )
        .all(options.sourceId, options.modifiedAfterMs, options.sourceId),
    /** Saves what a scan found, in one transaction; returns how many files the gone folders held. */
    finishScan: (input: Parameters<typeof finishScanTx>[0]): number => {
      const removed = finishScanTx.immediate(input);
      const changed = input.changedDirs.length + input.goneDirs.length + input.staleChecks.length + input.skips.length > 0;
      // A rescan that found nothing new keeps the index in memory as it is.
      if (changed) bump(input.sourceId);
      return removed;
    },
    saveChecks: (options: { sourceId: string; checks: readonly FileCheck[] }) => {
      if (options.checks.length === 0) return;
      saveChecksTx.immediate(options.sourceId, options.checks);
      bump(options.sourceId);
    },
    pendingProbes: (sourceId: string) =>
      db.prepare<[string], FileCheck>("SELECT * FROM file_checks WHERE source_id = ? AND probe_state = 'pending' ORDER BY rel_path").all(sourceId),
    skips: (sourceId: string) =>
      db.prepare<[string], { rel_path: string; reason: string }>('SELECT rel_path, reason FROM scan_skips WHERE source_id = ? ORDER BY rel_path').all(sourceId),
  };
}

export type CatalogueStore = ReturnType<typeof createCatalogueStore>;

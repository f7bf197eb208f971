import type { Migration } from '../migration';

/** Footage sources (recorder folders), the names found in each of their folders, per-file checks, and what a scan skipped. */
export const migration0002: Migration = {
  version: 2,
  name: 'footage catalogue',
  up(db) {
    db.exec(`
      CREATE TABLE sources (
        id             TEXT PRIMARY KEY,
        case_id        TEXT REFERENCES cases(id) ON DELETE CASCADE,
        root_path      TEXT NOT NULL,
        label          TEXT NOT NULL,
        time_zone      TEXT NOT NULL,
        -- Recorder clock minus true time, in seconds: +192 when the recorder runs 3 min 12 s fast.
        clock_offset_s REAL NOT NULL DEFAULT 0,
        clock_check    TEXT NOT NULL DEFAULT 'unanswered' CHECK (clock_check IN ('unanswered', 'measured', 'entered', 'skipped')),
        clock_note     TEXT,
        retention_days INTEGER,
        created_at     TEXT NOT NULL,
        last_scan_at   TEXT
      );
      CREATE UNIQUE INDEX sources_by_root ON sources(ifnull(case_id, ''), root_path);

      -- One row per folder seen by the last scan: its modification time (a folder whose entries did not change is not
      -- read again) and the names of the video files directly in it, joined by newlines and sorted. A scan writes only these
      -- rows, so it costs one row per folder, not per file; the list of recordings is worked out from the names in
      -- memory (see catalogue/recording-index.ts).
      CREATE TABLE source_dirs (
        source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        rel_path  TEXT NOT NULL,
        -- Null until the background check has stat'ed the folder (a first scan only lists it); a null time makes the
        -- next scan read the folder again. Safe to fill in late: the scan's time is taken when it starts, and a
        -- folder changed after that is always read again.
        mtime_ms  REAL,
        names     TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (source_id, rel_path)
      ) WITHOUT ROWID;
      CREATE INDEX source_dirs_without_time ON source_dirs(source_id) WHERE mtime_ms IS NULL;

      -- What the background check learnt about each file: size and modification time (empty files, growth, and the
      -- time of files whose names have none), what ffprobe said where the name lacks times, or why it could not be
      -- read. No row yet means "not checked yet".
      CREATE TABLE file_checks (
        source_id   TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        rel_path    TEXT NOT NULL,
        size        INTEGER,
        mtime_ms    REAL,
        -- Dahua's '.dav_' names: still being written, so checked again on every rescan.
        partial     INTEGER NOT NULL DEFAULT 0,
        probe_state TEXT NOT NULL DEFAULT 'not_needed' CHECK (probe_state IN ('not_needed', 'pending', 'done', 'failed')),
        probe_json  TEXT,
        -- Set when the file could not be stat'ed (gone, no permission): it is then listed as skipped, not as a recording.
        stat_error  TEXT,
        reason      TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (source_id, rel_path)
      ) WITHOUT ROWID;
      -- A rescan re-checks files that may still be growing in place: recently modified ones and partial ones.
      CREATE INDEX file_checks_by_mtime ON file_checks(source_id, mtime_ms);
      CREATE INDEX file_checks_partial ON file_checks(source_id) WHERE partial = 1;
      -- Only a handful of files are ever waiting to be opened, so a partial index keeps that lookup free.
      CREATE INDEX file_checks_pending_probe ON file_checks(source_id) WHERE probe_state = 'pending';

      CREATE TABLE scan_skips (
        source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        dir_path  TEXT NOT NULL,
        rel_path  TEXT NOT NULL,
        reason    TEXT NOT NULL,
        PRIMARY KEY (source_id, rel_path)
      ) WITHOUT ROWID;
      CREATE INDEX scan_skips_by_dir ON scan_skips(source_id, dir_path);
    `);
  },
};

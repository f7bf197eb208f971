import type { Migration } from '../migration';

/** Footage sources (recorder folders), the recordings found in them, and what a scan skipped. */
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

      -- Folder modification times from the last scan: a folder whose entries did not change needs no per-file stat.
      CREATE TABLE source_dirs (
        source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        rel_path  TEXT NOT NULL,
        mtime_ms  REAL NOT NULL,
        PRIMARY KEY (source_id, rel_path)
      ) WITHOUT ROWID;

      CREATE TABLE recordings (
        id                INTEGER PRIMARY KEY,
        source_id         TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        rel_path          TEXT NOT NULL,
        size              INTEGER NOT NULL,
        mtime_ms          REAL NOT NULL,
        layout            TEXT NOT NULL,
        camera_key        TEXT NOT NULL,
        camera_label      TEXT NOT NULL,
        -- What the name says, kept so times can be worked out again when the zone or clock offset changes.
        name_start_local  TEXT,
        name_end_local    TEXT,
        name_clock        TEXT NOT NULL DEFAULT 'local',
        dst_hint          INTEGER,
        event_kind        TEXT,
        stream            TEXT,
        time_source       TEXT NOT NULL CHECK (time_source IN ('name', 'container', 'mtime')),
        recorder_start_ms REAL,
        recorder_end_ms   REAL,
        true_start_ms     REAL,
        true_end_ms       REAL,
        ambiguity         TEXT NOT NULL DEFAULT 'none',
        status            TEXT NOT NULL CHECK (status IN ('ok', 'partial', 'empty', 'unreadable', 'unknown')),
        reason            TEXT NOT NULL DEFAULT '',
        probe_state       TEXT NOT NULL DEFAULT 'not_needed' CHECK (probe_state IN ('not_needed', 'pending', 'done', 'failed')),
        probe_json        TEXT,
        duration_mismatch INTEGER NOT NULL DEFAULT 0,
        UNIQUE (source_id, rel_path)
      );
      -- Only a handful of files are ever waiting to be opened, so a partial index keeps that lookup free.
      CREATE INDEX recordings_pending_probe ON recordings(source_id) WHERE probe_state = 'pending';

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

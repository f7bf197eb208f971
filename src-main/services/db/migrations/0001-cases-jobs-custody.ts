import type { Migration } from '../migration';

/** Cases and their checklist, persisted jobs, and the append-only hash-chained custody log. */
export const migration0001: Migration = {
  version: 1,
  name: 'cases, jobs and custody log',
  up(db) {
    db.exec(`
      CREATE TABLE cases (
        id            TEXT PRIMARY KEY,
        reference     TEXT,
        title         TEXT NOT NULL,
        incident_type TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL
      );

      CREATE TABLE case_steps (
        case_id    TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        step       TEXT NOT NULL,
        position   INTEGER NOT NULL,
        state      TEXT NOT NULL DEFAULT 'not_started' CHECK (state IN ('not_started', 'in_progress', 'done')),
        updated_at TEXT,
        PRIMARY KEY (case_id, step)
      );

      CREATE TABLE jobs (
        id            TEXT PRIMARY KEY,
        kind          TEXT NOT NULL,
        case_id       TEXT REFERENCES cases(id) ON DELETE SET NULL,
        state         TEXT NOT NULL CHECK (state IN ('queued', 'running', 'finalizing', 'succeeded', 'failed', 'cancelled')),
        phase         TEXT NOT NULL DEFAULT '',
        ratio         REAL NOT NULL DEFAULT 0,
        params_json   TEXT NOT NULL DEFAULT '{}',
        result_json   TEXT,
        error_code    TEXT,
        error_message TEXT,
        created_at    TEXT NOT NULL,
        started_at    TEXT,
        finished_at   TEXT
      );
      CREATE INDEX jobs_by_state ON jobs(state);

      -- Files a job has written outside its own work folder; removed if the job does not succeed.
      CREATE TABLE job_outputs (
        job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
        path   TEXT NOT NULL,
        PRIMARY KEY (job_id, path)
      );

      CREATE TABLE custody_log (
        seq          INTEGER PRIMARY KEY,
        case_id      TEXT,
        at           TEXT NOT NULL,
        actor        TEXT NOT NULL,
        action       TEXT NOT NULL,
        details_json TEXT NOT NULL,
        prev_hash    TEXT NOT NULL,
        hash         TEXT NOT NULL UNIQUE
      );
      CREATE INDEX custody_by_case ON custody_log(case_id, seq);

      CREATE TRIGGER custody_log_no_update BEFORE UPDATE ON custody_log
      BEGIN SELECT RAISE(ABORT, 'custody log is append-only'); END;
      CREATE TRIGGER custody_log_no_delete BEFORE DELETE ON custody_log
      BEGIN SELECT RAISE(ABORT, 'custody log is append-only'); END;
    `);
  },
};

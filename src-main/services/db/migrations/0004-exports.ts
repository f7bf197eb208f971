import type { Migration } from '../migration';

/** Step 2's exports: one row per run of the export job, and every file it wrote with its fingerprint. */
export const migration0004: Migration = {
  version: 4,
  name: 'exports and their outputs',
  up(db) {
    db.exec(`
      -- The folder is relative to the data folder (cases/<case_id>/exports/<id>), so a moved data folder still finds
      -- it. 'running' is only a claim: a crash leaves it so, and the export service settles it from the job's state.
      CREATE TABLE exports (
        id           TEXT PRIMARY KEY,
        case_id      TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        job_id       TEXT NOT NULL REFERENCES jobs(id),
        restart_of   TEXT REFERENCES exports(id),
        actor        TEXT NOT NULL,
        options_json TEXT NOT NULL,
        state        TEXT NOT NULL CHECK (state IN ('running', 'succeeded', 'failed', 'cancelled')),
        created_at   TEXT NOT NULL,
        finished_at  TEXT,
        folder       TEXT NOT NULL
      );
      CREATE INDEX exports_by_case ON exports(case_id, created_at);
      CREATE INDEX exports_running ON exports(state) WHERE state = 'running';

      -- Written in one transaction when the export is finalized, so an export has all its outputs or none. Columns
      -- for what is looked up or compared; the rest of each output (processing steps, notes, times) as JSON.
      CREATE TABLE export_outputs (
        export_id     TEXT NOT NULL REFERENCES exports(id) ON DELETE CASCADE,
        position      INTEGER NOT NULL,
        path          TEXT NOT NULL,
        kind          TEXT NOT NULL CHECK (kind IN ('master', 'working', 'still')),
        size          INTEGER NOT NULL,
        sha256        TEXT NOT NULL,
        source_sha256 TEXT,
        details_json  TEXT NOT NULL,
        PRIMARY KEY (export_id, position)
      );
    `);
  },
};

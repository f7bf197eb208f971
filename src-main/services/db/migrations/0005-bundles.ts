import type { Migration } from '../migration';

/**
 * Issue 6: who produces the evidence (one profile per installation), where the incident happened, and one row per
 * evidence bundle made. The bundle's password is never stored anywhere.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'producer profile, case location and evidence bundles',
  up(db) {
    db.exec(`
      -- Exactly one row (id = 1): the shop, the person and their contact, as the certificate and the papers show them.
      CREATE TABLE producer_profile (
        id           INTEGER PRIMARY KEY CHECK (id = 1),
        organisation TEXT NOT NULL,
        person       TEXT NOT NULL,
        contact      TEXT NOT NULL,
        initials     TEXT NOT NULL,
        updated_at   TEXT NOT NULL
      );

      ALTER TABLE cases ADD COLUMN location TEXT;

      -- 'running' is only a claim, as for exports: a crash leaves it so and the service settles it from the job.
      -- folder is relative to the data folder (cases/<case_id>/bundles/<id>); destination is the folder the bundle
      -- was written into (a USB stick's mount point), null until it has been chosen.
      CREATE TABLE bundles (
        id            TEXT PRIMARY KEY,
        case_id       TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        export_id     TEXT NOT NULL REFERENCES exports(id),
        job_id        TEXT NOT NULL REFERENCES jobs(id),
        actor         TEXT NOT NULL,
        bundle_name   TEXT NOT NULL,
        folder        TEXT NOT NULL,
        destination   TEXT,
        state         TEXT NOT NULL CHECK (state IN ('running', 'succeeded', 'failed', 'cancelled')),
        zip_sha256    TEXT,
        zip_bytes     INTEGER,
        certificate_fingerprint TEXT,
        exhibits_json TEXT NOT NULL DEFAULT '[]',
        verify_method TEXT,
        error         TEXT,
        created_at    TEXT NOT NULL,
        finished_at   TEXT
      );
      CREATE INDEX bundles_by_case ON bundles(case_id, created_at);
    `);
  },
};

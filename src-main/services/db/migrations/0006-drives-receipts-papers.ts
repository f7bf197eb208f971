import type { Migration } from '../migration';

/**
 * Issue 7: which USB stick a bundle went onto and whether it was ejected, the papers printed for a bundle (the
 * handover receipt and the producer's statement), and step 6's record of the police receiving it, with photos or
 * scans of the signed receipt. Files live in the data folder; their paths here are relative to it.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'USB stick details, papers and receipts',
  up(db) {
    db.exec(`
      -- The stick as the OS described it when the bundle was written (label, model, serial, size, format), as JSON;
      -- null when the bundle went to a folder rather than a listed drive.
      ALTER TABLE bundles ADD COLUMN drive_json TEXT;
      -- What happened when the stick was last ejected (EjectResult as JSON): null when that was not asked for.
      ALTER TABLE bundles ADD COLUMN eject_json TEXT;
      -- The manifest as signed into the zip, kept readable here so the papers can be printed without the password.
      ALTER TABLE bundles ADD COLUMN manifest_json TEXT;

      CREATE TABLE papers (
        id          TEXT PRIMARY KEY,
        case_id     TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        bundle_id   TEXT NOT NULL REFERENCES bundles(id),
        kind        TEXT NOT NULL CHECK (kind IN ('receipt', 'statement')),
        file        TEXT NOT NULL,
        bytes       INTEGER NOT NULL,
        sha256      TEXT NOT NULL,
        -- What the person added for this paper (the statement's role, system details, jurisdiction), as JSON.
        details_json TEXT NOT NULL DEFAULT '{}',
        actor       TEXT NOT NULL,
        created_at  TEXT NOT NULL
      );
      CREATE INDEX papers_by_bundle ON papers(bundle_id, created_at);

      CREATE TABLE receipts (
        id           TEXT PRIMARY KEY,
        case_id      TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        bundle_id    TEXT NOT NULL REFERENCES bundles(id),
        officer_json TEXT NOT NULL,
        received_at  TEXT NOT NULL,
        method       TEXT NOT NULL CHECK (method IN ('in_person', 'courier', 'dems_upload')),
        reference    TEXT,
        confirmation TEXT,
        copy_kept    INTEGER NOT NULL CHECK (copy_kept IN (0, 1)),
        actor        TEXT NOT NULL,
        recorded_at  TEXT NOT NULL
      );
      CREATE INDEX receipts_by_case ON receipts(case_id, recorded_at);

      CREATE TABLE receipt_scans (
        id          TEXT PRIMARY KEY,
        receipt_id  TEXT NOT NULL REFERENCES receipts(id) ON DELETE CASCADE,
        file_name   TEXT NOT NULL,
        file        TEXT NOT NULL,
        bytes       INTEGER NOT NULL,
        sha256      TEXT NOT NULL,
        actor       TEXT NOT NULL,
        added_at    TEXT NOT NULL
      );
      CREATE INDEX receipt_scans_by_receipt ON receipt_scans(receipt_id, added_at);
    `);
  },
};

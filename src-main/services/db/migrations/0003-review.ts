import type { Migration } from '../migration';

/** Step 1's marks on the footage: clips to export, bookmarks, and stills (PNG files kept under the case's folder). */
export const migration0003: Migration = {
  version: 3,
  name: 'review: clips, bookmarks and stills',
  up(db) {
    db.exec(`
      -- Times are true time in ms; recorder times are worked out from the source's clock offset when read, so an
      -- answer to the clock questions given later moves them too. Labels are kept as the person saw them, so a rescan
      -- that loses the camera's files does not leave the clip nameless. A source cannot be removed from under a clip
      -- (no cascade from sources): the clip would silently vanish from the evidence.
      CREATE TABLE clips (
        id           TEXT PRIMARY KEY,
        case_id      TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        position     INTEGER NOT NULL,
        group_id     TEXT NOT NULL,
        source_id    TEXT NOT NULL REFERENCES sources(id),
        camera_key   TEXT NOT NULL,
        camera_label TEXT NOT NULL,
        start_ms     INTEGER NOT NULL,
        end_ms       INTEGER NOT NULL CHECK (end_ms > start_ms),
        label        TEXT NOT NULL DEFAULT '',
        note         TEXT NOT NULL DEFAULT '',
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL
      );
      CREATE INDEX clips_by_case ON clips(case_id, position);

      CREATE TABLE bookmarks (
        id           TEXT PRIMARY KEY,
        case_id      TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        -- A bookmark may mark a moment on no camera in particular.
        source_id    TEXT REFERENCES sources(id),
        camera_key   TEXT,
        camera_label TEXT,
        at_ms        INTEGER NOT NULL,
        note         TEXT NOT NULL DEFAULT '',
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        CHECK ((source_id IS NULL) = (camera_key IS NULL))
      );
      CREATE INDEX bookmarks_by_case ON bookmarks(case_id, at_ms);

      -- The PNG is <dataDir>/cases/<case_id>/stills/<id>.png. Which recording it came from, and where in it, is kept
      -- so the evidence bundle can say exactly where every still was taken.
      CREATE TABLE stills (
        id                 TEXT PRIMARY KEY,
        case_id            TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        source_id          TEXT NOT NULL REFERENCES sources(id),
        camera_key         TEXT NOT NULL,
        camera_label       TEXT NOT NULL,
        at_ms              INTEGER NOT NULL,
        frame_ms           INTEGER NOT NULL,
        recording_rel_path TEXT NOT NULL,
        recording_offset_s REAL NOT NULL,
        width              INTEGER NOT NULL,
        height             INTEGER NOT NULL,
        bytes              INTEGER NOT NULL,
        sha256             TEXT NOT NULL,
        note               TEXT NOT NULL DEFAULT '',
        created_at         TEXT NOT NULL,
        updated_at         TEXT NOT NULL
      );
      CREATE INDEX stills_by_case ON stills(case_id, at_ms);
    `);
  },
};

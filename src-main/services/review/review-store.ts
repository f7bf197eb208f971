import type Database from 'better-sqlite3';

export interface ClipRow {
  id: string;
  case_id: string;
  position: number;
  group_id: string;
  source_id: string;
  camera_key: string;
  camera_label: string;
  start_ms: number;
  end_ms: number;
  label: string;
  note: string;
  created_at: string;
  updated_at: string;
}

export interface BookmarkRow {
  id: string;
  case_id: string;
  source_id: string | null;
  camera_key: string | null;
  camera_label: string | null;
  at_ms: number;
  note: string;
  created_at: string;
  updated_at: string;
}

export interface StillRow {
  id: string;
  case_id: string;
  source_id: string;
  camera_key: string;
  camera_label: string;
  at_ms: number;
  frame_ms: number;
  recording_rel_path: string;
  recording_offset_s: number;
  width: number;
  height: number;
  bytes: number;
  sha256: string;
  note: string;
  created_at: string;
  updated_at: string;
}

function insertSql({ table, columns }: { table: string; columns: readonly string[] }): string {
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})`;
}

const CLIP_COLUMNS = ['id', 'case_id', 'position', 'group_id', 'source_id', 'camera_key', 'camera_label', 'start_ms', 'end_ms', 'label', 'note', 'created_at', 'updated_at'] as const;
const BOOKMARK_COLUMNS = ['id', 'case_id', 'source_id', 'camera_key', 'camera_label', 'at_ms', 'note', 'created_at', 'updated_at'] as const;
const STILL_COLUMNS = [
  'id',
  'case_id',
  'source_id',
  'camera_key',
  'camera_label',
  'at_ms',
  'frame_ms',
  'recording_rel_path',
  'recording_offset_s',
  'width',
  'height',
  'bytes',
  'sha256',
  'note',
  'created_at',
  'updated_at',
] as const;

/** All SQL for clips, bookmarks and stills. Callers wrap writes in a transaction with their custody entry. */
export function createReviewStore(db: Database.Database) {
  const clipStmt = db.prepare<[string], ClipRow>('SELECT * FROM clips WHERE id = ?');
  const clipsStmt = db.prepare<[string], ClipRow>('SELECT * FROM clips WHERE case_id = ? ORDER BY position, created_at');
  const nextPositionStmt = db.prepare<[string], number>('SELECT ifnull(max(position), 0) + 1 FROM clips WHERE case_id = ?').pluck();
  const insertClipStmt = db.prepare<ClipRow>(insertSql({ table: 'clips', columns: CLIP_COLUMNS }));
  const updateClipStmt = db.prepare<Pick<ClipRow, 'id' | 'start_ms' | 'end_ms' | 'label' | 'note' | 'updated_at'>>(
    'UPDATE clips SET start_ms = @start_ms, end_ms = @end_ms, label = @label, note = @note, updated_at = @updated_at WHERE id = @id',
  );
  const setPositionStmt = db.prepare<[number, string]>('UPDATE clips SET position = ? WHERE id = ?');
  const deleteClipStmt = db.prepare<[string]>('DELETE FROM clips WHERE id = ?');

  const bookmarkStmt = db.prepare<[string], BookmarkRow>('SELECT * FROM bookmarks WHERE id = ?');
  const bookmarksStmt = db.prepare<[string], BookmarkRow>('SELECT * FROM bookmarks WHERE case_id = ? ORDER BY at_ms, created_at');
  const insertBookmarkStmt = db.prepare<BookmarkRow>(insertSql({ table: 'bookmarks', columns: BOOKMARK_COLUMNS }));
  const updateBookmarkStmt = db.prepare<[string, string, string]>('UPDATE bookmarks SET note = ?, updated_at = ? WHERE id = ?');
  const deleteBookmarkStmt = db.prepare<[string]>('DELETE FROM bookmarks WHERE id = ?');

  const stillStmt = db.prepare<[string], StillRow>('SELECT * FROM stills WHERE id = ?');
  const stillsStmt = db.prepare<[string], StillRow>('SELECT * FROM stills WHERE case_id = ? ORDER BY at_ms, created_at');
  const insertStillStmt = db.prepare<StillRow>(insertSql({ table: 'stills', columns: STILL_COLUMNS }));
  const updateStillStmt = db.prepare<[string, string, string]>('UPDATE stills SET note = ?, updated_at = ? WHERE id = ?');
  const deleteStillStmt = db.prepare<[string]>('DELETE FROM stills WHERE id = ?');

  return {
    clip: (id: string): ClipRow | null => clipStmt.get(id) ?? null,
    clips: (caseId: string): ClipRow[] => clipsStmt.all(caseId),
    nextClipPosition: (caseId: string): number => nextPositionStmt.get(caseId) ?? 1,
    insertClip: (row: ClipRow) => insertClipStmt.run(row),
    updateClip: (row: ClipRow) =>
      updateClipStmt.run({ id: row.id, start_ms: row.start_ms, end_ms: row.end_ms, label: row.label, note: row.note, updated_at: row.updated_at }),
    /** Positions 1..n in the order given. */
    setClipOrder: (ids: readonly string[]) => ids.forEach((id, index) => setPositionStmt.run(index + 1, id)),
    deleteClip: (id: string) => deleteClipStmt.run(id),

    bookmark: (id: string): BookmarkRow | null => bookmarkStmt.get(id) ?? null,
    bookmarks: (caseId: string): BookmarkRow[] => bookmarksStmt.all(caseId),
    insertBookmark: (row: BookmarkRow) => insertBookmarkStmt.run(row),
    updateBookmarkNote: (options: { id: string; note: string; updatedAt: string }) => updateBookmarkStmt.run(options.note, options.updatedAt, options.id),
    deleteBookmark: (id: string) => deleteBookmarkStmt.run(id),

    still: (id: string): StillRow | null => stillStmt.get(id) ?? null,
    stills: (caseId: string): StillRow[] => stillsStmt.all(caseId),
    insertStill: (row: StillRow) => insertStillStmt.run(row),
    updateStillNote: (options: { id: string; note: string; updatedAt: string }) => updateStillStmt.run(options.note, options.updatedAt, options.id),
    deleteStill: (id: string) => deleteStillStmt.run(id),
  };
}

export type ReviewStore = ReturnType<typeof createReviewStore>;

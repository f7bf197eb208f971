import { randomUUID } from 'node:crypto';
import type { Bookmark, CameraRef } from '../../../src-shared/domain/review';
import type { SourceRow } from '../catalogue/catalogue-store';
import { AppError } from '../errors';
import { recorderMs, resolveCamera, sourceLookup, tidyText, type ReviewContext } from './review-context';
import type { BookmarkRow } from './review-store';

function toBookmark({ row, source }: { row: BookmarkRow; source: SourceRow | null }): Bookmark {
  return {
    id: row.id,
    caseId: row.case_id,
    camera: row.source_id !== null && row.camera_key !== null ? { sourceId: row.source_id, cameraKey: row.camera_key } : null,
    cameraLabel: row.camera_label,
    atMs: row.at_ms,
    // Without a camera there is no recorder, so no recorder clock to read.
    recorderAtMs: source ? recorderMs({ source, trueMs: row.at_ms }) : null,
    note: row.note,
    createdAt: row.created_at,
  };
}

function bookmarkFacts({ row, source }: { row: BookmarkRow; source: SourceRow | null }): Record<string, unknown> {
  return {
    bookmarkId: row.id,
    sourceId: row.source_id,
    cameraKey: row.camera_key,
    cameraLabel: row.camera_label,
    atMs: row.at_ms,
    recorderAtMs: source ? recorderMs({ source, trueMs: row.at_ms }) : null,
    clockOffsetS: source ? source.clock_offset_s : null,
    note: row.note,
  };
}

export function createBookmarkOperations(ctx: ReviewContext) {
  const { db, store, custody } = ctx;

  function getRow(bookmarkId: string): { row: BookmarkRow; source: SourceRow | null } {
    const row = store.bookmark(bookmarkId);
    if (!row) throw new AppError('not_found', 'That bookmark is not in this case any more.');
    return { row, source: row.source_id === null ? null : ctx.catalogue.getSource(row.source_id) };
  }

  function list(caseId: string): Bookmark[] {
    const lookup = sourceLookup(ctx);
    return store.bookmarks(caseId).map((row) => toBookmark({ row, source: row.source_id === null ? null : lookup(row.source_id) }));
  }

  function addBookmark(input: { caseId: string; camera: CameraRef | null; atMs: number; note: string; actor: string }): Bookmark {
    ctx.cases.get({ caseId: input.caseId });
    const resolved = input.camera ? resolveCamera({ ctx, caseId: input.caseId, camera: input.camera }) : null;
    const at = ctx.now().toISOString();
    const row: BookmarkRow = {
      id: randomUUID(),
      case_id: input.caseId,
      source_id: resolved?.source.id ?? null,
      camera_key: resolved?.timeline.cameraKey ?? null,
      camera_label: resolved?.timeline.label ?? null,
      at_ms: input.atMs,
      note: tidyText(input.note),
      created_at: at,
      updated_at: at,
    };
    const source = resolved?.source ?? null;
    db.transaction(() => {
      store.insertBookmark(row);
      custody.append({ caseId: input.caseId, actor: input.actor, action: 'review.bookmarkAdded', details: bookmarkFacts({ row, source }) });
    }).immediate();
    ctx.changed({ caseId: input.caseId, kind: 'bookmark' });
    return toBookmark({ row, source });
  }

  function updateBookmark(input: { bookmarkId: string; note: string; actor: string }): Bookmark {
    const { row, source } = getRow(input.bookmarkId);
    const note = tidyText(input.note);
    if (note === row.note) return toBookmark({ row, source });
    const after: BookmarkRow = { ...row, note, updated_at: ctx.now().toISOString() };
    db.transaction(() => {
      store.updateBookmarkNote({ id: row.id, note, updatedAt: after.updated_at });
      custody.append({
        caseId: row.case_id,
        actor: input.actor,
        action: 'review.bookmarkUpdated',
        details: { ...bookmarkFacts({ row: after, source }), changes: { note: { from: row.note, to: note } } },
      });
    }).immediate();
    ctx.changed({ caseId: row.case_id, kind: 'bookmark' });
    return toBookmark({ row: after, source });
  }

  function deleteBookmark(input: { bookmarkId: string; actor: string }): void {
    const { row, source } = getRow(input.bookmarkId);
    db.transaction(() => {
      store.deleteBookmark(row.id);
      custody.append({ caseId: row.case_id, actor: input.actor, action: 'review.bookmarkDeleted', details: bookmarkFacts({ row, source }) });
    }).immediate();
    ctx.changed({ caseId: row.case_id, kind: 'bookmark' });
  }

  return { list, addBookmark, updateBookmark, deleteBookmark };
}

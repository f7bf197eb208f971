import { randomUUID } from 'node:crypto';
import type { CameraRef, Clip } from '../../../src-shared/domain/review';
import type { SourceRow } from '../catalogue/catalogue-store';
import { AppError } from '../errors';
import { currentTimeline, recorderMs, resolveCamera, sourceLookup, tidyText, type ReviewContext } from './review-context';
import type { ClipRow } from './review-store';
import { estimateClipBytes } from './review-timeline';

/** Longer than a day is almost certainly a slip of the mouse, and would make an export bigger than any USB stick. */
export const MAX_CLIP_MS = 24 * 3_600_000;

function checkSpan({ startMs, endMs }: { startMs: number; endMs: number }): void {
  if (!(endMs > startMs)) throw new AppError('invalid_input', 'The clip must end after it starts.');
  if (endMs - startMs > MAX_CLIP_MS) throw new AppError('invalid_input', 'A clip can be at most 24 hours long. Please split it into shorter clips.');
}

/** What a custody entry records about a clip: enough to tell, from the log alone, what was marked. */
function clipFacts({ row, source }: { row: ClipRow; source: SourceRow }): Record<string, unknown> {
  return {
    clipId: row.id,
    groupId: row.group_id,
    sourceId: row.source_id,
    cameraKey: row.camera_key,
    cameraLabel: row.camera_label,
    startMs: row.start_ms,
    endMs: row.end_ms,
    recorderStartMs: recorderMs({ source, trueMs: row.start_ms }),
    recorderEndMs: recorderMs({ source, trueMs: row.end_ms }),
    clockOffsetS: source.clock_offset_s,
    label: row.label,
    note: row.note,
  };
}

export function createClipOperations(ctx: ReviewContext) {
  const { db, store, custody } = ctx;

  function toClip({ row, source }: { row: ClipRow; source: SourceRow }): Clip {
    const timeline = currentTimeline({ ctx, sourceId: row.source_id, cameraKey: row.camera_key });
    return {
      id: row.id,
      caseId: row.case_id,
      position: row.position,
      camera: { sourceId: row.source_id, cameraKey: row.camera_key },
      cameraLabel: row.camera_label,
      groupId: row.group_id,
      startMs: row.start_ms,
      endMs: row.end_ms,
      recorderStartMs: recorderMs({ source, trueMs: row.start_ms }),
      recorderEndMs: recorderMs({ source, trueMs: row.end_ms }),
      label: row.label,
      note: row.note,
      durationS: (row.end_ms - row.start_ms) / 1000,
      // A camera whose files a rescan no longer finds has nothing left to export.
      estimatedBytes: timeline ? estimateClipBytes({ timeline, startMs: row.start_ms, endMs: row.end_ms }) : 0,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  function list(caseId: string): Clip[] {
    const lookup = sourceLookup(ctx);
    return store.clips(caseId).map((row) => toClip({ row, source: lookup(row.source_id) }));
  }

  function getRow(clipId: string): ClipRow {
    const row = store.clip(clipId);
    if (!row) throw new AppError('not_found', 'That clip is not in this case any more.');
    return row;
  }

  /** One clip per camera, all with the same in and out and one group, added at the end of the list. */
  function addClips(input: { caseId: string; cameras: CameraRef[]; startMs: number; endMs: number; label?: string; note?: string; actor: string }): Clip[] {
    ctx.cases.get({ caseId: input.caseId });
    checkSpan(input);
    if (input.cameras.length === 0) throw new AppError('invalid_input', 'Choose at least one camera for the clip.');
    // The same camera picked twice would give two identical clips; one is what was meant.
    const byKey = new Map(input.cameras.map((camera) => [JSON.stringify([camera.sourceId, camera.cameraKey]), camera] as const));
    const cameras = [...byKey.values()];
    const resolved = cameras.map((camera) => resolveCamera({ ctx, caseId: input.caseId, camera }));
    const at = ctx.now().toISOString();
    const groupId = randomUUID();
    const rows = db
      .transaction(() => {
        let position = store.nextClipPosition(input.caseId);
        return resolved.map(({ source, timeline }) => {
          const row: ClipRow = {
            id: randomUUID(),
            case_id: input.caseId,
            position: position++,
            group_id: groupId,
            source_id: source.id,
            camera_key: timeline.cameraKey,
            camera_label: timeline.label,
            start_ms: input.startMs,
            end_ms: input.endMs,
            label: tidyText(input.label),
            note: tidyText(input.note),
            created_at: at,
            updated_at: at,
          };
          store.insertClip(row);
          custody.append({ caseId: input.caseId, actor: input.actor, action: 'review.clipAdded', details: { ...clipFacts({ row, source }), position: row.position } });
          return row;
        });
      })
      .immediate();
    ctx.changed({ caseId: input.caseId, kind: 'clip' });
    return rows.map((row, index) => toClip({ row, source: resolved[index]!.source }));
  }

  function updateClip(input: { clipId: string; startMs?: number; endMs?: number; label?: string; note?: string; actor: string }): Clip {
    const before = getRow(input.clipId);
    const after: ClipRow = {
      ...before,
      start_ms: input.startMs ?? before.start_ms,
      end_ms: input.endMs ?? before.end_ms,
      label: input.label === undefined ? before.label : tidyText(input.label),
      note: input.note === undefined ? before.note : tidyText(input.note),
    };
    checkSpan({ startMs: after.start_ms, endMs: after.end_ms });
    const source = ctx.catalogue.getSource(before.source_id);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [field, key] of [['startMs', 'start_ms'], ['endMs', 'end_ms'], ['label', 'label'], ['note', 'note']] as const) {
      if (after[key] !== before[key]) changes[field] = { from: before[key], to: after[key] };
    }
    if (Object.keys(changes).length === 0) return toClip({ row: before, source });
    after.updated_at = ctx.now().toISOString();
    db.transaction(() => {
      store.updateClip(after);
      custody.append({ caseId: before.case_id, actor: input.actor, action: 'review.clipUpdated', details: { ...clipFacts({ row: after, source }), changes } });
    }).immediate();
    ctx.changed({ caseId: before.case_id, kind: 'clip' });
    return toClip({ row: after, source });
  }

  function deleteClip(input: { clipId: string; actor: string }): void {
    const row = getRow(input.clipId);
    const source = ctx.catalogue.getSource(row.source_id);
    db.transaction(() => {
      store.deleteClip(row.id);
      // Positions stay 1..n with no holes, as the list shows them.
      store.setClipOrder(store.clips(row.case_id).map((clip) => clip.id));
      custody.append({ caseId: row.case_id, actor: input.actor, action: 'review.clipDeleted', details: { ...clipFacts({ row, source }), position: row.position } });
    }).immediate();
    ctx.changed({ caseId: row.case_id, kind: 'clip' });
  }

  function reorderClips(input: { caseId: string; clipIds: string[]; actor: string }): Clip[] {
    ctx.cases.get({ caseId: input.caseId });
    const current = store.clips(input.caseId).map((row) => row.id);
    const currentSet = new Set(current);
    const asked = new Set(input.clipIds);
    if (asked.size !== input.clipIds.length || asked.size !== currentSet.size || input.clipIds.some((id) => !currentSet.has(id))) {
      throw new AppError('invalid_input', 'The list of clips has changed since it was shown. Please look at the list again and reorder it once more.');
    }
    if (input.clipIds.every((id, index) => current[index] === id)) return list(input.caseId);
    db.transaction(() => {
      store.setClipOrder(input.clipIds);
      custody.append({ caseId: input.caseId, actor: input.actor, action: 'review.clipsReordered', details: { from: current, to: input.clipIds } });
    }).immediate();
    ctx.changed({ caseId: input.caseId, kind: 'clip' });
    return list(input.caseId);
  }

  return { list, addClips, updateClip, deleteClip, reorderClips };
}

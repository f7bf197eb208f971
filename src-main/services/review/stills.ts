import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CameraRef, Still } from '../../../src-shared/domain/review';
import type { SourceRow } from '../catalogue/catalogue-store';
import { AppError, isAppError } from '../errors';
import { describeInstant, recorderMs, resolveCamera, sourceLookup, stillPath, tidyText, type ReviewContext } from './review-context';
import type { StillRow } from './review-store';
import { extractStill, locateFrame, STILL_TIMEOUT_MS } from './still-frame';

/**
 * A frame further from the asked instant than this is not what was on screen then: the recording stopped early (a
 * file shorter than its name says) or starts late. Recorders film at 1 frame a second or faster.
 */
export const MAX_FRAME_DISTANCE_S = { before: 5, after: 1 } as const;

function stillFacts({ row, source, dataDir }: { row: StillRow; source: SourceRow; dataDir: string }): Record<string, unknown> {
  return {
    stillId: row.id,
    sourceId: row.source_id,
    cameraKey: row.camera_key,
    cameraLabel: row.camera_label,
    atMs: row.at_ms,
    frameMs: row.frame_ms,
    recorderFrameMs: recorderMs({ source, trueMs: row.frame_ms }),
    clockOffsetS: source.clock_offset_s,
    recording: row.recording_rel_path,
    offsetInRecordingS: row.recording_offset_s,
    file: path.relative(dataDir, stillPath({ dataDir, caseId: row.case_id, stillId: row.id })).split(path.sep).join('/'),
    width: row.width,
    height: row.height,
    bytes: row.bytes,
    sha256: row.sha256,
    note: row.note,
  };
}

export function createStillOperations(ctx: ReviewContext) {
  const { db, store, custody, dataDir, logger } = ctx;

  function toStill({ row, source }: { row: StillRow; source: SourceRow }): Still {
    return {
      id: row.id,
      caseId: row.case_id,
      camera: { sourceId: row.source_id, cameraKey: row.camera_key },
      cameraLabel: row.camera_label,
      atMs: row.at_ms,
      frameMs: row.frame_ms,
      recorderFrameMs: recorderMs({ source, trueMs: row.frame_ms }),
      width: row.width,
      height: row.height,
      bytes: row.bytes,
      sha256: row.sha256,
      note: row.note,
      // Media URLs are short-lived tokens, so every read hands out a fresh one.
      url: ctx.media.urlForFile({ absPath: stillPath({ dataDir, caseId: row.case_id, stillId: row.id }), contentType: 'image/png' }),
      createdAt: row.created_at,
    };
  }

  function list(caseId: string): Still[] {
    const lookup = sourceLookup(ctx);
    return store.stills(caseId).map((row) => toStill({ row, source: lookup(row.source_id) }));
  }

  function getRow(stillId: string): { row: StillRow; source: SourceRow } {
    const row = store.still(stillId);
    if (!row) throw new AppError('not_found', 'That still is not in this case any more.');
    return { row, source: ctx.catalogue.getSource(row.source_id) };
  }

  /**
   * The frame on screen at `atMs` as a PNG at `outFile`, and that frame's own true time. Where the frame times cannot
   * be listed (an odd container), ffmpeg's seek gives the first frame at or after the instant, and the asked instant
   * stands for its time: within one frame of it.
   */
  async function captureFrame(options: { file: string; recordingStartMs: number; atMs: number; outFile: string; noPicture: () => AppError }) {
    const { file, recordingStartMs, atMs, outFile } = options;
    const offsetS = (atMs - recordingStartMs) / 1000;
    const tools = ctx.mediaTools();
    const signal = AbortSignal.timeout(STILL_TIMEOUT_MS);
    try {
      const frame = await locateFrame({ ffprobe: tools.ffprobe, file, offsetS, logger, signal });
      if (frame.kind === 'none') throw options.noPicture();
      if (frame.kind === 'frame' && (offsetS - frame.frameS > MAX_FRAME_DISTANCE_S.before || frame.frameS - offsetS > MAX_FRAME_DISTANCE_S.after)) {
        throw options.noPicture();
      }
      const known = frame.kind === 'frame';
      const extracted = await extractStill({ tools, file, seekS: known ? frame.seekS : offsetS, outFile, logger, signal });
      return { extracted, frameMs: known ? Math.round(recordingStartMs + frame.frameS * 1000) : atMs };
    } catch (error) {
      if (signal.aborted && isAppError(error) && error.code === 'cancelled') {
        throw new AppError('media_failed', 'Taking the still took more than two minutes, so Handover stopped. The recording may be damaged.', { cause: error });
      }
      throw error;
    }
  }

  /** The frame on screen at `atMs` on one camera, saved as a full-size PNG beside the case, hashed and logged. */
  async function takeStill(input: { caseId: string; camera: CameraRef; atMs: number; note?: string; actor: string }): Promise<Still> {
    ctx.cases.get({ caseId: input.caseId });
    const { source } = resolveCamera({ ctx, caseId: input.caseId, camera: input.camera });
    const found = ctx.catalogue.findRecording({ sourceId: source.id, cameraKey: input.camera.cameraKey, atMs: input.atMs });
    const when = (instantMs: number) => describeInstant({ instantMs, timeZone: source.time_zone });
    if (!found.found) {
      const next = found.nextStartMs === null ? '' : ` The next recording starts at ${when(found.nextStartMs)}.`;
      throw new AppError('not_found', `There is no recording on ${found.cameraLabel} at ${when(input.atMs)}.${next}`);
    }
    const recordingStartMs = found.row.true_start_ms;
    if (recordingStartMs === null) throw new AppError('internal', 'That recording has no start time.');

    const stillId = randomUUID();
    const outFile = stillPath({ dataDir, caseId: input.caseId, stillId });
    const { frameMs, extracted } = await captureFrame({
      file: found.absPath,
      recordingStartMs,
      atMs: input.atMs,
      outFile,
      noPicture: () => new AppError('not_found', `The recording on ${found.cameraLabel} has no picture at ${when(input.atMs)}. The file may be shorter than its name says, or damaged.`),
    });

    const at = ctx.now().toISOString();
    const row: StillRow = {
      id: stillId,
      case_id: input.caseId,
      source_id: source.id,
      camera_key: input.camera.cameraKey,
      camera_label: found.cameraLabel,
      at_ms: input.atMs,
      frame_ms: frameMs,
      recording_rel_path: found.row.rel_path,
      recording_offset_s: (frameMs - recordingStartMs) / 1000,
      ...extracted,
      note: tidyText(input.note),
      created_at: at,
      updated_at: at,
    };
    try {
      db.transaction(() => {
        store.insertStill(row);
        custody.append({ caseId: input.caseId, actor: input.actor, action: 'review.stillTaken', details: stillFacts({ row, source, dataDir }) });
      }).immediate();
    } catch (error) {
      // Not recorded, so not kept: a PNG with no row and no custody entry would be an unexplained file in the case.
      await fs.promises.rm(outFile, { force: true });
      throw error;
    }
    ctx.changed({ caseId: input.caseId, kind: 'still' });
    return toStill({ row, source });
  }

  function updateStill(input: { stillId: string; note: string; actor: string }): Still {
    const { row, source } = getRow(input.stillId);
    const note = tidyText(input.note);
    if (note === row.note) return toStill({ row, source });
    const after: StillRow = { ...row, note, updated_at: ctx.now().toISOString() };
    db.transaction(() => {
      store.updateStillNote({ id: row.id, note, updatedAt: after.updated_at });
      custody.append({
        caseId: row.case_id,
        actor: input.actor,
        action: 'review.stillUpdated',
        details: { ...stillFacts({ row: after, source, dataDir }), changes: { note: { from: row.note, to: note } } },
      });
    }).immediate();
    ctx.changed({ caseId: row.case_id, kind: 'still' });
    return toStill({ row: after, source });
  }

  /** The row and its custody entry (which keeps the PNG's hash) first; the file after, so a failure never leaves a row without its file. */
  function deleteStill(input: { stillId: string; actor: string }): void {
    const { row, source } = getRow(input.stillId);
    db.transaction(() => {
      store.deleteStill(row.id);
      custody.append({ caseId: row.case_id, actor: input.actor, action: 'review.stillDeleted', details: stillFacts({ row, source, dataDir }) });
    }).immediate();
    const file = stillPath({ dataDir, caseId: row.case_id, stillId: row.id });
    try {
      fs.rmSync(file, { force: true });
    } catch (error) {
      // The still is gone from the case either way; a file another program holds open is removed by hand.
      logger.warn('still: could not remove the PNG of a deleted still', { file, error: String(error) });
    }
    ctx.changed({ caseId: row.case_id, kind: 'still' });
  }

  return { list, takeStill, updateStill, deleteStill };
}

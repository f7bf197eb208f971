/**
 * One clip's working copy in the export: made by makeWorkingCopy (remux or re-encode), split for FAT32 when too big,
 * then fingerprinted. A clip whose footage is damaged does not stop the export: the masters still hold the evidence,
 * and the output is recorded as incomplete or missing, with why, so the export cannot look complete when it is not.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ExportOptions, ExportOutput } from '../../../src-shared/domain/export';
import { isAppError, type AppError } from '../errors';
import type { Logger } from '../logger';
import type { MediaTools } from '../media/binaries';
import type { PlannedClip } from './export-plan';
import { inFolder, relativeTo } from './export-masters';
import { flushToDisk, hashFile } from './hashed-copy';
import type { detectH264Encoder, makeWorkingCopy, splitWorkingCopy, WorkingCopyResult } from './working-copy';

/** The ffmpeg side, as working-copy.ts provides it; tests may put in their own. */
export interface WorkingCopyTools {
  makeWorkingCopy: typeof makeWorkingCopy;
  splitWorkingCopy: typeof splitWorkingCopy;
  detectH264Encoder: typeof detectH264Encoder;
}

const REMUX_NOTE = 'The H.264 video from the recording, repackaged as MP4 without re-encoding, so the picture is exactly as recorded.';

function baseOutput(planned: PlannedClip): Pick<ExportOutput, 'kind' | 'sourceSha256' | 'derivedFrom' | 'cameraLabel' | 'clipId'> {
  return { kind: 'working', sourceSha256: null, derivedFrom: [planned.clip.id], cameraLabel: planned.clip.cameraLabel, clipId: planned.clip.id };
}

/** A working copy that could not be made: no file (empty path and hash), status 'incomplete', and why in plain words. */
export function missingWorkingCopy(options: { planned: PlannedClip; why: string }): ExportOutput {
  return {
    ...baseOutput(options.planned),
    path: '',
    size: 0,
    sha256: '',
    startMs: null,
    endMs: null,
    part: null,
    method: 'remux',
    processing: [],
    status: 'incomplete',
    note: `No working copy of ${options.planned.description}: ${options.why} The original recordings are in the masters folder.`,
  };
}

/**
 * Errors that are about this clip's footage (ffmpeg could not read it, a file went missing) become a missing working
 * copy; a cancel, a missing ffmpeg or a bug stop the export, because every other clip would fail the same way.
 */
function isClipProblem(error: unknown, signal: AbortSignal): error is AppError {
  return !signal.aborted && isAppError(error) && (error.code === 'media_failed' || error.code === 'not_found' || error.code === 'invalid_input');
}

export async function exportWorkingCopy(options: {
  planned: PlannedClip;
  folder: string;
  exportOptions: ExportOptions;
  caseReference: string;
  tools: MediaTools;
  encoder: string;
  workingCopies: WorkingCopyTools;
  splitBytes: number;
  logger: Logger;
  signal: AbortSignal;
  onEncode: (fraction: number) => void;
  onHash: (fraction: number) => void;
}): Promise<ExportOutput[]> {
  const { planned, folder, exportOptions, signal } = options;
  if (planned.inputs.length === 0) return [missingWorkingCopy({ planned, why: 'there are no recordings of this camera at that time.' })];
  const target = inFolder({ folder, relPath: planned.workingPath });
  // Hidden and ending in .mp4, so ffmpeg and file browsers both know what it is while it is being written.
  const temporary = path.join(path.dirname(target), `.${path.basename(target, '.mp4')}.partial.mp4`);
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  const first = planned.inputs[0]!.recording;
  // The true instant at the first input's in-point: what the caption's clock starts from.
  const inPointMs = first.trueStartMs + planned.inputs[0]!.input.inpointS * 1000;

  let result: WorkingCopyResult;
  try {
    result = await options.workingCopies.makeWorkingCopy({
      // Where each later file starts after the first keeps gaps between recordings as gaps, so times stay true.
      inputs: planned.inputs.map(({ input, recording }, index) => ({ ...input, startOffsetS: index === 0 ? null : (recording.trueStartMs - first.trueStartMs) / 1000 })),
      outFile: temporary,
      preset: exportOptions.preset,
      caption: exportOptions.caption
        ? { caseReference: options.caseReference, cameraLabel: planned.clip.cameraLabel, timeZone: planned.timeZone, trueStartMs: inPointMs }
        : null,
      enhancement: exportOptions.enhancement,
      tools: options.tools,
      encoder: options.encoder,
      logger: options.logger,
      signal,
      onProgress: (ratio) => options.onEncode(ratio),
      clipLabel: planned.description,
    });
  } catch (error) {
    await fs.promises.rm(temporary, { force: true });
    if (!isClipProblem(error, signal)) throw error;
    options.logger.warn('export: working copy failed', { clipId: planned.clip.id, error: error.message });
    options.onEncode(1);
    options.onHash(1);
    return [missingWorkingCopy({ planned, why: `${error.message.replace(/[.\s]*$/, '')}.` })];
  }
  options.onEncode(1);
  await fs.promises.rename(temporary, target);

  const split = await options.workingCopies.splitWorkingCopy({ file: target, maxBytes: options.splitBytes, tools: options.tools, logger: options.logger, signal });
  // Playable parts replace the whole file; it must not stay behind looking like a fourth part.
  if (split.files.length > 1 && !split.files.includes(target)) await fs.promises.rm(target, { force: true });

  const sizes = await Promise.all(split.files.map(async (file) => (await fs.promises.stat(file)).size));
  const totalBytes = sizes.reduce((sum, size) => sum + size, 0);
  let hashedBytes = 0;
  const outputs: ExportOutput[] = [];
  for (const [index, file] of split.files.entries()) {
    // Written out to the disk while it is read back (from memory) for its fingerprint.
    const [hashed] = await Promise.all([hashFile({ file, signal, onBytes: (bytes) => options.onHash(totalBytes > 0 ? (hashedBytes += bytes) / totalBytes : 1) }), flushToDisk(file)]);
    const count = split.files.length;
    const partNote = count > 1 ? ` Part ${index + 1} of ${count}: split at keyframes so each part plays by itself and fits on a FAT32 USB stick.` : '';
    outputs.push({
      ...baseOutput(planned),
      path: relativeTo({ folder, file }),
      size: hashed.size,
      sha256: hashed.sha256,
      startMs: Math.round(first.trueStartMs + result.firstPtsS * 1000),
      endMs: Math.round(first.trueStartMs + result.lastPtsS * 1000),
      part: count > 1 ? { index: index + 1, count } : null,
      method: result.method,
      processing: [...result.steps, ...split.steps],
      status: result.incomplete ? 'incomplete' : 'ok',
      note: `${result.incomplete ?? (result.method === 'remux' ? REMUX_NOTE : result.reason)}${partNote}`.trim(),
    });
  }
  options.onHash(1);
  return outputs;
}

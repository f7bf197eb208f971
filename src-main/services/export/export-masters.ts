/**
 * Masters and stills: the recorder's own files copied byte for byte (or, when asked, trimmed by stream copy), and
 * step 1's PNGs, each fingerprinted as it is copied.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ExportOutput, ProcessingStep } from '../../../src-shared/domain/export';
import { buildTrimmedMasterArgs } from '../../../src-shared/ffmpeg-args/trimmed-master';
import { describeFsError } from '../catalogue/rel-path';
import { AppError, isAppError } from '../errors';
import type { Logger } from '../logger';
import type { MediaTools } from '../media/binaries';
import { runTool } from '../media/runner';
import type { PlannedMaster, PlannedStill } from './export-plan';
import { readableTime } from './file-names';
import { copyWithHash, flushToDisk, hashFile, type HashedCopy } from './hashed-copy';

/** An export-folder path ('/'-separated) as a path on this computer. */
export function inFolder(options: { folder: string; relPath: string }): string {
  return path.join(options.folder, ...options.relPath.split('/'));
}

/** The export-folder path of a file written in it. */
export function relativeTo(options: { folder: string; file: string }): string {
  return path.relative(options.folder, options.file).split(path.sep).join('/');
}

/**
 * Plain words for a copy that failed, saying what to do: a file gone from the footage folder usually means the
 * recorder overwrote it or the drive was unplugged; a full disk says which disk, because the person can free space.
 */
function copyFailure(options: { error: unknown; what: string; gone: string; target: string }): unknown {
  const { error, what } = options;
  if (isAppError(error) || (error as Error | null)?.name === 'AbortError') return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const failedPath = (error as NodeJS.ErrnoException | null)?.path;
  if (code === 'ENOSPC') return new AppError('conflict', `The disk holding Handover's data folder is full, so ${what} could not be copied. Free some space and start the export again.`, { cause: error });
  const writing = failedPath !== undefined && failedPath.startsWith(path.dirname(options.target));
  if (code === 'ENOENT' && !writing) return new AppError('not_found', options.gone, { cause: error });
  const detail = writing ? `Could not write to the export folder (${code ?? 'unknown error'}).` : describeFsError(error, 'file');
  return new AppError('media_failed', `${what} could not be copied. ${detail}`, { cause: error });
}

function rejoinNote(options: { name: string; partNames: readonly string[]; sha256: string }): string {
  const { name, partNames, sha256 } = options;
  const windows = `copy /b ${partNames.map((part) => `"${part}"`).join(' + ')} "${name}"`;
  return (
    `Split into ${partNames.length} parts so it fits on FAT32 USB sticks, which cannot hold files of 4 GB or more. The parts joined in order ` +
    `are the original file, byte for byte: on Windows, ${windows}; on a Mac or Linux, cat "${name}".[0-9]* > "${name}". ` +
    `The joined file's SHA-256 is ${sha256}.`
  );
}

/** One output per file written: the whole file, or each part of a split one (with the whole file's hash in the note). */
function copiedOutputs(options: { copy: HashedCopy; folder: string; base: Omit<ExportOutput, 'path' | 'size' | 'sha256' | 'part'>; sourceIsCopied: boolean }): ExportOutput[] {
  const { copy, folder, base } = options;
  const count = copy.parts.length;
  return copy.parts.map((part, index) => ({
    ...base,
    path: relativeTo({ folder, file: part.file }),
    size: part.size,
    sha256: part.sha256,
    sourceSha256: options.sourceIsCopied ? copy.sha256 : base.sourceSha256,
    part: count === 1 ? null : { index: index + 1, count },
    note:
      count === 1
        ? base.note
        : [base.note, rejoinNote({ name: path.basename(copy.parts[0]!.file).replace(/\.\d+$/, ''), partNames: copy.parts.map((p) => path.basename(p.file)), sha256: copy.sha256 })]
            .filter(Boolean)
            .join(' '),
  }));
}

/** A recording copied as it is: the export's master exhibit. `sourceSha256` is the hash of the bytes read. */
export async function copyMaster(options: {
  master: PlannedMaster;
  folder: string;
  splitBytes: number;
  signal: AbortSignal;
  onBytes: (bytes: number, totalBytes: number) => void;
}): Promise<ExportOutput[]> {
  const { master, folder } = options;
  const { recording } = master;
  const target = inFolder({ folder, relPath: master.path });
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  let copy: HashedCopy;
  try {
    copy = await copyWithHash({ from: recording.absPath, to: target, splitBytes: options.splitBytes, signal: options.signal, onBytes: options.onBytes });
  } catch (error) {
    throw copyFailure({
      error,
      what: `The recording ${recording.relPath}`,
      gone: `The recording ${recording.relPath} is no longer in the footage folder: the recorder may have overwritten it, or the drive may have been unplugged. Check the drive and scan the footage folder again, then start the export again.`,
      target,
    });
  }
  const changed =
    recording.size !== null && recording.size !== copy.size
      ? `This file is ${copy.size.toLocaleString('en-GB')} bytes now but was ${recording.size.toLocaleString('en-GB')} bytes when Handover checked the footage: the recorder may have changed it since. The copy is of the file as it is now.`
      : '';
  return copiedOutputs({
    copy,
    folder,
    sourceIsCopied: true,
    base: {
      kind: 'master',
      sourceSha256: copy.sha256,
      derivedFrom: [recording.relPath],
      cameraLabel: master.cameraLabel,
      clipId: master.clipIds.length === 1 ? master.clipIds[0]! : null,
      startMs: recording.trueStartMs,
      endMs: recording.trueEndMs,
      method: 'copy',
      processing: [],
      status: 'ok',
      note: changed,
    },
  });
}

const TRIMMED_NOTE =
  'Trimmed to the clip by stream copy (remuxed): the video and sound are the recording’s own, not re-encoded, but this is a new file, not ' +
  'byte-identical to the recording, so its SHA-256 differs from the original file’s.';

/** The part of a recording one clip covers, by stream copy into a new file; labelled as remuxed, never as the original. */
export async function trimMaster(options: {
  master: PlannedMaster;
  folder: string;
  splitBytes: number;
  tools: MediaTools;
  ffmpegVersion: string;
  logger: Logger;
  signal: AbortSignal;
  onProgress: (fraction: number) => void;
}): Promise<ExportOutput[]> {
  const { master, folder, signal } = options;
  const trim = master.trim!;
  const target = inFolder({ folder, relPath: master.path });
  const temporary = `${target}.partial`;
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  const args = buildTrimmedMasterArgs({ inFile: master.recording.absPath, outFile: temporary, extension: path.extname(target), inpointS: trim.inpointS, outpointS: trim.outpointS });
  const spanS = (trim.outpointS ?? (master.recording.trueEndMs - master.recording.trueStartMs) / 1000) - trim.inpointS;
  const run = await runTool({
    tool: options.tools.ffmpeg,
    args,
    logger: options.logger,
    signal,
    onProgress: (progress) => {
      if (progress.outTimeS !== null && spanS > 0) options.onProgress(Math.min(0.95, progress.outTimeS / spanS));
    },
  }).catch((error: unknown) => {
    if (signal.aborted || !isAppError(error) || error.code !== 'media_failed') throw error;
    throw new AppError('media_failed', `Could not trim the recording ${master.recording.relPath} to the clip (${error.message}). Export the original files instead.`, { cause: error });
  });
  const step: ProcessingStep = {
    description: 'Trimmed the recording to the clip by stream copy: the video and sound packets are copied into a new file, not re-encoded.',
    tool: 'ffmpeg',
    toolVersion: options.ffmpegVersion,
    commandLine: run.commandLine,
    parameters: { inpointS: trim.inpointS, outpointS: trim.outpointS, codec: 'copy' },
  };
  let copy: HashedCopy;
  const { size } = await fs.promises.stat(temporary);
  if (size > options.splitBytes) {
    // Rare (a clip of hours): parts are cut byte-wise from the finished file, which is then no longer needed.
    copy = await copyWithHash({ from: temporary, to: target, splitBytes: options.splitBytes, signal });
    await fs.promises.rm(temporary, { force: true });
  } else {
    await fs.promises.rename(temporary, target);
    const [hashed] = await Promise.all([hashFile({ file: target, signal }), flushToDisk(target)]);
    copy = { size: hashed.size, sha256: hashed.sha256, parts: [hashed] };
  }
  options.onProgress(1);
  return copiedOutputs({
    copy,
    folder,
    sourceIsCopied: false,
    base: {
      kind: 'master',
      sourceSha256: null,
      derivedFrom: [master.recording.relPath],
      cameraLabel: master.cameraLabel,
      clipId: trim.clipId,
      startMs: null,
      endMs: null,
      method: 'remux',
      processing: [step],
      status: 'ok',
      note: TRIMMED_NOTE,
    },
  });
}

/** A still as step 1 saved it, checked against the fingerprint taken then. */
export async function copyStill(options: { planned: PlannedStill; folder: string; signal: AbortSignal }): Promise<ExportOutput> {
  const { planned, folder } = options;
  const { still } = planned;
  const target = inFolder({ folder, relPath: planned.path });
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  let copy: HashedCopy;
  try {
    copy = await copyWithHash({ from: planned.sourceFile, to: target, splitBytes: Number.MAX_SAFE_INTEGER, signal: options.signal });
  } catch (error) {
    const which = `The still of ${still.cameraLabel} at ${readableTime({ instantMs: still.frameMs, timeZone: planned.timeZone })}`;
    throw copyFailure({ error, what: which, gone: `${which} is missing from the case folder. Take it again in step 1 (or delete it), then start the export again.`, target });
  }
  const matches = copy.sha256 === still.sha256;
  return {
    kind: 'still',
    path: planned.path,
    size: copy.size,
    sha256: copy.sha256,
    sourceSha256: still.sha256,
    derivedFrom: [still.id],
    cameraLabel: still.cameraLabel,
    clipId: null,
    startMs: still.frameMs,
    endMs: still.frameMs,
    part: null,
    method: 'copy',
    processing: [],
    status: matches ? 'ok' : 'incomplete',
    note: matches ? '' : 'This still’s file has changed since it was taken: its fingerprint no longer matches the one recorded then. Take the still again in step 1.',
  };
}

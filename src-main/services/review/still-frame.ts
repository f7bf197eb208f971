/**
 * The file work behind a still: which source frame was on screen at an instant, and that frame as a PNG.
 *
 * Precision: the still is the frame shown at the asked instant, i.e. the last frame whose timestamp is at or before
 * it (a 5 fps recorder shows each frame for 200 ms). ffmpeg's own `-ss` keeps the first frame at or after the time,
 * which would be the next frame, so the frame times are listed first (ffprobe, packets only) and ffmpeg is pointed
 * between that frame and the one before it. The frame's own time is reported, to the millisecond.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { buildFrameTimesArgs, buildStillArgs } from '../../../src-shared/ffmpeg-args/still';
import { AppError, isAppError } from '../errors';
import type { Logger } from '../logger';
import type { MediaTools, ResolvedTool } from '../media/binaries';
import { runTool } from '../media/runner';

/** The window of frame times listed around the asked instant: enough before it to find the frame on screen. */
export const FRAME_WINDOW = { beforeS: 6, afterS: 1 } as const;

/** ffmpeg decoding a single frame takes a second or two; far longer means a damaged file or a stuck drive. */
export const STILL_TIMEOUT_MS = 120_000;

/** Timestamps are read to the microsecond; half a millisecond covers rounding between ms and ffprobe's decimals. */
const SAME_INSTANT_S = 0.0005;

export type FrameLocation =
  /** `frameS`: the chosen frame's time in the file; `seekS`: a point after the frame before it, for ffmpeg's `-ss`. */
  | { kind: 'frame'; frameS: number; seekS: number }
  /** The file has no video frame in the window. */
  | { kind: 'none' }
  /** Frame times could not be read (an odd container); the caller falls back to ffmpeg's own seek. */
  | { kind: 'unknown' };

/**
 * The frame on screen at `offsetS`: the last one at or before it, or the first one after it when the asked instant is
 * before the file's first frame. `ptsS` are frame times in the file, in any order (packets come in decoding order).
 */
export function pickFrameShownAt(options: { ptsS: readonly number[]; offsetS: number }): Extract<FrameLocation, { kind: 'frame' }> | null {
  const times = [...new Set(options.ptsS.filter(Number.isFinite))].sort((a, b) => a - b);
  if (times.length === 0) return null;
  let index = 0;
  for (let i = 0; i < times.length && times[i]! <= options.offsetS + SAME_INSTANT_S; i += 1) index = i;
  const frameS = times[index]!;
  const previousS = index > 0 ? times[index - 1]! : null;
  // Halfway from the previous frame is safely past it and not past this one, whatever the rounding.
  const seekS = previousS === null ? Math.max(0, frameS - 0.001) : (previousS + frameS) / 2;
  return { kind: 'frame', frameS, seekS };
}

function parseFrameTimes(stdout: string): { startS: number; ptsS: number[] } | null {
  const root = JSON.parse(stdout) as { packets?: { pts_time?: unknown }[]; format?: { start_time?: unknown } };
  const startS = Number(root.format?.start_time ?? Number.NaN);
  if (!Number.isFinite(startS)) return null;
  const ptsS = (root.packets ?? []).map((packet) => Number(packet.pts_time ?? Number.NaN) - startS).filter(Number.isFinite);
  return { startS, ptsS };
}

export async function locateFrame(options: { ffprobe: ResolvedTool; file: string; offsetS: number; logger: Logger; signal?: AbortSignal }): Promise<FrameLocation> {
  const { offsetS, logger } = options;
  const fromS = Math.max(0, offsetS - FRAME_WINDOW.beforeS);
  const args = buildFrameTimesArgs({ inFile: options.file, fromS, durationS: offsetS + FRAME_WINDOW.afterS - fromS });
  let parsed: ReturnType<typeof parseFrameTimes>;
  try {
    const { stdout } = await runTool({ tool: options.ffprobe, args, logger, signal: options.signal, captureStdout: true });
    parsed = parseFrameTimes(stdout);
  } catch (error) {
    // A missing ffprobe or a cancel is the person's to know about; a file ffprobe cannot list is not fatal.
    if (isAppError(error) && error.code !== 'media_failed') throw error;
    logger.warn('still: could not list frame times; using ffmpeg seek', { file: options.file, error: String(error) });
    return { kind: 'unknown' };
  }
  if (!parsed) return { kind: 'unknown' };
  return pickFrameShownAt({ ptsS: parsed.ptsS, offsetS }) ?? { kind: 'none' };
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's header chunk (always first, right after the signature); null if it is not a PNG. */
export function readPngSize(head: Buffer): { width: number; height: number } | null {
  if (head.length < 24 || !head.subarray(0, 8).equals(PNG_SIGNATURE) || head.toString('latin1', 12, 16) !== 'IHDR') return null;
  const width = head.readUInt32BE(16);
  const height = head.readUInt32BE(20);
  return width > 0 && height > 0 ? { width, height } : null;
}

export interface ExtractedStill {
  width: number;
  height: number;
  bytes: number;
  sha256: string;
}

/**
 * Writes the frame as `outFile`, or nothing: ffmpeg writes a hidden temporary name beside it, which is renamed only
 * once the PNG is complete and checked, and removed on any failure.
 */
export async function extractStill(options: {
  tools: Pick<MediaTools, 'ffmpeg'>;
  file: string;
  seekS: number;
  outFile: string;
  logger: Logger;
  signal?: AbortSignal;
}): Promise<ExtractedStill> {
  const dir = path.dirname(options.outFile);
  // A fresh suffix, so a temporary file left by a crash can never be taken for this one (ffmpeg will not overwrite).
  const tempFile = path.join(dir, `.${path.basename(options.outFile, '.png')}.${randomBytes(4).toString('hex')}.partial.png`);
  await fs.promises.mkdir(dir, { recursive: true });
  let published = false;
  try {
    await runTool({ tool: options.tools.ffmpeg, args: buildStillArgs({ inFile: options.file, outFile: tempFile, seekS: options.seekS }), logger: options.logger, signal: options.signal });
    const png = await fs.promises.readFile(tempFile).catch(() => Buffer.alloc(0));
    const size = readPngSize(png);
    // ffmpeg ends without error, and without a picture, when the time is past the last frame.
    if (!size) throw new AppError('media_failed', 'Handover could not get a picture from this recording at that time. The recording may be shorter than its name says, or damaged.');
    const sha256 = createHash('sha256').update(png).digest('hex');
    await fs.promises.rename(tempFile, options.outFile);
    published = true;
    return { ...size, bytes: png.length, sha256 };
  } finally {
    if (!published) await fs.promises.rm(tempFile, { force: true });
  }
}

/**
 * ffprobe and ffmpeg arguments for a still: one source frame, full size, saved losslessly as PNG.
 *
 * `-ss` before `-i` seeks fast (to a keyframe at or before the point) and, as ffmpeg does by default when decoding,
 * throws away the frames decoded before it; `-ss` after `-i` then decodes on and keeps the first frame whose time is
 * at or after the target. The fast part stops a margin short of the target because some containers (MPEG-PS, DAV)
 * seek only roughly and could otherwise land just past it. Either way the frame is exact, not the nearest keyframe.
 */
import { FFMPEG_PRELUDE, NO_OVERWRITE } from './common';

/** How far before the target the fast seek aims; the rest is decoded. */
export const STILL_FAST_SEEK_MARGIN_S = 5;

/**
 * The conversion of the recorder's YUV to the PNG's RGB: no resizing (the still keeps every source pixel), exact
 * rounding and chroma worked out per pixel rather than per block, so colours at edges are as faithful as they can be.
 */
export const STILL_SWS_FLAGS = 'bicubic+accurate_rnd+full_chroma_int';

/** Seconds as ffmpeg reads them; microseconds are its own resolution. */
export function formatSeconds(seconds: number): string {
  return seconds.toFixed(6);
}

export interface StillArgsOptions {
  inFile: string;
  /** A new file ending in .png (usually a temporary name); refused if it exists. */
  outFile: string;
  /** Seconds from the start of the file (its first timestamp, as ffmpeg counts); the first frame at or after it is kept. */
  seekS: number;
}

export function buildStillArgs(options: StillArgsOptions): string[] {
  const { inFile, outFile, seekS } = options;
  if (!Number.isFinite(seekS) || seekS < 0) throw new RangeError(`still: the time in the file must be 0 or more seconds; got ${seekS}`);
  if (inFile === '' || outFile === '') throw new RangeError('still: inFile and outFile are required');
  const fastS = Math.max(0, seekS - STILL_FAST_SEEK_MARGIN_S);
  return [
    ...FFMPEG_PRELUDE,
    NO_OVERWRITE,
    '-ss',
    formatSeconds(fastS),
    '-i',
    inFile,
    '-ss',
    formatSeconds(seekS - fastS),
    '-map',
    '0:v:0',
    '-an',
    '-sn',
    '-dn',
    '-frames:v',
    '1',
    '-sws_flags',
    STILL_SWS_FLAGS,
    '-c:v',
    'png',
    // One image, not a numbered sequence: without -update the image2 muxer expects a %d pattern in the name.
    '-f',
    'image2',
    '-update',
    '1',
    outFile,
  ];
}

export interface FrameTimesArgsOptions {
  inFile: string;
  /** The window to list, in seconds from the start of the file. */
  fromS: number;
  durationS: number;
}

/**
 * ffprobe listing the presentation times of the first video stream's packets in a window, and the file's start time
 * (ffmpeg counts `-ss` from it). Packets, not frames: nothing is decoded, so this is quick. `+` makes the window
 * relative to the file's start time, as ffmpeg's `-ss` is; ffprobe reads from the keyframe before the window.
 */
export function buildFrameTimesArgs(options: FrameTimesArgsOptions): string[] {
  const { inFile, fromS, durationS } = options;
  if (!Number.isFinite(fromS) || fromS < 0 || !Number.isFinite(durationS) || durationS <= 0) {
    throw new RangeError(`still: bad frame window ${fromS} + ${durationS} s`);
  }
  if (inFile === '') throw new RangeError('still: inFile is required');
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-select_streams',
    'v:0',
    '-read_intervals',
    `+${formatSeconds(fromS)}%+${formatSeconds(durationS)}`,
    '-show_entries',
    'packet=pts_time:format=start_time',
    '-print_format',
    'json',
    '-i',
    inFile,
  ];
}

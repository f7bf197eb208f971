/**
 * ffmpeg arguments to split a finished working copy into parts that fit a FAT32 USB stick (no file over 4 GiB), by
 * stream copy: nothing is re-encoded and each part starts on a keyframe, so each plays on its own from its first frame.
 */
import { FFMPEG_PRELUDE, NO_OVERWRITE } from './common';
import { formatSeconds } from './still';

/** The segment muxer reads `%d` in the name as the part number, so a literal '%' in a folder or file name is doubled. */
export function segmentPattern(options: { base: string; label: string }): string {
  return `${options.base.replace(/%/g, '%%')}.${options.label}%d.mp4`;
}

/** The name the segment muxer gives part `n` of segmentPattern({ base, label }). */
export function segmentFile(options: { base: string; label: string; n: number }): string {
  return `${options.base}.${options.label}${options.n}.mp4`;
}

export interface SplitArgsOptions {
  inFile: string;
  /** Each part starts at the first keyframe at or after each multiple of this. */
  segmentS: number;
  /** From segmentPattern. */
  pattern: string;
  startNumber: number;
}

/**
 * Every stream copied; timestamps restart at 0 in each part, so players show each part from its own start; each part
 * gets its index at the front like the whole file had.
 */
export function buildSplitArgs(options: SplitArgsOptions): string[] {
  const { inFile, segmentS, pattern, startNumber } = options;
  if (inFile === '' || pattern === '') throw new RangeError('split: inFile and pattern are required');
  if (!Number.isFinite(segmentS) || segmentS <= 0) throw new RangeError(`split: the part length must be positive; got ${segmentS}`);
  if (!Number.isInteger(startNumber) || startNumber < 0) throw new RangeError(`split: bad start number ${startNumber}`);
  return [
    ...FFMPEG_PRELUDE,
    NO_OVERWRITE,
    '-i',
    inFile,
    '-map',
    '0',
    '-c',
    'copy',
    // Left to itself ffmpeg shifts the whole stream so B-frames' negative decode times become positive, and the first
    // part then starts 0.2 s late; each part's MP4 handles them itself, as the whole copy did.
    '-avoid_negative_ts',
    'disabled',
    '-f',
    'segment',
    '-segment_time',
    formatSeconds(segmentS),
    '-segment_format',
    'mp4',
    '-segment_format_options',
    'movflags=+faststart',
    '-reset_timestamps',
    '1',
    '-segment_start_number',
    String(startNumber),
    pattern,
  ];
}

/**
 * Part length from the average bitrate, with room for bitrate swings (a night scene with rain costs far more than a
 * still shop) and a part running on to the next keyframe. Parts that still come out too big are split again.
 */
export function estimateSegmentSeconds(options: { sizeBytes: number; durationS: number; maxBytes: number; safety?: number }): number {
  const { sizeBytes, durationS, maxBytes } = options;
  const safety = options.safety ?? 0.85;
  if (!(sizeBytes > 0) || !(durationS > 0) || !(maxBytes > 0)) throw new RangeError('split: size, duration and the part limit must be positive');
  return (durationS * maxBytes * safety) / sizeBytes;
}

/**
 * Where a remuxed working copy's index (the MP4 `moov` box) is put. Either way it ends up before the media data, so a
 * player starts at once, even from a slow USB stick or a network share:
 *  - `+faststart`: ffmpeg writes the index after the media data, then rewrites the whole file to move it to the front.
 *    That second pass reads and writes every byte again: on a 1 GB copy it was a third of the remux's time.
 *  - `-moov_size <bytes>`: ffmpeg keeps that much room at the front and writes the index into it at the end; the room
 *    left over becomes a `free` box. One pass. The room is reserved before the first packet, so it is sized from the
 *    packets the copy is expected to hold, generously (see reservedIndexBytes).
 *
 * When the room turns out too small, ffmpeg 5.1 prints MOOV_TOO_SMALL and "Error writing trailer …" but still exits
 * with 0, and the index it wrote has run over the start of the media data: the file looks whole to ffprobe but its
 * first pictures are garbage. So the caller must look for these words in ffmpeg's output even when it succeeds, throw
 * the file away and make it again with `+faststart`.
 */

export type IndexPlacement = { kind: 'faststart' } | { kind: 'reserved'; bytes: number };

export const FASTSTART: IndexPlacement = { kind: 'faststart' };

/** ffmpeg's words when the reserved room was too small ("reserved_moov_size is too small, needed 10340 additional"). */
export const MOOV_TOO_SMALL = /reserved_moov_size is too small/;

/** ffmpeg's words when it could not finish a file; it still exits with 0 (ffmpeg 5.1 without -xerror). */
export const TRAILER_FAILED = /Error writing trailer/;

/**
 * Room per packet (video frame or audio frame). Measured on remuxes by ffmpeg 5.1: 4.2 bytes per packet for 25 fps
 * video without B-frames or sound, 9.2-10.6 with B-frames and AAC at 48 kHz, 11.2 with B-frames, variable frame
 * timing and AAC at 8 kHz, 13.4 for an Amcrest camera's file with sound (its small count makes the fixed part weigh
 * more). 32 is 2.4 times the most measured, which also absorbs a frame rate or an audio rate underestimated by half;
 * the worst any packet can need (every table with an entry per packet, 64-bit chunk offsets) is 44.
 */
export const INDEX_BYTES_PER_PACKET = 32;

/** The index's fixed part (headers, codec setup, edit list) is 1-3 KB; the rest is slack. */
export const INDEX_FIXED_BYTES = 64 * 1024;

/** AAC frames are 1024 samples; sample rates are not probed, so this assumes 48 kHz (CCTV sound is usually 8-16 kHz). */
export const AAC_PACKETS_PER_S = 48_000 / 1024;

/**
 * Below this a copy is a few tens of MB at most, which `+faststart` rewrites in milliseconds, and the fixed slack
 * would be a noticeable share of the file; so short copies keep `+faststart`.
 */
export const RESERVE_INDEX_FROM_S = 60;

/** Frame rates beyond this are a container's time base, not a camera's (MPEG-TS often says 90000): not to be trusted. */
const MAX_TRUSTED_FRAME_RATE = 240;

/**
 * The room to reserve for the index of a copy `durationS` long, or null to use `+faststart` instead: when the length
 * or the frame rate is not known (or not believable), or the copy is short (RESERVE_INDEX_FROM_S).
 */
export function reservedIndexBytes(options: { durationS: number | null; frameRate: number | null; audio: boolean }): number | null {
  const { durationS, frameRate } = options;
  if (durationS === null || !Number.isFinite(durationS) || durationS < RESERVE_INDEX_FROM_S) return null;
  if (frameRate === null || !Number.isFinite(frameRate) || frameRate <= 0 || frameRate > MAX_TRUSTED_FRAME_RATE) return null;
  const packets = Math.ceil(durationS * frameRate) + (options.audio ? Math.ceil(durationS * AAC_PACKETS_PER_S) : 0);
  return packets * INDEX_BYTES_PER_PACKET + INDEX_FIXED_BYTES;
}

/** The index placement as a choice from reservedIndexBytes. */
export function indexPlacement(bytes: number | null): IndexPlacement {
  return bytes === null ? FASTSTART : { kind: 'reserved', bytes };
}

/** The mov muxer's arguments for a placement. */
export function indexArgs(placement: IndexPlacement): string[] {
  if (placement.kind === 'faststart') return ['-movflags', '+faststart'];
  if (!Number.isSafeInteger(placement.bytes) || placement.bytes < 8) throw new RangeError(`working copy: the room for the index must be a whole number of bytes; got ${placement.bytes}`);
  return ['-moov_size', String(placement.bytes)];
}

/** Whether ffmpeg's output (stderr) says the reserved room was too small, or that it could not finish the file. */
export function indexProblem(stderr: string): 'too_small' | 'trailer_failed' | null {
  if (MOOV_TOO_SMALL.test(stderr)) return 'too_small';
  if (TRAILER_FAILED.test(stderr)) return 'trailer_failed';
  return null;
}

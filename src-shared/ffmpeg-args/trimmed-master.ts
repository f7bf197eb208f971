/**
 * ffmpeg arguments for a trimmed master: the part of one recording a clip covers, by stream copy. The video and sound
 * are the recorder's own packets, untouched, but the file is new (a new container, new timestamps), so it is not
 * byte-identical to the recording and its fingerprint differs; the export labels it as remuxed.
 */
import { FFMPEG_PRELUDE, NO_OVERWRITE } from './common';

/** Muxer per file extension the trimmed copy keeps; any other source goes into Matroska, which carries any codec. */
export const TRIMMED_MUXERS: Readonly<Record<string, string>> = { '.mp4': 'mp4', '.m4v': 'mp4', '.mov': 'mov', '.mkv': 'matroska', '.avi': 'avi', '.ts': 'mpegts' };

export interface TrimmedMasterArgsOptions {
  inFile: string;
  /** A new file (usually a temporary name); refused if it exists. */
  outFile: string;
  /** The container to write, as a key of TRIMMED_MUXERS ('.mkv' for anything else). */
  extension: string;
  /** Seconds into the recording where the clip starts; the copy starts at the keyframe at or before it. */
  inpointS: number;
  /** Seconds into the recording where the clip ends, or null for the end of the file. */
  outpointS: number | null;
}

export function buildTrimmedMasterArgs(options: TrimmedMasterArgsOptions): string[] {
  const { inFile, outFile, inpointS, outpointS } = options;
  if (inFile === '' || outFile === '') throw new RangeError('trimmed master: inFile and outFile are required');
  if (!Number.isFinite(inpointS) || inpointS < 0) throw new RangeError(`trimmed master: the in-point must be 0 or more seconds; got ${inpointS}`);
  if (outpointS !== null && !(outpointS > inpointS)) throw new RangeError(`trimmed master: the out-point must be after the in-point; got ${outpointS}`);
  const muxer = TRIMMED_MUXERS[options.extension.toLowerCase()] ?? 'matroska';
  return [
    ...FFMPEG_PRELUDE,
    NO_OVERWRITE,
    // Before -i with stream copy, -ss starts at the keyframe at or before the in-point: nothing asked for is lost.
    '-ss',
    inpointS.toFixed(6),
    '-i',
    inFile,
    ...(outpointS === null ? [] : ['-t', (outpointS - inpointS).toFixed(6)]),
    '-map',
    '0:v',
    '-map',
    '0:a?',
    '-c',
    'copy',
    // Packets before the in-point's keyframe would get negative times, which some players refuse.
    '-avoid_negative_ts',
    'make_zero',
    '-f',
    muxer,
    outFile,
  ];
}

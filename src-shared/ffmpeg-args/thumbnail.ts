/** ffmpeg arguments for one small JPEG of the frame at a point in a recording: the review timeline's picture strip. */
import { FFMPEG_PRELUDE, NO_OVERWRITE } from './common';
import { formatSeekSeconds } from './proxy';

export const THUMBNAIL = {
  /** Wide enough to tell a person from a car in a strip of sixty; a few kilobytes each. */
  width: 160,
  /** mjpeg's qscale, 2 (best) to 31; 5 keeps faces readable at this size. */
  quality: 5,
} as const;

export interface ThumbnailOptions {
  inFile: string;
  /** Seconds from the file's start. */
  offsetS: number;
  /**
   * Take the picture from the file's last second instead of at `offsetS`: for a moment past the last frame (a file a
   * little shorter than its name says), where a seek would give ffmpeg nothing to write.
   */
  fromLastSecond?: boolean;
  /** Usually a temporary name that is renamed once ffmpeg has finished. */
  outFile: string;
  width?: number;
}

export function buildThumbnailArgs(options: ThumbnailOptions): string[] {
  const { inFile, outFile } = options;
  const width = options.width ?? THUMBNAIL.width;
  if (inFile === '' || outFile === '') throw new RangeError('thumbnail: inFile and outFile are required');
  if (!Number.isInteger(width) || width < 2 || width % 2 !== 0) throw new RangeError(`thumbnail: width must be an even whole number; got ${width}`);
  return [
    ...FFMPEG_PRELUDE,
    NO_OVERWRITE,
    // Before -i: jump to the keyframe before the point and decode on to it, so the picture is of the asked moment.
    ...(options.fromLastSecond ? ['-sseof', '-1'] : ['-ss', formatSeekSeconds(options.offsetS)]),
    '-i',
    inFile,
    '-map',
    '0:v:0',
    '-frames:v',
    '1',
    '-vf',
    `scale=${width}:-2`,
    '-q:v',
    String(THUMBNAIL.quality),
    '-an',
    '-sn',
    '-dn',
    // One picture to a plain file name (no %d pattern): image2 needs -update for that.
    '-f',
    'image2',
    '-update',
    '1',
    outFile,
  ];
}

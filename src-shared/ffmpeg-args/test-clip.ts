import { FFMPEG_PRELUDE, NO_OVERWRITE } from './common';

export interface TestClipOptions {
  outFile: string;
  durationS: number;
  width: number;
  height: number;
  fps: number;
}

/** A short H.264 test pattern from lavfi; used to check that this computer's ffmpeg can encode. */
export function buildTestClipArgs(options: TestClipOptions): string[] {
  const { outFile, durationS, width, height, fps } = options;
  if (!(durationS > 0) || !(width > 0) || !(height > 0) || !(fps > 0)) throw new RangeError('test clip: sizes must be positive');
  return [
    ...FFMPEG_PRELUDE,
    NO_OVERWRITE,
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${width}x${height}:rate=${fps}:duration=${durationS}`,
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-pix_fmt',
    'yuv420p',
    '-movflags',
    '+faststart',
    outFile,
  ];
}

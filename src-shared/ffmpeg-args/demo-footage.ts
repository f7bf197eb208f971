/**
 * ffmpeg arguments for one file of synthetic recorder footage: a test pattern with the recorder's clock and the camera
 * name burnt in, so whoever watches it can check that Handover put every second in the right place.
 */
import { formatLocalDateTime, isValidLocalDateTime, localToNaiveMs, type LocalDateTime } from '../domain/local-time';
import { isValidTimeZone, resolveRecorderLocalTime } from '../domain/time';
import { FFMPEG_PRELUDE, NO_OVERWRITE } from './common';
import { escapeDrawtextFunctionArgument, escapeDrawtextLiteral, filterOptionValue } from './filter-escape';

export const DEMO_VIDEO_CODECS = ['h264', 'hevc'] as const;
export type DemoVideoCodec = (typeof DEMO_VIDEO_CODECS)[number];

/**
 * Small frames at a low rate, like a recorder's sub-stream, so a few cameras' worth of footage encodes in seconds. A
 * keyframe every 2 s keeps seeking to any second quick.
 */
export const DEMO_VIDEO = { width: 320, height: 240, fps: 5, keyframeIntervalS: 2 } as const;

/** Written into every file so nobody mistakes demo footage for a real recording. */
export const DEMO_FOOTAGE_COMMENT = 'Synthetic demo footage made by Handover. Not a real recording.';

/**
 * lavfi sources, one per camera, chosen to look clearly different and to encode quickly (noisy sources such as `life`
 * cost several times more). Seeds are fixed so the same options always give the same pictures.
 */
const CAMERA_PATTERNS: readonly { filter: string; extraOptions?: string }[] = [
  { filter: 'testsrc2' },
  { filter: 'smptebars' },
  { filter: 'rgbtestsrc' },
  { filter: 'colorspectrum', extraOptions: 'type=all' },
  { filter: 'pal75bars' },
  { filter: 'gradients', extraOptions: 'seed=7:n=3:speed=0.02' },
  { filter: 'smptehdbars' },
  { filter: 'yuvtestsrc' },
];

/** Cameras past the pattern list reuse it with the colours turned round the hue circle by this much per round. */
const HUE_STEP_DEGREES = 137;

/** Recorder overlays print the date and time to the second; strftime form for drawtext's `%{pts:gmtime}`. */
const CLOCK_FORMAT = '%Y-%m-%d %H:%M:%S';

const TEXT_STYLE = 'fontsize=16:fontcolor=white:box=1:boxcolor=black@0.7:boxborderw=3';
const TEXT_MARGIN_PX = 6;

export interface DemoSegmentOptions {
  /** Where ffmpeg writes; usually a temporary name, so the container is given with `-f` rather than read from it. */
  outFile: string;
  /** 1-based; picks the test pattern. */
  cameraIndex: number;
  cameraName: string;
  /** What the recorder's clock read at the first frame; the burnt-in clock counts on from it. */
  recorderStart: LocalDateTime;
  /** The recorder's zone, to find the true instant the file starts for `creation_time`. */
  timeZone: string;
  durationS: number;
  codec: DemoVideoCodec;
  /** A TrueType font file; drawtext needs one, and a bundled one looks the same on every computer. */
  fontFile: string;
}

/** The lavfi source for a camera, with the hue shift that tells apart cameras sharing a pattern (or null). */
export function demoPatternForCamera(cameraIndex: number): { source: string; hueDegrees: number | null } {
  if (!Number.isInteger(cameraIndex) || cameraIndex < 1) throw new RangeError(`demo footage: camera index must be 1 or more; got ${cameraIndex}`);
  const position = (cameraIndex - 1) % CAMERA_PATTERNS.length;
  const round = Math.floor((cameraIndex - 1) / CAMERA_PATTERNS.length);
  const pattern = CAMERA_PATTERNS[position] ?? { filter: 'testsrc2' };
  const sizeAndRate = `size=${DEMO_VIDEO.width}x${DEMO_VIDEO.height}:rate=${DEMO_VIDEO.fps}`;
  const source = `${pattern.filter}=${sizeAndRate}${pattern.extraOptions === undefined ? '' : `:${pattern.extraOptions}`}`;
  return { source, hueDegrees: round === 0 ? null : (round * HUE_STEP_DEGREES) % 360 };
}

/**
 * drawtext text that prints the recorder's clock on every frame. `pts:gmtime` adds the frame's timestamp to an epoch
 * and formats it as UTC; giving it the recorder's wall-clock reading as if it were UTC makes it print exactly that
 * reading, whatever zone this computer is in.
 */
export function demoClockText(recorderStart: LocalDateTime): string {
  const epochS = localToNaiveMs(recorderStart) / 1000;
  return `%{pts:gmtime:${epochS}:${escapeDrawtextFunctionArgument(CLOCK_FORMAT)}}`;
}

/** The `-vf` chain: optional hue shift, the clock top left and the camera name bottom right. */
export function buildDemoFilterGraph(options: Pick<DemoSegmentOptions, 'cameraIndex' | 'cameraName' | 'recorderStart' | 'fontFile'>): string {
  const { hueDegrees } = demoPatternForCamera(options.cameraIndex);
  const font = `fontfile=${filterOptionValue(options.fontFile)}`;
  const clock = `drawtext=${font}:text=${filterOptionValue(demoClockText(options.recorderStart))}:x=${TEXT_MARGIN_PX}:y=${TEXT_MARGIN_PX}:${TEXT_STYLE}`;
  const nameText = filterOptionValue(escapeDrawtextLiteral(options.cameraName));
  const name = `drawtext=${font}:text=${nameText}:x=w-tw-${TEXT_MARGIN_PX}:y=h-th-${TEXT_MARGIN_PX}:${TEXT_STYLE}`;
  return [...(hueDegrees === null ? [] : [`hue=h=${hueDegrees}`]), clock, name].join(',');
}

/**
 * x265 is several times slower than x264 even at 'ultrafast'. Demo footage needs a legible clock, not quality, so these
 * turn off the remaining analysis and filtering, which halves the time again. One thread per encode because
 * DEMO_MAX_PARALLEL_ENCODES encodes already keep the cores busy.
 */
const X265_SPEED_PARAMS = [
  'pools=1',
  'frame-threads=1',
  'bframes=0',
  'rc-lookahead=0',
  'aq-mode=0',
  'cutree=0',
  'no-deblock=1',
  'sao=0',
  'ctu=16',
  'max-tu-size=16',
  'tu-inter-depth=1',
  'tu-intra-depth=1',
  'rd=1',
  'ref=1',
  'max-merge=1',
  'weightp=0',
  'signhide=0',
  'early-skip=1',
  'fast-intra=1',
];

function codecArgs(codec: DemoVideoCodec): string[] {
  const gop = String(DEMO_VIDEO.fps * DEMO_VIDEO.keyframeIntervalS);
  if (codec === 'hevc') {
    // x265 logs to stderr by itself unless told not to; hvc1 is the tag Apple players need to open HEVC in MP4.
    const x265Params = ['log-level=error', `keyint=${gop}`, `min-keyint=${gop}`, 'scenecut=0', ...X265_SPEED_PARAMS].join(':');
    return ['-c:v', 'libx265', '-preset', 'ultrafast', '-crf', '36', '-x265-params', x265Params, '-tag:v', 'hvc1', '-pix_fmt', 'yuv420p'];
  }
  // A fixed keyframe interval (no scene-cut keyframes) makes every file seek the same way.
  return ['-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '28', '-g', gop, '-keyint_min', gop, '-sc_threshold', '0', '-pix_fmt', 'yuv420p'];
}

function checkOptions(options: DemoSegmentOptions): void {
  const { outFile, cameraName, recorderStart, timeZone, durationS, codec, fontFile } = options;
  if (outFile === '' || fontFile === '') throw new RangeError('demo footage: outFile and fontFile are required');
  if (cameraName.trim() === '') throw new RangeError('demo footage: the camera needs a name');
  if (!isValidLocalDateTime(recorderStart)) throw new RangeError(`demo footage: ${formatLocalDateTime(recorderStart)} is not a real date and time`);
  if (!isValidTimeZone(timeZone)) throw new RangeError(`demo footage: "${timeZone}" is not a time zone`);
  if (!Number.isFinite(durationS) || durationS * DEMO_VIDEO.fps < 1) throw new RangeError(`demo footage: duration must be at least one frame; got ${durationS}`);
  if (!DEMO_VIDEO_CODECS.includes(codec)) throw new RangeError(`demo footage: unknown codec "${String(codec)}"`);
}

/** Arguments for one MP4 segment; the output file is last. */
export function buildDemoSegmentArgs(options: DemoSegmentOptions): string[] {
  checkOptions(options);
  const { source } = demoPatternForCamera(options.cameraIndex);
  const trueStartMs = resolveRecorderLocalTime({ local: options.recorderStart, timeZone: options.timeZone }).recorderInstantMs;
  return [
    ...FFMPEG_PRELUDE,
    NO_OVERWRITE,
    '-f',
    'lavfi',
    '-i',
    source,
    '-t',
    String(options.durationS),
    '-vf',
    buildDemoFilterGraph(options),
    ...codecArgs(options.codec),
    '-metadata',
    `creation_time=${new Date(trueStartMs).toISOString()}`,
    '-metadata',
    `comment=${DEMO_FOOTAGE_COMMENT}`,
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
    options.outFile,
  ];
}
